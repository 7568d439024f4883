"""Stage 1 — read: bytes on disk -> SourceText.

Decodes UTF-8 (with or without BOM) and UTF-16/32 with a BOM, or an encoding the user names;
normalises line ends; removes characters XML 1.0 forbids (with a warning, so nothing is
silently lost); refuses binary and empty files with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from .errors import ENCODING_HINT, RecordError
from .model import SourceText

MAX_RECORD_BYTES = 64 * 1024 * 1024  # a record larger than this is almost surely not a record

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Terminal escape sequences (colours, cursor moves) pasted from a console.
_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# Characters XML 1.0 does not allow (tab, LF and CR are fine; CR is gone by then).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_record(path: Path, encoding: str | None = None) -> SourceText:
    """Read one record file; raise RecordError with a one-line reason when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            raise RecordError(
                f"file is {size // (1024 * 1024)} MB, over the {MAX_RECORD_BYTES // (1024 * 1024)} MB limit for one record"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read file: {exc.strerror or exc}") from None
    return decode_record(path, raw, encoding)


def decode_record(path: Path, raw: bytes, encoding: str | None = None) -> SourceText:
    """Bytes of a record -> SourceText: BOM-aware decoding (UTF-8, UTF-16/32 with a BOM, or the
    given codec), newlines normalised, XML-forbidden characters and terminal escapes removed with a
    warning. Raises RecordError (one line) for binary data or bytes the encoding cannot decode.
    """
    digest = hashlib.sha256(raw).hexdigest()
    text = _decode(raw, encoding)
    warnings: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n_escapes = _ANSI_ESCAPE.subn("", text)
    if n_escapes:
        warnings.append(f"removed {n_escapes} terminal control sequence(s)")
    text, n_forbidden = _XML_FORBIDDEN.subn("", text)
    if n_forbidden:
        warnings.append(f"removed {n_forbidden} character(s) that XML 1.0 does not allow (control characters or NUL)")
    if not text.strip():
        raise RecordError("file is empty" if not raw else "file has no text (only whitespace or control characters)")
    return SourceText(path=path, text=text, digest=digest, warnings=tuple(warnings))


def _decode(raw: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return raw.decode(encoding).lstrip("\ufeff")
        except LookupError:
            raise RecordError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise RecordError(f"not valid {encoding} at byte {exc.start}") from None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise RecordError(
                    f"not valid {codec.upper()} after its byte-order mark, at byte {exc.start + len(bom)}"
                ) from None
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
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12, 27))
    return controls > len(head) // 10
