"""Stage 1 — read: bytes on disk -> SourceText.

Decodes UTF-8 (with or without BOM) and UTF-16/32 with a BOM, or an encoding the user names;
normalises line ends; removes characters XML 1.0 forbids (with a warning, so nothing is
silently lost); refuses binary and empty files with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
from pathlib import Path

from .errors import ENCODING_AS_HINT, ENCODING_HINT, SIZE_HINT, RecordError, human_size
from .model import SourceText
from .plurals import counted

MAX_RECORD_BYTES = 64 * 1024 * 1024  # a record larger than this is almost surely not a record

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Terminal escape sequences (colours, cursor moves) pasted from a console: ESC-introduced
# (7-bit) and their one-character C1 forms (U+009B CSI, U+009D OSC; ECMA-48 section 5.3).
_ANSI_ESCAPE = re.compile(
    r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|[@-Z\\-_])"
    r"|\x9b[0-9;?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
)
# Controls that separate words: removing them would glue the words on either side. The
# mandatory line breaks of Unicode's line-breaking algorithm (UAX #14 classes BK and NL: VT, FF,
# NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR) end a line, as LF does; the information separators
# FS, GS, RS and US (whitespace to Unicode, but no line end) become a space.
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_SPACING_CONTROLS = re.compile("[\x1c-\x1f]")
# Characters XML 1.0 does not allow (tab, LF and CR are fine; CR is gone by then): the other C0
# controls, lone surrogates (a codec such as UTF-7 or unicode_escape can produce them) and the
# noncharacters U+FFFE/U+FFFF (XML 1.0 section 2.2, production Char); and the C1 controls
# U+0080-U+009F, which XML allows but discourages and which a terminal acts on: no text is
# written with them.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# every character the four patterns above act on (a terminal escape begins with ESC, CSI or OSC): a
# text without one is left as it is by all four
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def read_record(path: Path, encoding: str | None = None, max_bytes: int = MAX_RECORD_BYTES) -> SourceText:
    """Read one record file; raise RecordError with a one-line reason when it cannot be used.

    The size is checked before anything is read (a huge or sparse file costs no memory): a file
    over max_bytes is refused with a hint to raise the limit. Only regular files are read.
    """
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise RecordError("not a regular file (a folder, device or pipe)")
        check_record_size(st.st_size, max_bytes)
        with path.open("rb") as handle:
            # the size stat() gave first (a buffer of max_bytes would be allocated for every record), then,
            # should the file have grown since, the rest up to the bound (a file that grew is still bounded)
            raw = handle.read(min(st.st_size, max_bytes) + 1)
            if len(raw) > st.st_size and len(raw) <= max_bytes:
                raw += handle.read(max_bytes + 1 - len(raw))
        if len(raw) > max_bytes:
            raise RecordError(f"file is over the {_size(max_bytes)} limit for one record; {SIZE_HINT}")
    except OSError as exc:
        raise RecordError(f"cannot read file: {exc.strerror or exc}") from None
    return decode_record(path, raw, encoding)


def check_record_size(size: int, max_bytes: int = MAX_RECORD_BYTES) -> None:
    """Raise RecordError (one line, with the hint to raise the limit) when a record of size bytes
    is over max_bytes: `encode` and `build` refuse a file before reading it, in the same words."""
    if size > max_bytes:
        raise RecordError(f"file is {_size(size)}, over the {_size(max_bytes)} limit for one record; {SIZE_HINT}")


def record_digest(path: Path, max_bytes: int = MAX_RECORD_BYTES) -> str:
    """The SHA-256 of a record file, read in chunks after its size is checked (a huge or sparse file
    costs neither memory nor time). Raises RecordError (over max_bytes) or OSError (unreadable)."""
    check_record_size(path.stat().st_size, max_bytes)
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _size(size: int) -> str:
    """Whole megabytes from one up (the unit of --max-record-size), else bytes or KB: never "0.00 MB"."""
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else human_size(size)


def decode_record(path: Path, raw: bytes, encoding: str | None = None) -> SourceText:
    """Bytes of a record -> SourceText: BOM-aware decoding (UTF-8, UTF-16/32 with a BOM, or the
    given codec), newlines normalised, controls that separate words turned into a line end or a
    space, XML-forbidden characters and terminal escapes removed with a warning. Raises RecordError (one line) for binary data or bytes the encoding cannot decode.
    """
    digest = hashlib.sha256(raw).hexdigest()
    warnings: list[str] = []
    declared = _declared_unicode(raw, encoding) if encoding else None
    if declared:
        # the bytes say what they are: a byte-order mark, or UTF-8 with characters outside ASCII (a file in
        # another encoding is almost never valid UTF-8); decoding them as the named codec would garble them
        warnings.append(f"read as {declared}, not as {encoding} (--encoding is for files that are not UTF-8 or UTF-16)")
        encoding = None
    text = _decode(raw, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    n_escapes = n_forbidden = 0
    if _ANY_CONTROL.search(text):  # (most records hold none: one scan instead of four)
        text, n_escapes = _ANSI_ESCAPE.subn("", text)
        text = _SPACING_CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", text))
        text, n_forbidden = _XML_FORBIDDEN.subn("", text)
    if n_escapes:
        warnings.append(f"removed {counted(n_escapes, 'terminal control sequence')}")
    if n_forbidden:
        warnings.append(
            f"removed {counted(n_forbidden, 'character')} that XML 1.0 does not allow"
            " (control characters, NUL, lone surrogates or noncharacters)"
        )
    if not text.strip():
        raise RecordError("file is empty" if not raw else "file has no text (only whitespace or control characters)")
    return SourceText(path=path, text=text, digest=digest, warnings=tuple(warnings))


def text_encoding_problem(encoding: str) -> str | None:
    """Why a codec name given by the user cannot decode a record ('unknown encoding', 'not a text
    encoding' for bytes-to-bytes codecs such as base64 or zip, str-to-str ones such as rot_13, and
    'undefined'), or None when it can. The command line checks this once, as a usage error."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return "unknown encoding"
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return "not a text encoding"
    return None


def _declared_unicode(raw: bytes, encoding: str) -> str | None:
    """The Unicode encoding a record's bytes show whatever codec the user named: the one its
    byte-order mark names, or UTF-8 when the bytes are valid UTF-8 and hold characters outside ASCII;
    None when they show none, or the named codec is that encoding."""
    try:
        named = codecs.lookup(encoding).name
    except LookupError:
        return None  # an unknown codec is refused by _decode with its own message
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return None if named.startswith(codec[:6]) else codec.upper()
    if named in ("utf-8", "utf-8-sig") or raw.isascii():
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "UTF-8"


def _decode(raw: bytes, encoding: str | None) -> str:
    if encoding:
        problem = text_encoding_problem(encoding)
        if problem:
            raise RecordError(f"{problem} {encoding!r}")
        try:
            return raw.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise RecordError(f"not valid {encoding} at byte {exc.start}") from None
        except UnicodeError as exc:  # a codec that fails without a position
            raise RecordError(f"cannot decode as {encoding}: {exc}") from None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise RecordError(
                    f"not valid {codec.upper()} after its byte-order mark, at byte {exc.start + len(bom)}"
                ) from None
    utf16 = _utf32_without_bom(raw) or _utf16_without_bom(raw)
    if utf16:
        raise RecordError(f"looks like {utf16} text without a byte-order mark; {ENCODING_AS_HINT} {utf16.lower()}")
    if _looks_binary(raw):
        raise RecordError("binary file, not a text record")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"not valid UTF-8 at byte {exc.start}; convert the file to UTF-8 or {ENCODING_HINT}"
        ) from None


def _looks_binary(raw: bytes) -> bool:
    """Binary: many NULs or control bytes in the first 8 KB (a stray NUL in text is not)."""
    head = raw[:8192]
    if not head:
        return False
    if head.count(0) > max(8, len(head) // 100):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return controls > len(head) // 10


# control bytes that binary data holds and text does not (tab, line feed, form feed, carriage return
# and escape are text's)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _utf16_without_bom(raw: bytes) -> str | None:
    """'UTF-16-LE' or 'UTF-16-BE' when the first 8 KB look like ASCII text in UTF-16 (nearly every
    second byte NUL, the others not), else None."""
    head = raw[:8192]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for nuls, other, codec in ((odd, even, "UTF-16-LE"), (even, odd, "UTF-16-BE")):
        if nuls.count(0) >= 0.9 * len(nuls) and other.count(0) <= 0.1 * len(other):
            return codec
    return None


def _utf32_without_bom(raw: bytes) -> str | None:
    """'UTF-32-LE' or 'UTF-32-BE' when the first 8 KB look like ASCII text in UTF-32 (in every four
    bytes, the three high ones NUL and the low one not), else None."""
    head = raw[: 8192 - 8192 % 4]
    if len(head) < 8:
        return None
    lanes = [head[i::4] for i in range(4)]
    for low, high, codec in ((0, (1, 2, 3), "UTF-32-LE"), (3, (0, 1, 2), "UTF-32-BE")):
        quads = len(lanes[low])
        if all(lanes[i].count(0) >= 0.9 * quads for i in high) and lanes[low].count(0) <= 0.1 * quads:
            return codec
    return None
