"""Writing outputs safely: a temporary name in the same folder, then an atomic rename.

Also how a file name is shown in a message: one line, printable, whatever bytes the name holds.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .plurals import counted

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}

# What a failed write means to the person who ran the command, by errno.
_CAUSES = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "a folder is in the way",
    errno.ENOTDIR: "a file is in the way of a folder on the path",
    errno.EEXIST: "a file is in the way of a folder on the path",
    errno.ENAMETOOLONG: "file name too long",
    errno.EFBIG: "file too large for the file system",
    errno.EIO: "input/output error",
}


class OutputError(OSError):
    """An output file could not be written. str() is one line naming the real target (never the
    temporary file) and the cause, e.g. "disk full writing build/tei/rec1.xml". `fatal` is True
    when every further write would fail the same way (disk full, read-only, no permission), so a
    batch should stop rather than report the same fault once per record. `message`, when given,
    is the whole line instead (a cause that errno's words do not fit).
    """

    def __init__(self, target: Path, cause: OSError, message: str | None = None):
        code = cause.errno or 0
        reason = _CAUSES.get(code) or (cause.strerror or str(cause)).lower()
        super().__init__(code, message or f"{reason} writing {shown(target)}")
        self.target, self.reason = target, reason
        self.fatal = code in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO)

    def __str__(self) -> str:
        return str(self.strerror)


def _umask() -> int:
    """The process umask now (read by setting it and putting it back: Python has no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permissions any new file gets here (0666 less the umask), for a file made by a library
    that picks its own (mkstemp's 0600, SQLite's 0644)."""
    return 0o666 & ~_umask()


def kind_of(path: Path | str) -> str:
    """What is at path, in words for a message ("a file", "a folder", "a device", "a named pipe
    (FIFO)", "a socket", "a symbolic link whose target does not exist", "nothing"); links are
    followed. Never raises."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a symbolic link whose target does not exist" if os.path.islink(path) else "nothing"
    return "a file" if stat.S_ISREG(mode) else _kind_of_mode(mode)


class NotAFileError(OSError):
    """A path we read or write holds something that is not a regular file (a named pipe, a
    device, a socket, a folder). str() is one line: "X is a named pipe (FIFO), not a file"."""

    def __init__(self, path: Path | str, what: str):
        super().__init__(errno.EINVAL, f"{shown(path)} is {what}, not a file")
        self.path, self.what = Path(path), what

    def __str__(self) -> str:
        return str(self.strerror)


class TooLargeError(OSError):
    """A file read with a limit is larger than the limit; str() names the file and the limit."""

    def __init__(self, path: Path | str, limit: int):
        super().__init__(errno.EFBIG, f"{shown(path)} is larger than {_size(limit)}; not read")
        self.path, self.limit = Path(path), limit

    def __str__(self) -> str:
        return str(self.strerror)


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else counted(limit, "byte")


def _kind_of_mode(mode: int) -> str:
    """What a file of this (not regular) mode is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    return "a socket" if stat.S_ISSOCK(mode) else "not a file"


def read_regular(
    path: Path | str, limit: int | None = None, *, head: int | None = None, follow_links: bool = True
) -> bytes:
    """The bytes of the regular file at path (links followed, unless follow_links is False: then
    a symbolic link at path is refused as NotAFileError, with O_NOFOLLOW, no race), read without
    ever blocking.

    The one way tei-encoder reads a file that someone else may have put there (an existing
    output it compares or keeps, an input named on the command line): the file is opened with
    O_NONBLOCK (opening a named pipe then returns at once instead of waiting for a writer) and
    checked with fstat on the open descriptor (no race between the check and the read), so a
    named pipe, a device (/dev/zero never ends), a socket or a folder is never read.
    `head` reads only the first so many bytes (a larger file is no error then).
    Raises NotAFileError for anything that is not a regular file, TooLargeError when `limit`
    (bytes) is given and the file is larger, and OSError (FileNotFoundError …) when it cannot be
    opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow_links and exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
            raise NotAFileError(path, "a symbolic link") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(path, _kind_of_mode(mode))
        if limit is not None and head is None and os.fstat(fd).st_size > limit:
            raise TooLargeError(path, limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(head if head is not None else -1 if limit is None else limit + 1)
    finally:
        os.close(fd)
    if limit is not None and head is None and len(data) > limit:  # grew while we read
        raise TooLargeError(path, limit)
    return data


def existing_output(path: Path | str) -> bytes | None:
    """The bytes of an output file the build owns already at path, to compare with what we are about
    to write; None when there is none or what is there is not a regular file itself (a symbolic
    link, even to a file with the same bytes, a named pipe, a device: it is never read, and is
    treated as missing, so a build writes the output again — atomic_write(owned=True) then says why
    it cannot — instead of calling it unchanged). Never blocks, never raises."""
    if not is_owned_file(path):
        return None
    try:
        return read_regular(path)
    except OSError:
        return None


def is_owned_file(path: Path | str) -> bool:
    """True when path is itself a regular file (lstat: a symbolic link, even to a file, is not):
    the one test of an output the build owns that is there and its own."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_owned_file(path: Path | str) -> bool:
    """Remove path only when lstat says it is a regular file (one the build wrote); a user's
    symbolic link, FIFO, socket or folder there is left alone (theirs to remove, SECURITY.md).
    Returns True when a file was removed; never raises for a missing path."""
    if not is_owned_file(path):
        return False
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    return True


def is_regular(path: Path | str) -> bool:
    """True when path is a regular file (links followed); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def not_there(path: Path | str, needs: str = "a file") -> str:
    """Why path cannot be used where `needs` ("a file", "a folder") is wanted, to follow its
    name in a message: "does not exist" when nothing is there, else what is there instead
    ("is a named pipe (FIFO), not a file"), so that a pipe or device is never called missing."""
    what = kind_of(path)
    return "does not exist" if what == "nothing" else f"is {what}, not {needs}"


def not_a_folder(path: Path, needs: str) -> str:
    """The message for a path given where a folder is needed: "X: is not a folder: X is a device;
    NEEDS" (NEEDS says what the option wants, e.g. "-o needs a folder for the build")."""
    return f"{shown(path)}: is not a folder: {shown(path)} is {kind_of(path)}; {needs}"


def atomic_write(path: Path, data: bytes, *, owned: bool = False) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a part.

    Two modes. owned=True: a path the build owns (inside the output folders of `build` and
    `publish`: TEI, pages, registers, search files, assets, the build state) must be a regular file
    or absent (lstat): a symbolic link (to a file, to /dev/null, dangling), a named pipe, a socket
    or a device there is refused with one line ("X is a symbolic link, not a file the build
    writes; not written: remove it"), never written through and never replaced, so nothing outside
    the output folder is written and nothing a user put there is lost.
    owned=False (the default): a file the user named (`-o FILE`, `--report`, `--stats`), as follows.

    The file gets the permissions any new file gets (0666 less the umask), not mkstemp's 0600,
    so a web server running as another user can read a published site.
    A character device or a named pipe given as the file (/dev/null, /dev/stdout) is written to,
    never replaced by a file (run as root, a rename over /dev/null replaced the device itself);
    a named pipe only when something reads it: one nobody reads is refused at once, never waited
    on ("X is a named pipe (FIFO) that nobody reads, not a file; not written");
    any other thing that is not a file (a folder, a socket, a disk) is refused.
    Raises OutputError (an OSError) naming `path` and the cause; no temporary file is left.
    """
    if owned:
        # what lstat found: a regular file or nothing (anything else is refused), as stat would say
        mode = _refuse_unowned(path)
    else:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = None  # nothing there yet (or unreachable: mkstemp below says why)
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        _write_in_place(path, data)
        return
    try:
        # a regular file there (most writes: a page made again) has its folder, and is no folder
        if mode is None or not stat.S_ISREG(mode):
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
            if mode is not None:
                raise OSError(errno.EINVAL, f"{kind_of(path)} is in the way")
    except OSError as exc:
        raise OutputError(path, exc) from None
    _replace(path, data)


def _replace(path: Path, data: bytes) -> None:
    """Put DATA at PATH through a temporary file in its folder (which must be there) and a rename:
    a reader sees the old file or the new one. Raises OutputError; no temporary file is left."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), new_file_mode())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(path, exc) from None
        raise


def write_owned(path: Path, data: bytes, folder_there: bool = False) -> bool:
    """Write DATA at PATH, a path the build owns, as atomic_write(owned=True) does, unless the
    regular file there holds these bytes already (existing_output): one lstat of PATH tells both
    (a file, nothing, or something else, which atomic_write refuses as ever). FOLDER_THERE says
    that PATH's folder was just found to be a folder (check_owned_folders returned True): a new
    file is then written into it without making it first (made after all if it went meanwhile).
    Returns whether it wrote. Raises OutputError as atomic_write does."""
    try:
        mode: int | None = os.lstat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISREG(mode):
        try:
            if read_regular(path) == data:
                return False
        except OSError:
            pass  # unreadable (or gone): written again, as when existing_output finds none
    elif mode is not None or not folder_there:
        atomic_write(path, data, owned=True)  # refused (a link, a pipe, a folder there), or a folder to make
        return True
    try:
        _replace(path, data)
    except OutputError as exc:
        if exc.errno != errno.ENOENT:
            raise
        atomic_write(path, data, owned=True)  # its folder went away meanwhile: made again
    return True


def _refuse_unowned(path: Path) -> int | None:
    """Raise OutputError when something other than a regular file is at a path the build owns;
    else the file's mode (lstat), or None when nothing is there."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # nothing there (or unreachable: the write says why)
    if stat.S_ISREG(mode):
        return mode
    what = "a symbolic link" if stat.S_ISLNK(mode) else _kind_of_mode(mode)
    message = f"{shown(path)} is {what}, not a file the build writes; not written: remove it"
    raise OutputError(path, OSError(errno.EINVAL, what), message)


def check_owned_folders(root: Path, path: Path) -> bool:
    """Raise OutputError when a folder between root (an output folder, as the user gave it) and path
    is not itself a folder (lstat: a symbolic link to a folder elsewhere, a file): the build writes
    through no link, at the file (atomic_write owned=True) or on the way to it. Missing folders are
    fine (they are made). Returns True when every folder is there (none to make), else False."""
    folder = root
    for part in path.relative_to(root).parts[:-1]:
        folder = folder / part
        if not _owned_folder(folder, path):
            return False  # not there yet: made as a folder when the file is written
    return True


def _owned_folder(folder: Path, target: Path) -> bool:
    """True when folder is itself a folder (lstat), False when nothing is there; raise OutputError
    (naming the folder, for a write to target) when it is a symbolic link, a file or anything else."""
    try:
        mode = os.lstat(folder).st_mode
    except OSError:
        return False
    if not stat.S_ISDIR(mode):
        what = "a symbolic link" if stat.S_ISLNK(mode) else "a file" if stat.S_ISREG(mode) else _kind_of_mode(mode)
        message = f"{shown(folder)} is {what}, not a folder the build writes; not written: remove it"
        raise OutputError(target, OSError(errno.ENOTDIR, what), message)
    return True


def check_owned_paths(root: Path, folders: Iterable[str], files: Iterable[str] = ()) -> None:
    """Check, before a build writes or locks anything, the folders and files it owns below root
    (relative paths, a folder after the folders it lies in): each must be absent or, by lstat, a
    folder (folders) or a regular file (files). Anything else (a symbolic link to a folder or a file
    elsewhere, a named pipe, a socket, a device, a file where a folder belongs) raises OutputError
    with one line naming it, so nothing is written through it, replaced, or opened and waited on.
    One lstat a path: cheap enough for every build, a no-change rebuild included."""
    for relative in folders:
        _owned_folder(root / relative, root / relative)
    for relative in files:
        _refuse_unowned(root / relative)


def owned_files(root: Path, folder: str) -> list[str]:
    """Every file below root/folder (a folder the build owns), as paths relative to root, sorted;
    none when it does not exist. From listings only (scandir's file types: no stat per file, no
    link followed). Anything there that is neither a folder nor a regular file (a symbolic link, a
    named pipe, a socket, a device) raises OutputError with one line naming it: the build neither
    counts it as its own output nor writes through it, replaces it or removes it."""
    found: list[str] = []
    pending = [root / folder]
    # every path found starts with root's own spelling: cut there, not os.path.relpath (two abspath calls a file)
    prefix = len(str(root / folder)) - len(str(Path(folder)))
    while pending:
        top = pending.pop()
        try:
            entries = list(os.scandir(top))
        except (FileNotFoundError, NotADirectoryError):
            continue  # not there (a file in its place was refused by check_owned_paths)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                found.append(entry.path[prefix:])
            else:
                _refuse_unowned(Path(entry.path))
    return sorted(found)


def _write_in_place(path: Path, data: bytes) -> None:
    """Write data into a device or pipe named as an output file (OutputError when it fails).

    The file is opened with O_NONBLOCK, so a named pipe that nobody reads is refused at once
    (ENXIO) instead of waiting for a reader forever; once open, writes block as usual.
    """
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            message = f"{shown(path)} is {kind_of(path)} that nobody reads, not a file; not written"
            raise OutputError(path, exc, message) from None
        raise OutputError(path, exc) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(path, exc) from None


# atomic_write's temporary names: mkstemp's ".NAME." + 8 of [a-z0-9_] + ".tmp"
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def sweep_temp_files(*folders: Path) -> int:
    """Remove the temporary files atomic_write left in folders (and below) when the process
    writing them was killed (SIGKILL leaves them; so did a worker killed with its build).
    Only regular files named as atomic_write names them are removed, never a link or anything
    else. Returns how many were removed; never raises (an unreadable folder is passed over).
    """
    removed = 0
    for folder in folders:
        for top, _dirs, files in os.walk(folder):  # listings only; links to folders are not followed
            for name in files:
                path = os.path.join(top, name)
                try:
                    if _TEMP_NAME.fullmatch(name) and stat.S_ISREG(os.lstat(path).st_mode):
                        os.unlink(path)
                        removed += 1
                except OSError:
                    pass
    return removed


def writable_folder(folder: Path) -> None:
    """Make sure files can be created in folder (creating it); raise OutputError saying why not.

    Used before a long batch, so that a read-only or full output folder is one message at the
    start instead of one per record.
    """
    probe = folder / ".tei-encoder-probe"
    if folder.exists() and not folder.is_dir():
        message = f"{shown(folder)} is not a folder: it is {kind_of(folder)}"
        raise OutputError(folder, NotADirectoryError(errno.ENOTDIR, "not a folder"), message)
    try:
        atomic_write(probe, b"")
    except OutputError as exc:  # name the folder the user gave, not the probe
        raise OutputError(folder, OSError(exc.errno, exc.reason)) from None
    try:
        probe.unlink()
    except OSError:
        pass


# controls, line separators, surrogate-escaped bytes, and the bidirectional marks, embeddings,
# overrides and isolates (Unicode UAX #9) that reorder how the rest of a line is displayed
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(path: object) -> str:
    """A file name as one printable line: bytes that are not UTF-8 (surrogate escapes) as \\xNN,
    control characters and line separators as \\n, \\t, \\x1b …, so a name can neither break a
    message into two lines nor drive the terminal, and the text always encodes as UTF-8.
    """
    return _UNPRINTABLE.sub(_escape, str(path))


def shown_here(path: object) -> str:
    """shown(path), relative to the working directory when the path is inside it (an absolute
    path found by a search, such as an authority folder beside the records, is named as the
    user would type it); other paths as they are."""
    text = str(path)
    if os.path.isabs(text):
        here = os.path.join(os.getcwd(), "")
        if here != os.sep and text.startswith(here):
            text = text[len(here) :]
    return shown(text)


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def safe_stem(stem: str) -> str:
    """A file name stem that stays inside its folder on every OS (no separators, dots first, reserved names).
    Letters are taken in their composed form (NFC): `é` written as e + U+0301 (as macOS names
    files) is the same name as `é`, not `e_`."""
    cleaned = re.sub(r"[^\w.-]+", "_", unicodedata.normalize("NFC", stem)).strip(". ") or "record"
    if cleaned.split(".")[0].lower() in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned[:150]


def name_key(name: str) -> str:
    """What two output names share when one file system may take them for one file: the name
    with letter case folded and Unicode normalised (macOS and Windows ignore case, macOS tells
    no composed from decomposed letters). Names with the same key collide there: `Cable` and
    `cable`, `STRASSE` and `straße`."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def name_clash(name: str, earlier: str, earlier_path: object) -> str:
    """Why a file cannot have the output name `name` beside `earlier_path`, whose output name
    `earlier` has the same key (see name_key): the same name, or one that differs only in letter
    case or Unicode form (one file where names ignore them)."""
    if name == earlier:
        return f"has the same output name as {earlier_path}; rename one of them"
    return (
        f"has an output name ({name}) that differs from that of {earlier_path} ({earlier}) only in letter "
        "case or Unicode form, one file on macOS and Windows; rename one of them"
    )


def is_output_name(name: object) -> bool:
    """True when name could be a document's output name (safe_stem's characters, not only dots):
    a name read back from a state or manifest file is used to remove outputs only when it is one,
    so a damaged file never names a path elsewhere."""
    return isinstance(name, str) and _OUTPUT_NAME.fullmatch(name) is not None and name.strip(".") != ""


_OUTPUT_NAME = re.compile(r"[\w.-]+")


def inside(folder: Path, path: Path) -> bool:
    """True when path is base or lies below it (after resolving links)."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _files_below(path: Path) -> Iterator[Path]:
    """path itself when it is a file, or the files in the folder path and its sub-folders (links
    to files followed, to folders not); nothing for a path that cannot be listed."""
    if not path.is_dir():
        yield path
        return
    for top, _folders, files in os.walk(path):
        for name in files:
            yield Path(top, name)


def output_clash(target: Path, inputs: Iterable[Path], owned: Iterable[Path], read: Iterable[Path] = ()) -> str:
    """Why the file an option names as an output (`--stats FILE`, `--report FILE`) must not be
    written, in words to follow its name; "" when it may be.

    inputs: the files and folders the command reads (records, TEI, authority folders, a stylesheet):
    target is refused when it is one of their files (samefile: a link or a hard link to one
    included). owned: folders the command writes (a build's tei/, site/, state): target is refused
    anywhere inside them (resolved). read: folders whose *.txt and *.xml files a later run reads
    as inputs (a corpus, a folder of TEI named to validate): target is refused there with those
    suffixes. Never raises."""
    try:
        there = os.stat(target)
        key = (there.st_dev, there.st_ino)  # what os.path.samefile compares
    except OSError:
        key = None
    resolved = target.resolve()
    for folder in owned:
        if inside(folder, resolved):
            return f"is inside {shown(folder)}, a folder this command writes"
    for given in inputs if key is not None else ():
        for path in _files_below(given):
            try:
                found = os.stat(path)
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == key:
                return f"is {shown(path)}, one of this command's inputs"
    for folder in read:
        if folder.is_dir() and inside(folder, resolved) and resolved.suffix.lower() in (".txt", ".xml"):
            return f"would be read from {shown(folder)} as an input by the next run"
    return ""
