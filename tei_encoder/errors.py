"""Errors the pipeline raises for bad input. Each carries a one-line, user-facing message."""


class RecordError(Exception):
    """A record cannot be turned into TEI; the message says why, in one line."""


# Advice a core message gives in the library's terms; the command line words it as its option.
ENCODING_HINT = "give its encoding (for example cp1252 or latin-1)"
ENCODING_AS_HINT = "give its encoding as"
SIZE_HINT = "raise the limit if the file really is one record"


class UsageError(Exception):
    """The command was called in a way that cannot work (exit code 2)."""
