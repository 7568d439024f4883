"""An edition's folder: making a new one (`init`), and which file of a corpus is each document's
source — a plain-text record, or a TEI master (hand-corrected TEI) that wins over it.

A TEI master made by `encode --keep` starts with a processing instruction naming the record it
came from and that record's hash, `<?tei-encoder source="X.txt" sha256="…"?>`, so a later change
of the record is noticed whatever the files' times (a fresh clone gives every file a new one).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .authority import REJECTED_FILE, base_authority_dir
from .errors import REQUIREMENT_HINT, UsageError
from .fsutil import atomic_write, read_regular

# edition file -> template in tei_encoder/data/edition/ (package data cannot hold dot-files)
EDITION_FILES = {
    "README.md": "README.md",
    ".github/workflows/tei-encoder.yml": "ci.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".gitignore": "gitignore",
    "corpus/example.txt": "example.txt",
    "site/edition.css": "edition.css",
    "site/xslt/edition.xsl": "edition.xsl",
    "site/xslt/strings.json": "strings.json",
    "site/xslt/pages/about.xml": "about.xml",
}
# how an edition is built with its own look (site/): what its README, CI and pre-commit run
EDITION_BUILD = "tei-encoder build --css site/edition.css --xslt site/xslt"
_REJECTED_START = (
    "# Name forms the editors rejected: the encoder never tags them as names it found by rule\n"
    "# or as gazetteer places. One form per line; `tei-encoder authority apply` adds to it.\n"
)
_SOURCE_PI = re.compile(rb'<\?tei-encoder\s+source="([^"]*)"\s+sha256="([0-9a-f]{64})"\s*\?>')


def installed_requirement(direct_url: str | None, version: str) -> tuple[str, str | None]:
    """The pip requirement that installs this tei-encoder elsewhere (in an edition's CI), from the
    installed distribution's direct_url.json (PEP 610; None for an install from a package index),
    and a warning when it may not install there, else None.

    A git (or other VCS) install gives `tei-encoder @ git+URL@COMMIT`, an archive fetched from a
    URL gives `tei-encoder @ URL`; both install anywhere. Otherwise (an index install, a local
    folder or file, which CI does not have) the pinned version `tei-encoder==VERSION`, which
    installs only if that version is published on the package index: said in the warning.
    """
    info: dict = {}
    if direct_url:
        try:
            info = json.loads(direct_url)
        except ValueError:
            info = {}
    url = info.get("url", "") if isinstance(info, dict) else ""
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    if isinstance(vcs, dict) and url and not url.startswith("file:"):
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"tei-encoder @ {vcs.get('vcs', 'git')}+{url}" + (f"@{commit}" if commit else ""), None
    if isinstance(info, dict) and "archive_info" in info and url.startswith(("https:", "http:")):
        return f"tei-encoder @ {url}", None
    pinned = f"tei-encoder=={version}"
    where = f" (installed from {url})" if url else ""
    return pinned, (
        f"requirements.txt pins {pinned}{where}, which CI installs from the package index (PyPI) and which "
        f"fails there if this version is not published: {REQUIREMENT_HINT} (for example a git URL of "
        "your tei-encoder), or edit requirements.txt"
    )


def default_requirement() -> tuple[str, str | None]:
    """installed_requirement for the tei-encoder running now (read from its installed metadata)."""
    try:
        direct_url = metadata.distribution("tei-encoder").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct_url = None
    return installed_requirement(direct_url, __version__)


def init_edition(folder: Path, requirement: str | None = None) -> list[Path]:
    """Make a new edition in folder (new or empty): corpus/ with an example record, authority/
    with the base entries shipped with tei-encoder, site/ with an example of the site's own
    stylesheet and templates, README.md, requirements.txt, a GitHub Actions workflow and a
    pre-commit configuration that build and validate it.
    requirement: the pip requirement CI installs (default: default_requirement()).
    Returns the files written. Raises UsageError for a folder that holds files already.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: not an empty folder; init makes a new edition in a new or empty folder")
    written: list[Path] = []
    templates = resources.files("tei_encoder.data").joinpath("edition")
    for target, template in EDITION_FILES.items():
        path = folder / target
        atomic_write(path, templates.joinpath(template).read_bytes())
        written.append(path)
    requirements = folder / "requirements.txt"
    atomic_write(requirements, f"{requirement or default_requirement()[0]}\n".encode())
    written.append(requirements)
    authority = folder / "authority"
    authority.mkdir(parents=True, exist_ok=True)
    for source in sorted(base_authority_dir().glob("*.xml")):
        shutil.copyfile(source, authority / source.name)
        written.append(authority / source.name)
    atomic_write(authority / REJECTED_FILE, _REJECTED_START.encode())
    written.append(authority / REJECTED_FILE)
    return sorted(written)


@dataclass(frozen=True)
class Source:
    """One document of a corpus: its output name, the file it is built from (a record, or a
    TEI master), and the plain-text record beside a master (None when there is none).
    """

    name: str
    path: Path
    record: Path | None = None

    @property
    def is_master(self) -> bool:
        """True for hand-corrected TEI, published as it is."""
        return self.path.suffix == ".xml"


def corpus_sources(corpus: Path) -> list[Source]:
    """The documents of a corpus folder, by name: `X.xml` (a TEI master) wins over `X.txt`.
    Sub-folders (authority/, build output) are not part of the corpus.
    """
    by_stem: dict[str, dict[str, str]] = {}
    # one listing, names as strings: no stat and no Path per file (a build of 5,000 records reads it each time)
    with os.scandir(corpus) as entries:
        for entry in entries:
            stem, suffix = os.path.splitext(entry.name)
            if suffix in (".txt", ".xml") and not entry.name.startswith(".") and entry.is_file():
                by_stem.setdefault(stem, {})[suffix] = entry.name
    sources = []
    for stem, found in sorted(by_stem.items()):
        if ".xml" in found:
            record = corpus / found[".txt"] if ".txt" in found else None
            sources.append(Source(stem, corpus / found[".xml"], record))
        else:
            sources.append(Source(stem, corpus / found[".txt"]))
    return sources


def stale_master(source: Source) -> str | None:
    """A warning when the record beside a TEI master changed after the master was made from it
    (by the hash the master records, else by the files' times); None when it did not.
    """
    if not source.is_master or source.record is None:
        return None
    try:
        head = read_regular(source.path, head=512)
    except OSError:
        return None  # not a file (a named pipe …): the build reports it as unreadable
    recorded = _SOURCE_PI.search(head)
    if recorded:
        changed = hashlib.sha256(source.record.read_bytes()).hexdigest() != recorded.group(2).decode()
    else:
        changed = source.record.stat().st_mtime_ns > source.path.stat().st_mtime_ns
    if not changed:
        return None
    return (
        f"{source.record.name} changed after this TEI master was made from it; the master is used as it is "
        f"(carry the change over by hand, or delete {source.path.name} to encode {source.record.name} again)"
    )


def is_master(path: Path) -> bool:
    """True for a TEI master made by `encode --keep` (it starts with the tei-encoder processing
    instruction); False for any other file, or none."""
    try:
        return _SOURCE_PI.search(read_regular(path, head=512)) is not None
    except OSError:  # nothing there, or not a regular file (a named pipe is never opened to wait)
        return False


def master_bytes(tei: bytes, record: Path) -> bytes:
    """The TEI of a record as a TEI master: the processing instruction naming the record and its
    hash put after the XML declaration (nothing else changes).
    """
    digest = hashlib.sha256(record.read_bytes()).hexdigest()
    name = record.name.replace('"', "")
    pi = f'<?tei-encoder source="{name}" sha256="{digest}"?>\n'.encode()
    if tei.startswith(b"<?xml"):
        end = tei.index(b"?>") + 2
        newline = b"\n" if tei[end : end + 1] == b"\n" else b""
        return tei[:end] + b"\n" + pi + tei[end + len(newline) :]
    return pi + tei
