"""The files a command is given: files as named, folders searched for files of some suffixes.

Kept apart from the pipeline so that commands that only read TEI (validate, publish) find their
files without importing the encoder.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import FOLLOW_SYMLINKS_HINT, UsageError
from .fsutil import kind_of
from .invisible import is_invisible, without_invisible

SYMLINK_REFUSED = f"symbolic link, not followed ({FOLLOW_SYMLINKS_HINT})"
_SKIPPED_FOLDERS = frozenset({"authority", ".tei-encoder"})  # never documents, inside a corpus or build folder


def collect_files(
    paths: list[Path],
    suffixes: tuple[str, ...] = (".txt",),
    recursive: bool = False,
    follow_symlinks: bool = False,
    skipped: list[tuple[Path, str]] | None = None,
) -> list[Path]:
    """Files named on the command line: files as given, folders as their files with these suffixes
    (sorted; with recursive, sub-folders too).

    Searching a folder recursively skips its `authority/` folders (authority files are not
    documents: `validate corpus/` checks the records' TEI, `authority check` the authority files)
    and the build state (`.tei-encoder/`). A file named on its own is always taken.
    A symbolic link met inside a folder (to a file or a folder) is not followed unless
    follow_symlinks: a corpus must not publish what lies outside it by accident. Each refused
    link is added to `skipped` as (path, reason); without a `skipped` list the first one raises
    UsageError. Files named directly are read even when they are links: the user named them.
    Nothing that is not a regular file is read, named or found (a named pipe would block the run,
    a device never ends, a link to nothing has no content): each is skipped as a refused link is,
    with a reason naming what it is (`not_a_file`). Raises UsageError for a path that does not exist.
    """
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            files.extend(_folder_files(path, suffixes, recursive, follow_symlinks, refused))
        elif path.is_file():
            files.append(path)
        elif path.exists() or path.is_symlink():
            refused.append((path, not_a_file(path)))
        else:
            raise UsageError(f"{path}: no such file or folder")
    if refused and skipped is None:
        raise UsageError(f"{refused[0][0]}: {refused[0][1]}")
    if skipped is not None:
        skipped.extend(refused)
    return files


def _folder_files(
    folder: Path, suffixes: tuple[str, ...], recursive: bool, follow: bool, refused: list[tuple[Path, str]]
) -> list[Path]:
    """The files with these suffixes in folder (and below, when recursive), sorted by path;
    links refused unless follow; a folder reached twice through links is read once."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            st = current.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue  # a link loop, or two links to one folder
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(current.iterdir())
        except OSError:
            continue  # unreadable folder: its files were never found, as before
        refused.extend(not_taken(current, suffixes, sub_folders=not recursive))
        for entry in entries:
            is_link = entry.is_symlink()
            if entry.is_dir():
                if recursive and entry.name not in _SKIPPED_FOLDERS and not entry.name.startswith("."):
                    if is_link and not follow:
                        refused.append((entry, SYMLINK_REFUSED))
                    else:
                        pending.append(entry)
            elif entry.suffix in suffixes and not entry.name.startswith("."):
                if is_link and not follow:
                    refused.append((entry, SYMLINK_REFUSED))
                elif entry.is_file():
                    found.append(entry)
                else:  # a named pipe, socket or device, or a link to nothing: never read, never silent
                    refused.append((entry, not_a_file(entry)))
    return sorted(found)


def not_taken(folder: Path, suffixes: tuple[str, ...], sub_folders: bool = True) -> list[tuple[Path, str]]:
    """The entries of FOLDER named like inputs that are not taken as inputs, each with the reason
    (one line), sorted: the one rule of every command for what a folder's records (or TEI files)
    are, so that nothing is passed over in silence.

    An input is a file directly in the folder whose name ends in one of SUFFIXES exactly
    (lowercase: `.txt`, `.xml`) and does not start with a dot. Not taken, and returned here:
    a hidden file (`.record.txt`, and `.txt` itself: editors' backups and system files start with
    a dot), a name whose suffix differs only in case (`X.TXT`), a name with white space after its
    suffix (`a.txt `), any name that holds a suffix, read without its invisible characters
    (invisible.without_invisible), but does not end in it (`x.txt.bak`, `t.tx` + U+200B + `t`),
    and, with sub_folders (commands that do not search
    sub-folders), each file with such a name directly inside a sub-folder other than `authority/`
    and the build state (`sub/x.txt`), and each symbolic link to a folder holding such names (its
    files are not read either, with or without --follow-symlinks). Hidden folders (`.git`) are never searched."""
    wanted = {s.lower() for s in suffixes}
    found: list[tuple[Path, str]] = []
    for entry in folder_entries(folder):
        name, path = entry.name, Path(entry.path)
        if _is_dir(entry, follow=False):  # a linked folder is reported where links are, if searched
            if sub_folders and not name.startswith(".") and name not in _SKIPPED_FOLDERS:
                found += [(Path(e.path), IN_SUB_FOLDER) for e in folder_entries(path) if _looks_like_input(e, wanted)]
            continue
        if sub_folders and entry.is_symlink() and _is_dir(entry):  # a link to a folder: never read, never silent
            searched = not name.startswith(".") and name not in _SKIPPED_FOLDERS
            if searched and any(_looks_like_input(e, wanted) for e in folder_entries(path)):  # as a sub-folder's are
                found.append((path, LINKED_FOLDER))
            continue
        suffix = _input_suffix(name, wanted)
        if suffix is None:
            if _holds_suffix(name, wanted):  # `x.txt.bak`, `a.txt.orig`, `t.tx` + U+200B + `t`
                found.append((path, f"its name holds a record suffix but does not end in it ({ascii(name)}): not read"))
            continue
        if name.startswith("."):  # `.record.txt`, and `.txt` itself: a name that is all suffix
            found.append((path, HIDDEN_FILE))
        elif name != name.rstrip():
            found.append((path, ENDS_IN_SPACE))
        elif not name.endswith(suffix):  # `e.txt` + U+200B, `a.txt.`, `a.txt~`: looks like e.txt in a listing
            tail = name[len(_trimmed(name)) :]
            found.append((path, f"looks like a record but its name ends in {ascii(tail)} after the suffix: not read"))
        elif suffix not in suffixes:
            found.append((path, f"its suffix is {suffix}, not {suffix.lower()}: not read (rename it to read it)"))
    return sorted(found)


def _input_suffix(name: str, wanted: set[str]) -> str | None:
    """The suffix, as written, by which NAME looks like an input (WANTED: lowercase suffixes): its end
    matched without regard to case or to white space after it (`X.TXT`, `a.txt `, `.txt`); None when
    it does not look like one."""
    stem = _trimmed(name)
    return next((stem[-len(s) :] for s in wanted if stem.lower().endswith(s)), None)


def _trimmed(name: str) -> str:
    """NAME without what may follow a suffix unseen or unnoticed: white space, invisible characters
    (invisible.is_invisible), dots and `~` (an editor's backup)."""
    end = len(name)
    while end and (name[end - 1] in ".~" or name[end - 1].isspace() or is_invisible(name[end - 1])):
        end -= 1
    return name[:end]


def _holds_suffix(name: str, wanted: set[str]) -> bool:
    """True when NAME, read without its invisible characters, holds one of the WANTED suffixes
    (lowercase) anywhere: a copy or backup of a record (`x.txt.bak`, `x.txt.orig`), or a suffix
    split by an invisible character, which looks like a record in a listing."""
    visible = without_invisible(name).lower()
    return any(s in visible for s in wanted)


HIDDEN_FILE = "hidden file (its name starts with a dot): not read (rename it to read it)"
IN_SUB_FOLDER = "in a sub-folder: not read (only the files of the folder itself are read)"
LINKED_FOLDER = "a symbolic link to a folder: not read (only the files of the folder itself are read)"
ENDS_IN_SPACE = "its name ends in white space after the suffix: not read (rename it to read it)"


def folder_entries(folder: Path) -> list[os.DirEntry]:
    """The entries of FOLDER in the order the system lists them (sort them for output); none when
    it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _is_dir(entry: os.DirEntry, follow: bool = True) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False


def _looks_like_input(entry: os.DirEntry, wanted: set[str]) -> bool:
    named = _input_suffix(entry.name, wanted) is not None or _holds_suffix(entry.name, wanted)
    return named and not _is_dir(entry)


def not_a_file(path: Path) -> str:
    """Why an input is skipped unread: "not a regular file: it is a named pipe (FIFO); not read"."""
    return f"not a regular file: it is {kind_of(path)}; not read"


def unread_entries(folder: Path, suffixes: tuple[str, ...]) -> list[tuple[Path, str]]:
    """The entries of folder (not below it) named like inputs (these suffixes, no leading dot) that
    are neither files nor folders once links are followed (a named pipe, a socket, a device, a link
    to nothing), each with the reason it is not read, sorted. A build lists its corpus with this so
    that what it cannot read is reported, not passed over."""
    unread = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if os.path.splitext(entry.name)[1] not in suffixes or entry.name.startswith("."):
                continue
            # the listing's file type, links followed (a stat only for a link): a link to nothing is neither
            if not (entry.is_file() or entry.is_dir()):
                unread.append((Path(entry.path), not_a_file(Path(entry.path))))
    return sorted(unread)


def corpus_not_read(corpus: Path) -> list[tuple[Path, str]]:
    """The files of a corpus folder named like its documents (`*.txt` records, `*.xml` masters)
    that are not read, each with the reason, sorted: what is not a regular file (unread_entries)
    and what the one rule of not_taken leaves (hidden, wrong-case suffix, sub-folder files)."""
    return sorted([*unread_entries(corpus, CORPUS_SUFFIXES), *not_taken(corpus, CORPUS_SUFFIXES)])


CORPUS_SUFFIXES = (".txt", ".xml")  # a corpus holds records and the TEI masters made from them
