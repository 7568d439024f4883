"""Errors the pipeline raises for bad input. Each carries a one-line, user-facing message."""

from .fsutil import not_there
from .plurals import counted


class RecordError(Exception):
    """A record cannot be turned into TEI; the message says why, in one line."""


# Advice a core message gives in the library's terms; the command line words it as its option.
ENCODING_HINT = "give its encoding (for example cp1252 or latin-1)"
ENCODING_AS_HINT = "give its encoding as"
SIZE_HINT = "raise the limit if the file really is one record"
MAX_SIZE_HINT = "raise the size limit to check it"  # validate's and publish's limit for a TEI file
RNG_HINT = "give the path of tei_all.rng"
TEI_ALL_PROFILE_HINT = "check it as TEI against tei_all (the tei-all profile)"
FOLLOW_SYMLINKS_HINT = "allow links to be followed to read what it points to"
INCLUDE_ROOT_HINT = "name a folder includes may also reach, if it is trusted"  # an XInclude outside the TEI's folder
REQUIREMENT_HINT = "name the requirement to pin"  # an edition's tei-encoder, when it is made


def lines_of(text: str) -> list[str]:
    """The lines of a tool's output or an error message, split at newlines only ("" has none).

    str.splitlines also splits at U+2028, U+2029, U+0085, VT, FF and the file separators, which a
    file name inside the text may hold: a jing report line for `z\u2028y.xml` came apart into a
    line for "z" and one for a "y.xml" taken for an included file (#13)."""
    return [line.removesuffix("\r") for line in text.split("\n")] if text else []


class UsageError(Exception):
    """The command was called in a way that cannot work (exit code 2)."""


class MissingSiteInput(UsageError):
    """A file or folder given for the site does not exist. kind: "css" (the edition's stylesheet)
    or "xslt" (its folder of XSLT overrides). The command line words it with its option."""

    WHAT = {"css": "the edition's stylesheet", "xslt": "the edition's folder of XSLT overrides"}

    def __init__(self, path, kind: str):
        self.path, self.kind = path, kind
        super().__init__(f"{path}: {self.WHAT[kind]} {not_there(path, 'a file' if kind == 'css' else 'a folder')}")


def human_size(size: int) -> str:
    """A size for people, the same in every command's refusals: 512 bytes, 3.4 KB, 12.0 MB."""
    if size < 1024:
        return counted(size, "byte")
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
