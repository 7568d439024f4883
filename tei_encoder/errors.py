"""Errors the pipeline raises for bad input. Each carries a one-line, user-facing message."""


class RecordError(Exception):
    """A record cannot be turned into TEI; the message says why, in one line."""


class UsageError(Exception):
    """The command was called in a way that cannot work (exit code 2)."""
