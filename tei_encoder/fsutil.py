"""Writing outputs safely: a temporary name in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def safe_stem(stem: str) -> str:
    """A file name stem that stays inside its folder on every OS (no separators, dots first, reserved names)."""
    cleaned = re.sub(r"[^\w.-]+", "_", stem).strip(". ") or "record"
    if cleaned.split(".")[0].lower() in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned[:150]


def inside(folder: Path, path: Path) -> bool:
    """True when path is base or lies below it (after resolving links)."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
