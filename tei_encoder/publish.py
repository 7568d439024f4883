"""Stage 6 — publish: TEI -> a static HTML edition, through XSLT 3.0 (saxonche).

Stylesheets are compiled once per process. Each document page is made from its TEI; the
index and the registers are made from small per-document summaries (title, date, mentions),
so a corpus-wide page never needs every TEI file in memory at once.

Site layout (relative links only, so it works from file:// and any web server):
    index.html  persons.html  places.html  orgs.html        (the registers)
    persons/<stem>.html  places/<stem>.html  orgs/<stem>.html  (one page per register entry)
    docs/<name>.html   tei/<name>.xml   assets/edition.css  assets/edition.js
Registers, entry-page stems, mention anchors and what a pointer leads to are decided in
sitemap.py, for this module and the stylesheets alike. Any TEI is published: every word of
its text is on its page, and a page that lacks some is reported (`missing_text`).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import itertools
import json
import os
import re
import sys
import tempfile
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import IO, NamedTuple
from urllib.parse import unquote
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from . import plurals, sitemap
from .config import project_dir
from .errors import MAX_SIZE_HINT, MissingSiteInput, lines_of
from .fsutil import (
    NotAFileError,
    atomic_write,
    check_owned_folders,
    check_owned_paths,
    inside,
    is_output_name,
    is_regular,
    name_clash,
    name_key,
    read_regular,
    remove_owned_file,
    safe_stem,
    write_owned,
)
from .inputs import SYMLINK_REFUSED, folder_entries, not_taken
from .plurals import counted
from .tei import NSMAP, TEI_NS, T
from .teidoc import DETAILS, DocumentSummary, EntryInfo, KeywordInContext, json_ld
from .xmlsafe import (
    DEFAULT_MAX_MB,
    bad_xml_ids,
    describe_xml_error,
    has_xinclude,
    human_size,
    is_utf8,
    new_saxon_processor,
    parse_xml,
    resolve_xinclude,
)

DEFAULT_TITLE = "Documents of the Cold War: a TEI edition"
# the UI string that titles an edition of other projects' TEI naming none (see edition_title)
NEUTRAL_TITLE = "edition-title-neutral"
_WORD = re.compile(r"\w+")
_HTML_PARSER = etree.HTMLParser(no_network=True, collect_ids=False)
# an entity's contexts in some documents (None: all), read at once (SummaryStore.contexts_of)
ContextsOf = Callable[[str, Sequence[str] | None], Mapping[str, Sequence[KeywordInContext]]]


class PublishError(Exception):
    """A page could not be made (a stylesheet that does not compile, a failed transformation, a
    path outside the site); the message is one line.
    """

    pass


UI_STRINGS = "ui-strings.json"  # the site's words, in tei_encoder/data/
EDITION_STRINGS = "strings.json"  # an edition's translation of some or all of them, in its --xslt folder
PLURAL_CATEGORIES = "plural-categories"  # not a string: made from lang (plurals.categories) for the stylesheets
DIRECTION = "dir"  # not a string an edition sets: made from lang (sitemap.language_direction), the pages' dir
SCRIPT = "script"  # not a string an edition sets: the script of the strings' letters (sitemap.text_script)
ENTRY_STYLESHEETS = ("document.xsl", "index.xsl", "register.xsl", "entity.xsl", "search.xsl")


def ui_strings(overrides: Path | None = None) -> dict:
    """The site's UI strings: the shipped ones, updated by OVERRIDES/strings.json when there is one.

    Raises PublishError (one line naming the file, then every problem of it by its key, `; ` between) when
    the edition's file is not a JSON object, names a string the site does not have, gives a value of
    another type than the shipped one (a string, or a list of as many strings), uses a {placeholder}
    the shipped string does not fill in, or sets `lang` to something that is not a language tag."""
    strings = json.loads((Path(__file__).parent / "data" / UI_STRINGS).read_text(encoding="utf-8"))
    edition = overrides / EDITION_STRINGS if overrides is not None else None
    if edition is not None and os.path.lexists(edition):
        try:
            text = override_bytes(edition).decode("utf-8-sig")  # a BOM (Windows editors) is no error
            changes = json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise PublishError(f"{edition}: not readable JSON: {exc}") from None
        if not isinstance(changes, dict):
            raise PublishError(f"{edition}: must be a JSON object whose values are strings (or lists of strings)")
        changes = {k: v for k, v in changes.items() if not k.startswith("_")}  # "_comment" and the like
        # every problem of the file at once (an editor fixes them in one go), on the one line an error has
        problems = []
        unknown = sorted(k for k in changes if k not in strings and _counted_as(k) not in strings)
        if unknown:
            problems.append(f"{counted(len(unknown), 'unknown UI string')}: {', '.join(unknown)}")
        for key, value in changes.items():
            if key in unknown:
                continue
            problem = _string_problem(key, value, strings.get(key) or strings[_counted_as(key)])
            if problem:
                problems.append(f"{key}: {problem}")
        if problems:
            raise PublishError(f"{edition}: {'; '.join(problems)}")
        strings.update(changes)
    return strings


def ui_string_warnings(overrides: Path | None) -> list[tuple[Path, str]]:
    """Warnings about OVERRIDES/strings.json, as (the file, one line naming the key): a string
    that leaves out a {placeholder} its shipped string fills in (a page marker without {n} shows
    no page number); a `lang` Babel has no CLDR data for (its plural rules and language names fall
    back, plurals.cldr_locale). [] without a folder or file, or for a file that `ui_strings` refuses (its
    error says why)."""
    edition = overrides / EDITION_STRINGS if overrides is not None else None
    if edition is None or not os.path.lexists(edition):
        return []
    try:
        changes = json.loads(override_bytes(edition).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, PublishError):
        return []
    shipped = json.loads((Path(__file__).parent / "data" / UI_STRINGS).read_text(encoding="utf-8"))
    warnings = []
    for key, value in changes.items() if isinstance(changes, dict) else ():
        if key.startswith("_"):  # "_comment" and the like: comments, as ui_strings reads them
            continue
        original = shipped.get(key, shipped.get(_counted_as(key)))
        if isinstance(value, str) and isinstance(original, str):
            dropped = [p for p in _PLACEHOLDER.findall(original) if p not in _PLACEHOLDER.findall(value)]
            if dropped:
                warnings.append((edition, f"{key}: leaves out {{{dropped[0]}}}, which the shipped string fills in"))
        if key == "lang" and isinstance(value, str) and _LANGUAGE_TAG.match(value) and not plurals.cldr_known(value):
            fallback = plurals.cldr_locale(value).replace("_", "-")
            warnings.append(
                (
                    edition,
                    f"lang: Babel has no CLDR data for '{value}': its plural forms and names of languages are "
                    f"those of '{fallback}'",
                )
            )
    return warnings


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_OTHER_CATEGORY = re.compile(r"-(?:zero|two|few|many)$")  # a counted phrase's forms that English has not


def _counted_as(key: str) -> str:
    """The shipped string whose form KEY is: a counted phrase's `-other` for the plural categories
    a translation may add (`docs-few` is a form of `docs-other`); KEY itself for any other key."""
    return _OTHER_CATEGORY.sub("-other", key)


# BCP 47's shape (RFC 5646 §2.1): a language subtag of two or three letters (the four- and
# five-to-eight-letter ones are reserved, none is registered: "english" is no tag), then subtags
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _string_problem(key: str, value: object, shipped: str | list[str]) -> str:
    """What is wrong with an edition's VALUE for the UI string KEY whose shipped value is SHIPPED;
    '' when nothing is."""
    if isinstance(shipped, list):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"must be a list of {counted(len(shipped), 'string')}"
        if len(value) != len(shipped):
            return f"must be a list of {counted(len(shipped), 'string')}, not {len(value)}"
        return ""
    if not isinstance(value, str):
        return "must be a string"
    if key == "lang" and not _LANGUAGE_TAG.match(value):
        return f"'{value}' is not a language tag (BCP 47, for example 'de' or 'pt-BR')"
    unknown = [p for p in _PLACEHOLDER.findall(value) if p not in _PLACEHOLDER.findall(shipped)]
    if unknown:
        known = ", ".join(f"{{{p}}}" for p in _PLACEHOLDER.findall(shipped)) or "none"
        return f"unknown placeholder {{{unknown[0]}}} (this string fills in: {known})"
    return ""


_OVERRIDE_KIND = {EDITION_STRINGS: "a file of UI strings"}  # what each file of the --xslt folder must be


def override_bytes(path: Path) -> bytes:
    """The bytes of one file of an edition's --xslt folder (a *.xsl module or strings.json), read
    with fsutil.read_regular: a named pipe someone put there is never waited on (SECURITY.md #13).
    Raises PublishError "X is a named pipe (FIFO), not a stylesheet" for anything that is not a
    regular file, OSError when the file cannot be read."""
    try:
        return read_regular(path)
    except NotAFileError as exc:
        raise PublishError(f"{path} is {exc.what}, not {_OVERRIDE_KIND.get(path.name, 'a stylesheet')}") from None


def override_files(overrides: Path | None, follow_symlinks: bool = False) -> list[Path]:
    """An edition's XSLT modules (OVERRIDES/*.xsl, sorted by name); [] without a folder.
    Raises PublishError when the folder does not exist, when one of its modules or its
    strings.json is a symbolic link and not follow_symlinks (the corpus's rule, SECURITY.md
    "Symbolic links"), or is not a regular file (a named pipe, a folder: see `override_bytes`)."""
    if overrides is None:
        return []
    if not overrides.is_dir():
        raise MissingSiteInput(overrides, "xslt")
    modules = sorted(overrides.glob("*.xsl"))
    for path in [*modules, overrides / EDITION_STRINGS]:
        if path.is_symlink() and not follow_symlinks:
            raise PublishError(f"{path}: {SYMLINK_REFUSED}")
        if os.path.lexists(path):
            try:
                override_bytes(path)
            except OSError as exc:
                raise PublishError(f"{path}: not readable: {exc.strerror or exc}") from None
    return modules


# Saxon's compile errors: "Error ... on line L column C of NAME:" then the code and reason, indented
_SAXON_WHERE = re.compile(r"on line (\d+)(?: column (\d+))? of ([^\n]*?):?\s*$")
_SAXON_REASON = re.compile(r"^\s+(?:([A-Z]{4}\d{4})\s+)?(.*)$")


COMPILE_ERROR = "stylesheet does not compile"


def compile_error(message: str, modules: list[Path], overrides: Sequence[Path] = ()) -> str:
    """One line for a stylesheet Saxon would not compile: "FILE:LINE:COL: stylesheet does not
    compile: CODE reason" (see `saxon_error`). When Saxon blames a shipped module's call of a
    named template that one of the edition's OVERRIDES replaces with other parameters (a hook
    such as site-header without its `current` parameter: XTSE0680, XTSE0690), the line names the
    edition's module and the parameter the shipped call expects instead (`_signature_error`)."""
    line = saxon_error(message, modules, COMPILE_ERROR)
    if overrides:
        return _signature_error(line, overrides) or line
    return line


# "FILE:LINE:COL: stylesheet does not compile: XTSE0680 Parameter current is not declared …"
_SIGNATURE = re.compile(rf"^(.+?):(\d+)(?::\d+)?: {COMPILE_ERROR}: (XTSE0680|XTSE0690) (.*)$")
_PARAMETER = re.compile(r"[Pp]arameter \$?([\w.-]+)")
_PLAIN_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_CALLED = re.compile(r'call-template\s+name\s*=\s*["\']([^"\']+)')


def _signature_error(line: str, overrides: Sequence[Path]) -> str | None:
    """The one-line error naming the edition's module whose named template has other parameters
    than the shipped call at LINE's place expects; None when LINE is not such an error."""
    found = _SIGNATURE.match(line)
    if found is None or Path(found.group(1)) in overrides:
        return None
    where, number, code, reason = found.groups()
    try:
        source = Path(where).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    at = int(number)
    called = None
    for text in reversed(source[max(0, at - 4) : at]):  # the call, on the line or just above its with-param
        if (match := _CALLED.search(text)) is not None:
            called = match.group(1)
            break
    if called is None:
        return None
    for module in overrides:
        try:  # read as the edition's modules are (never a named pipe), no entity or DTD loaded
            tree = etree.fromstring(override_bytes(module), _PLAIN_XML)
        except (etree.XMLSyntaxError, OSError, PublishError):
            continue
        for template in tree.iter("{http://www.w3.org/1999/XSL/Transform}template"):
            if template.get("name") != called:
                continue
            param = _PARAMETER.search(reason)
            name = param.group(1) if param else "?"
            if code == "XTSE0680":
                wanted = f'it must declare <xsl:param name="{name}"/>, which the shipped call passes'
            else:
                wanted = f"its parameter {name!r} must be optional (not required): the shipped call does not pass it"
            return (
                f"{module}:{template.sourceline}: {COMPILE_ERROR}: the template {called!r} replaces the shipped one "
                f"(called at {Path(where).name}:{number}); {wanted} ({code})"
            )
    return None


RUNTIME_ERROR = "stylesheet failed while running"


def saxon_error(message: str, modules: list[Path], what: str) -> str:
    """One line "FILE:LINE:COL: WHAT: CODE reason" from the first error of Saxon's report MESSAGE
    (a compile error, or the report a failed transformation writes to stderr). Saxon names a
    module by its file name only; MODULES (the edition's overrides first, then the shipped
    stylesheets) give the full path. Without a location in MESSAGE, the first module is named."""
    lines = lines_of(message.strip())
    for i, line in enumerate(lines):
        where = _SAXON_WHERE.search(line)
        if where is None:
            continue
        reason: list[str] = []
        for more in lines[i + 1 :]:
            part = _SAXON_REASON.match(more)
            if part is None:  # the next error (or the stack of templates) starts at the margin
                break
            reason.append(f"{part.group(1)} {part.group(2)}" if part.group(1) and not reason else part.group(2))
        name = where.group(3).strip().removeprefix("file://")
        module = next((m for m in modules if m.name == Path(name).name), Path(name))
        column = f":{where.group(2)}" if where.group(2) else ""
        text = " ".join(" ".join(reason).split()) or line.strip()
        return f"{module}:{where.group(1)}{column}: {what}: {text}"
    first = " ".join(" ".join(lines).split()) or "no reason given"
    return f"{modules[0] if modules else 'stylesheet'}: {what}: {first}"


class _StderrCapture:
    """Holds what native code (Saxon) writes to file descriptor 2 while a transformation runs:
    Saxon prints its report of a failure there, tens of lines per page, which the tool reduces to
    one line. Whatever else is written meanwhile (xsl:message) is passed on when the run ends."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None

    def __enter__(self) -> _StderrCapture:
        if self._file is None:
            self._file = tempfile.TemporaryFile()
        if self._written():  # emptied only when the last run wrote something (most write nothing)
            self._file.seek(0)
            self._file.truncate()
        sys.stderr.flush()
        self._saved = os.dup(2)
        os.dup2(self._file.fileno(), 2)
        return self

    def __exit__(self, *exc_info) -> None:
        os.dup2(self._saved, 2)
        os.close(self._saved)

    def _written(self) -> bool:
        """Whether anything was written to the file: its offset, which the writes through file
        descriptor 2 move (the same open file), is past the start."""
        assert self._file is not None
        return os.lseek(self._file.fileno(), 0, os.SEEK_CUR) > 0

    def text(self) -> str:
        """What was written during the last capture."""
        assert self._file is not None
        if not self._written():
            return ""
        self._file.seek(0)
        return self._file.read().decode("utf-8", "replace")


def _saxon_processor():
    """The process's one Saxon processor: every Publisher makes its values and compiles with it, so
    that a stylesheet compiled for one Publisher serves the next (see _COMPILED). A forked child
    makes its own (Saxon's threads do not survive a fork)."""
    pid = os.getpid()
    if pid not in _PROCESSOR:
        _PROCESSOR.clear()
        _PROCESSOR[pid] = new_saxon_processor("publishing")  # SaxonMemoryError under a low `ulimit -v`
    return _PROCESSOR[pid]


_PROCESSOR: dict[int, object] = {}


# Compiled stylesheets kept for the process, by (process, thread, stylesheet, override files, a digest of
# every module's bytes): a build, a test or a second Publisher for the same stylesheets compiles
# none again, and a module edited meanwhile (its bytes differ) is compiled afresh. An executable
# holds its parameters while it runs, so each thread has its own. The least recently used go first.
_COMPILED: OrderedDict[tuple, object] = OrderedDict()
_COMPILED_KEPT = 64

# What each compiled stylesheet's parameters were last set for, by id(executable): (the serial of
# the Publisher that set them, the names of the constants and of the page's own parameters). A page
# of the same Publisher with the same names needs only its own parameters set, not the constants
# (UI strings, registers, tables of names: a twentieth of a millisecond a page). An id is not
# taken for another stylesheet while the one it names lives, and a Publisher holds the stylesheets
# it ran (its cached properties) for as long as it lives: a serial found here with an id is that
# Publisher's, whose stylesheet has this id. Serials are never used again.
_GIVEN: dict[int, tuple[int, tuple[str, ...], frozenset[str]]] = {}
_SERIALS = itertools.count()


def _modules_digest(modules: list[Path]) -> str:
    """A digest of the bytes of MODULES (missing ones count as empty): what a compiled stylesheet
    was made from. A module that imports a file outside the shipped and override folders is not
    covered; such a file edited during one process is not seen until the process ends."""
    digest = hashlib.blake2b(digest_size=16)
    for module in modules:
        digest.update(str(module).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(read_regular(module))  # never waits on a named pipe
        except OSError:
            pass
        digest.update(b"\0")
    return digest.hexdigest()


_SERIES_TITLES = etree.XPath(
    "tei:fileDesc/tei:titleStmt/tei:title[@level = 's'] | tei:fileDesc/tei:seriesStmt/tei:title",
    namespaces={"tei": TEI_NS},
)
_OURS_IN_HEADER = etree.XPath(
    "tei:encodingDesc/tei:appInfo/tei:application[@ident = 'tei-encoder']", namespaces={"tei": TEI_NS}
)


def _header_title(path: Path, max_bytes: int) -> tuple[str, bool] | None:
    """The title PATH gives its collection, read from its (first) teiHeader alone: a teiCorpus's
    own title (TEI P5 §15.1), a TEI document's series title (`titleStmt/title[@level="s"]`, else
    `seriesStmt/title`, §2.2.5), '' when none; and whether tei-encoder wrote it. None for a file
    that is no regular file, is larger than MAX_BYTES, declares a DOCTYPE or is not well-formed up
    to its header (publishing it fails and says why)."""
    if not is_regular(path) or path.stat().st_size > max_bytes:
        return None
    try:
        for _, header in etree.iterparse(
            str(path), events=("end",), tag=f"{{{TEI_NS}}}teiHeader", resolve_entities=False, no_network=True
        ):
            if header.getroottree().docinfo.doctype:
                return None  # refused when published (no DTDs)
            root = header.getparent()
            if root is not None and root.tag == f"{{{TEI_NS}}}teiCorpus":
                return sitemap.document_title(root), False
            series = next((" ".join("".join(t.itertext()).split()) for t in _SERIES_TITLES(header)), "")
            return series, root is not None and root.getparent() is None and bool(_OURS_IN_HEADER(header))
    except (etree.XMLSyntaxError, OSError):
        return None
    return "", False  # no header: no title, and not ours (tei-encoder writes one)


def edition_title(paths: Sequence[Path], max_bytes: int) -> tuple[str, bool]:
    """For `publish` without --title or a configured one: (the title every one of PATHS gives its
    collection when they all give the same, else ''; whether tei-encoder wrote them all, so that the
    project's default title fits). Files that cannot be read are left out (see _header_title)."""
    facts = [f for f in (_header_title(path, max_bytes) for path in paths) if f is not None]
    titles = {title for title, _ in facts}
    shared = titles.pop() if len(titles) == 1 else ""
    return shared, bool(facts) and all(ours for _, ours in facts)


# the document stylesheet's template that gives its parameters that depend on no document
DOCUMENT_CONSTANTS = "{urn:tei-encoder:functions}document-constants"


class Publisher:
    """Compiled stylesheets for one process. Not shared between threads.

    edition_title: the title on every page (else the edition's strings.json `edition-title`, else
    DEFAULT_TITLE, or with neutral_title the UI string `edition-title-neutral`; an override folder
    changes it only by the `edition-title` its strings.json sets); xslt_dir: the shipped stylesheets (default: the
    package's xslt/); overrides: an edition's folder whose *.xsl are imported after each page
    stylesheet, so their templates (the hooks of xslt/shell.xsl, or any other) win, and whose
    strings.json translates the UI strings; custom_css: the site has assets/custom.css (see
    copy_assets); search: the site has a full-text search page; follow_symlinks: read override
    files that are symbolic links; documents: the output names of the edition's documents (a ref
    to one's file is no unresolved target, see sitemap.reference_warnings). Raises PublishError for a missing override folder, a link
    there without follow_symlinks, bad strings.json, or a stylesheet that does not compile.
    `shipped` says the pages are the shipped stylesheets' alone (no overrides, the package's
    xslt/): only then may the lost-text check be left out where `every_word_shown` holds.
    """

    def __init__(
        self,
        edition_title: str | None = None,
        xslt_dir: Path | None = None,
        overrides: Path | None = None,
        custom_css: bool = False,
        search: bool = False,
        follow_symlinks: bool = False,
        neutral_title: bool = False,
        documents: Collection[str] = (),
    ):
        self.xslt_dir = xslt_dir or project_dir("xslt")
        # the output names of the edition's documents: a ref to one's file is no target to warn of
        self.documents = frozenset(documents)
        self.overrides = override_files(overrides, follow_symlinks)
        # the edition's own prose pages (OVERRIDES/pages/*.xml: about, introduction, principles)
        self.edition_page_warnings: list[tuple[Path, str]] = []
        self.edition_pages = edition_pages(overrides, follow_symlinks, self.edition_page_warnings)
        strings = ui_strings(overrides)
        # the title: EDITION_TITLE (--title, or the one the documents share), else the edition's
        # own (`edition-title` in its strings.json), else the project's default, or a neutral one
        # (`edition-title-neutral`) for TEI of other projects (see `edition_title`)
        configured = " ".join(strings.get("edition-title", "").split())
        # an override folder changes the title only by the edition-title it sets (`init` puts a
        # neutral one there for the editors to replace): given hooks alone, the title is as without them
        self.edition_title = edition_title or configured or (strings[NEUTRAL_TITLE] if neutral_title else DEFAULT_TITLE)
        # a page of TEI that is not ours is titled by its document alone unless the edition is named
        self.titled = edition_title is not None or bool(configured)
        # the plural category of each small number in the strings' language (ui.xsl's f:count)
        strings[PLURAL_CATEGORIES] = list(plurals.categories(strings["lang"]))
        # the site's writing direction follows its words' language (site.json lists the right-to-left ones)
        self.direction = strings[DIRECTION] = sitemap.language_direction(strings["lang"])
        # ... and its script is that of its words: a name in another shows with its own lang and dir
        strings[SCRIPT] = sitemap.text_script(
            " ".join(v for k, v in strings.items() if isinstance(v, str) and k != "lang")
        )
        self.strings = json.dumps(strings, ensure_ascii=False)
        self._ui = strings  # a gap's words are worded with them (sitemap.annotate, signs.gap_words)
        self.flags = {"custom-css": "yes" if custom_css else "", "search-page": "yes" if search else ""}
        self._proc = _saxon_processor()
        self._serial = next(_SERIALS)  # tells this Publisher's parameters on a shared stylesheet (_GIVEN)
        self._stderr = _StderrCapture()
        # pages made by the shipped stylesheets alone: every_word_shown holds for them
        self.shipped = not self.overrides and self.xslt_dir.resolve() == project_dir("xslt").resolve()
        # the hover of a span or bounds, worded in Python for the shipped stylesheets (an edition's
        # may word dates its own way: f:date-label does it for them)
        self._date_labels = sitemap.DateLabels(strings) if self.shipped else None

    def _compile(self, name: str):
        path = self.xslt_dir / name
        modules = [*self.overrides, path, *sorted(self.xslt_dir.glob("*.xsl"))]
        key = (os.getpid(), threading.get_ident(), str(path), tuple(map(str, self.overrides)), _modules_digest(modules))
        cached = _COMPILED.get(key)
        if cached is not None:
            _COMPILED.move_to_end(key)
            return cached
        compiler = self._proc.new_xslt30_processor()
        compiler.set_cwd(str(self.xslt_dir))
        try:
            if not self.overrides:
                executable = compiler.compile_stylesheet(stylesheet_file=str(path))
            else:
                # the edition's modules are imported last: their templates have the highest precedence
                imports = "".join(
                    f'<xsl:import href="{escape(p.resolve().as_uri())}"/>' for p in [path, *self.overrides]
                )
                wrapper = f'<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">{imports}</xsl:stylesheet>'
                executable = compiler.compile_stylesheet(stylesheet_text=wrapper)
        except Exception as exc:  # saxonche raises its own PySaxonApiError
            raise PublishError(compile_error(str(exc), modules, self.overrides)) from None
        _COMPILED[key] = executable
        while len(_COMPILED) > _COMPILED_KEPT:
            _COMPILED.popitem(last=False)
        return executable

    def check(self) -> None:
        """Compile every page stylesheet now (they are otherwise compiled when first used), so an
        edition's broken override is one error before any page is written. Raises PublishError."""
        for name in ("_document", "_index", "_register", "_entity", "_search"):
            getattr(self, name)

    @cached_property
    def _document(self):
        return self._compile("document.xsl")

    @cached_property
    def _index(self):
        return self._compile("index.xsl")

    @cached_property
    def _register(self):
        return self._compile("register.xsl")

    @cached_property
    def _constants(self) -> dict:
        """The parameters every page gets, as Saxon values made once: the UI strings already
        parsed into the map the stylesheets read (ui.xsl's $ui), the site's registers into the
        maps common.xsl's $registers holds."""
        make = self._proc.make_string_value

        def parsed(json_text: str, path: str):
            reader = self._proc.new_xpath_processor()
            reader.set_parameter("json", make(json_text))
            return reader.evaluate(f"parse-json($json){path}")

        return {
            "edition-title": make(self.edition_title),
            "site": make(sitemap.site_json()),
            "registers": parsed(sitemap.site_json(), "?registers?*"),
            "list-kinds": parsed(sitemap.site_json(), "?lists"),
            "ui-strings": make(self.strings),
            "ui": parsed(self.strings, ""),
            # the edition's own pages in the navigation: [href, label] each (see edition_pages)
            "edition-pages": parsed(json.dumps([[f"{p.name}.html", p.label] for p in self.edition_pages]), ""),
            **{name: make(value) for name, value in self.flags.items()},
        }

    @cached_property
    def _document_constants(self) -> dict:
        """The document stylesheet's parameters that depend on no document, as it makes them
        (xslt/document.xsl's template f:document-constants: tables of element names), made once
        and passed to every page. {} when an edition imports modules of its own (they might make
        them from anything) or the stylesheet has no such template: each page then makes them."""
        if self.overrides:
            return {}
        executable = self._document
        _GIVEN.pop(id(executable), None)  # its parameters are set here for this call alone
        executable.clear_parameters()
        for name, constant in self._constants.items():
            executable.set_parameter(name, constant)
        executable.set_result_as_raw_value(True)
        try:
            with self._stderr:
                found = executable.call_template_returning_value(DOCUMENT_CONSTANTS)
            values = found.head if found is not None and found.size == 1 else None
            if values is None or not values.is_map:
                return {}
            return {str(key): values.get(key) for key in values}
        except Exception:  # saxonche's PySaxonApiError: an edition's modules replaced the template
            return {}
        finally:
            executable.set_result_as_raw_value(False)

    @cached_property
    def _builder(self):
        """One document builder for every page's input (the processor's parse_xml makes a new
        one for each, a tenth of a millisecond a page)."""
        return self._proc.new_document_builder()

    def _run(self, executable, xml_text: str, constants: dict | None = None, **params: str) -> bytes:
        # the constants are set again only when another Publisher, or a call with other parameter
        # names, gave the stylesheet its last ones (see _GIVEN); the page's own are set every time
        given = (self._serial, tuple(constants or ()), frozenset(params))
        if _GIVEN.get(id(executable)) != given:
            _GIVEN.pop(id(executable), None)
            executable.clear_parameters()
            for name, constant in self._constants.items():
                executable.set_parameter(name, constant)
            for name, constant in (constants or {}).items():
                executable.set_parameter(name, constant)
            _GIVEN[id(executable)] = given
        for name, value in params.items():
            executable.set_parameter(name.replace("_", "-"), self._proc.make_string_value(value))
        try:
            with self._stderr:
                node = self._builder.parse_xml(xml_text=xml_text)
                page = executable.transform_to_string(xdm_node=node).encode("utf-8")
        except Exception as exc:
            report = self._stderr.text()
            if _SAXON_WHERE.search(report) is None:  # no located report: Saxon's exception says why
                report = f"{report}\n{exc}"
            modules = [*self.overrides, *sorted(self.xslt_dir.glob("*.xsl"))]
            raise PublishError(saxon_error(report, modules, RUNTIME_ERROR)) from None
        printed = self._stderr.text()  # an edition's xsl:message: passed on as it was
        if printed:
            sys.stderr.write(printed)
        return page

    def document_page(self, tei: bytes, name: str) -> bytes:
        """The HTML page of one TEI document (see `render_document`)."""
        return self.render_document(tei, name)[0]

    def render_document(
        self,
        tei: bytes,
        name: str,
        tree: etree._ElementTree | None = None,
        scope: Mapping[str, str] | None = None,
        edition_page: bool = False,
        linkable: Collection[str] = (),
    ) -> tuple[bytes, list[str]]:
        """The HTML page of one TEI document and warnings about text the page does not show.
        SCOPE: entities kept apart from others of the same id (`sitemap.annotate`). EDITION_PAGE:
        the page is one of the edition's own prose pages (`edition_pages`), NAME.html at the site's
        root: its title and text with the site's header, navigation and footer, no document panels;
        it links only the pages of LINKABLE (site-relative: entry pages, docs/X.html), see
        `sitemap.edition_page_links`.

        The stylesheets read a copy of the TEI annotated by `sitemap.annotate` (links, anchors,
        writing directions): TREE when given (the TEI parsed as below, for this call only: it
        is annotated in place). Raises PublishError when the TEI is not well-formed or a
        transformation fails."""
        if tree is None:
            try:
                # read as read_tei read it: huge text nodes (size bounded there), repeated ids allowed
                tree = parse_xml(data=tei, huge=True, collect_ids=False)
            except (etree.XMLSyntaxError, ValueError) as exc:
                raise PublishError(f"not publishable XML: {lines_of(str(exc))[0]}") from None
        root = tree.getroot()
        warnings = []
        if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
            warnings.append(f"the root element is <{etree.QName(root).localname}>, not TEI P5's TEI or teiCorpus")
        if sitemap.PUB_NS.encode() in tei and sitemap.drop_annotations(root):
            # only publish writes its annotations: ones the input carries (a copy of ours, or forged
            # links) are dropped before annotating, never followed
            warnings.append(f"attributes in tei-encoder's publishing namespace {sitemap.PUB_NS} ignored")
        root = sitemap.annotate(root, self.direction, self._date_labels, self._ui, scope)
        date, date_text = sitemap.document_date(root)
        if edition_page:  # a prose page: links only to pages the site has
            warnings += sitemap.edition_page_links(root, linkable)
        warnings += sitemap.unlisted_warnings(root)  # before the copy: it reads and removes pub:unlisted
        warnings += sitemap.date_warnings(root)
        if sitemap.has_life_dates(tei):  # an entry's birth or death (few documents have entries with them)
            warnings += sitemap.life_date_warnings(root)
        ours = _is_ours(root)
        if ours:  # its header's own wording (responsibilities, languages) in the site's language
            sitemap.mark_own_header(root, self._ui)
        if b"textLang" in tei and sitemap.empty_text_languages(tei):  # a language given by its code alone
            sitemap.mark_text_languages(root, self._ui["lang"])
        if b"note" in tei:  # an empty note: left out of the numbered notes, said here
            warnings += sitemap.note_warnings(root)
        if b"target" in tei:  # most documents point nowhere: no search for their pointers
            warnings += sitemap.reference_warnings(root, () if edition_page else self.documents)
        if root.get(sitemap.P + "readings"):  # an entity named only in a reading the page does not print
            warnings += sitemap.variant_only_warnings(root)
        if b"spanTo" in tei:  # a delSpan or addSpan that marks nothing (its target missing or before it)
            warnings += sitemap.span_warnings(root)
        if b"geo>" in tei:  # coordinates the map cannot read (a place with geo: few documents have one)
            from .geo import geo_warnings

            warnings += geo_warnings(root)
        if b"/Math/MathML" in tei:  # a formula in MathML: what the page leaves out of it (few documents have one)
            from .mathml import mathml_warnings

            warnings += mathml_warnings(root)
        if b"graphic" in tei or b"media" in tei or b"binaryObject" in tei:  # content the page names instead of showing
            warnings += sitemap.object_warnings(root)
        title = sitemap.document_title(root, name)
        page = self._run(
            self._document,
            # an edition's modules may change what the stylesheet's JSON-LD is made of (f:authority-url …)
            # and read any part of the document: they get all of it
            _stylesheet_copy(root, whole=bool(self.overrides)),
            constants=self._document_constants,
            root="" if edition_page else "../",
            tei_href="" if edition_page else f"../tei/{name}.xml",
            page_kind="edition" if edition_page else "document",
            page_href=f"{name}.html" if edition_page else "",
            doc_title=title,
            doc_date=date,
            doc_date_text=date_text,
            **({} if self.overrides else {"doc_json_ld": "" if edition_page else json_ld(root, title, date)}),
            **({} if self.titled or ours else {"title_suffix": ""}),
        )
        # the page is read for lost words unless the stylesheets are proven to show them all
        lost = [] if self.shipped and every_word_shown(root) else missing_text(root, page)
        # so is the summary, for the abstract (header_text_shown)
        header_lost = [] if self.shipped and header_text_shown(root) else missing_header_text(root, page)
        return page, warnings + lost + header_lost + unshown_parts(root)

    def index_page(self, edition: str) -> bytes:
        """The index page from the index XML (see index_xml)."""
        return self._run(self._index, edition, root="")

    def register_page(self, register: str) -> bytes:
        """A register page from its register XML."""
        return self._run(self._register, register, root="")

    @cached_property
    def _entity(self):
        return self._compile("entity.xsl")

    def entity_page(self, entity: str) -> bytes:
        """An entry page from its entity XML."""
        return self._run(self._entity, entity, root="../")

    @cached_property
    def _search(self):
        return self._compile("search.xsl")

    def search_page(self, edition: str = "<edition/>") -> bytes:
        """The full-text search page (search.html), around Pagefind's UI."""
        return self._run(self._search, edition, root="")


def _stylesheet_copy(root: etree._Element, whole: bool) -> str:
    """The annotated document as the document stylesheet reads it: all of ROOT when WHOLE or
    when ROOT is no TEI or teiCorpus (such a page shows all of its text), else without the
    standOff children of the root (TEI P5 §16.10) that hold no `text`: of them the shipped
    stylesheets read only the entries the page's JSON-LD names (f:json-ld), made in Python when
    no edition module is imported (teidoc.json_ld), and Saxon parses every byte it is given (a
    tenth of a document's, the register entries). ROOT is left as it was."""
    stand_offs = (
        []
        if whole or root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")
        else [el for el in root.iterchildren(f"{{{TEI_NS}}}standOff") if el.find(f".//{{{TEI_NS}}}text") is None]
    )
    places = [(root.index(el), el) for el in stand_offs]
    for el in stand_offs:
        root.remove(el)
    try:
        return etree.tostring(root, encoding="unicode")
    finally:
        for index, el in places:  # put back in document order, each where it was
            root.insert(index, el)


# Elements that may stand inside a word (TEI P5 §11.3: expansions, supplied or unclear letters,
# characters), unless they are one of a choice's or an apparatus' alternatives; every other
# element boundary separates words. On the page, phrase-level HTML elements join, others separate.
_TEI_IN_WORD = {
    "ex",
    "am",
    "expan",
    "abbr",
    "c",
    "g",
    "hi",
    "supplied",
    "unclear",
    "damage",
    "surplus",
    "lb",
    "add",
    "del",
}
_TEI_ALTERNATIVES = {"choice", "app", "rdgGrp", "subst"}
# An HTML element with this attribute holds the site's own words in the text (a gap's extent, an
# image named, xslt/text.xsl and notes.xsl): a word boundary on either side, though it is a span.
APART = "data-tei-apart"
_HTML_IN_WORD = {"span", "a", "i", "b", "em", "strong", "ins", "del", "time", "q", "small", "abbr", "s", "u", "br"}


# every ASCII byte that is no word character (\w) as a space; word characters and the bytes of
# non-ASCII characters kept
_ASCII_NON_WORD = bytes(b if b >= 0x80 or chr(b).isalnum() or b == ord("_") else 0x20 for b in range(256))


def _words(text: str) -> list[str]:
    """The runs of word characters (regex \\w) of TEXT, editorial brackets left out first: they
    may stand inside a word on the page (s[vnar]) and do not split it."""
    # In C: ASCII non-word characters become spaces and the text is split; only pieces with a
    # non-ASCII character (a name with an accent, a dash) are split by the regex. The same runs
    # as _WORD.findall on the whole text, at less than half its cost.
    pieces = text.encode("utf-8").translate(_ASCII_NON_WORD, b"[]").decode("utf-8").split()
    words: list[str] = []
    for piece in pieces:
        if piece.isascii():
            words.append(piece)
        else:
            words += _WORD.findall(piece)
    return words


# The text a reader sees, as one string, made by libxml2's XSLT 1.0 (a walk in C; the same walk
# in Python cost more than the page's transformation): a space wherever an element boundary
# separates words, nothing where it does not. Words are then counted with _words.
_TEI_WORDS_XSL = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:t="{tei}" xmlns:m="http://www.w3.org/1998/Math/MathML">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="//t:text[not(ancestor::t:text)]"><xsl:apply-templates/><xsl:text> </xsl:text></xsl:for-each>
  </xsl:template>
  <xsl:template match="t:teiHeader" priority="3"/>
  <!-- embedded data (base64) is no text: the page names it (xslt/text.xsl) -->
  <xsl:template match="t:binaryObject" priority="3"><xsl:text> </xsl:text></xsl:template>
  <!-- coordinates are data, not text: the page keeps them as a value (xslt/entities.xsl) -->
  <xsl:template match="t:geo" priority="3"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="{in_word}" priority="1"><xsl:apply-templates/></xsl:template>
  <!-- a page, column or gathering break inside a word (@break="no") parts nothing: the page shows
       the word whole, its mark drawn by the stylesheet (xslt/text.xsl) -->
  <xsl:template match="t:pb[@break = 'no'] | t:cb[@break = 'no'] | t:gb[@break = 'no'] | t:milestone[@break = 'no']" priority="2"/>
  <!-- white space beside a break inside a word (@break="no", TEI P5 3.11.3) parts nothing: the page
       shows one word (sitemap.annotate takes it out of the page's copy). Tested in the template, not
       in a match pattern's predicate: libxslt counts a node's siblings for each such pattern it
       tries (a position the predicate might use), quadratic in a paragraph of many elements (#15) -->
  <xsl:template match="text()"><xsl:if test="normalize-space() or not(following-sibling::node()[1][@break = 'no'] or preceding-sibling::node()[1][@break = 'no'])"><xsl:value-of select="."/></xsl:if></xsl:template>
  <!-- MathML is shown as MathML (xslt/layout.xsl): each of its elements apart, less its
       alternative encodings and an maction's later branches (tei_encoder/mathml.py reports them) -->
  <xsl:template match="m:annotation-xml" priority="3"/>
  <xsl:template match="m:*" priority="2"><xsl:if test="not(parent::m:maction) or not(preceding-sibling::*)"><xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text></xsl:if></xsl:template>
  <xsl:template match="*">
    <xsl:choose>
      <!-- other vocabularies (SVG, a project's own) are shown inline -->
      <xsl:when test="namespace-uri() != '{tei}'"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>"""
# the page: the body's text, no scripts (its words join across phrase-level elements)
_PAGE_WORDS_XSL = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/"><xsl:apply-templates select="/*/node()"/></xsl:template>
  <xsl:template match="script" priority="3"/>
  <!-- the site's own words in the text (a gap's extent, an image named): apart from the words around
       (tested in the templates, never in a match pattern's predicate: see _TEI_WORDS_XSL) -->
  <xsl:template match="{in_word}" priority="1"><xsl:if test="@{apart}"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates/><xsl:if test="@{apart}"><xsl:text> </xsl:text></xsl:if></xsl:template>
  <!-- white space beside a break inside a word (@break="no", TEI P5 3.11.3) parts nothing: the page
       shows one word (sitemap.annotate takes it out of the page's copy) -->
  <xsl:template match="text()"><xsl:if test="normalize-space() or not(following-sibling::node()[1][@break = 'no'] or preceding-sibling::node()[1][@break = 'no'])"><xsl:value-of select="."/></xsl:if></xsl:template>
  <xsl:template match="*"><xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text></xsl:template>
</xsl:stylesheet>"""
# ... and the values of the attributes a reader sees (SHOWN_ATTRIBUTES: a title shown on hover, an
# image's alt text shown in its place) on the body and its descendants, each apart from the others
# and from the text: their words only add to the text's. Any other attribute (data-*, aria-*, class,
# href, value) is never shown as text: words a stylesheet moves there are lost words.
SHOWN_ATTRIBUTES = ("title", "alt")
_PAGE_ATTRIBUTE_WORDS_XSL = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="/*/descendant-or-self::*/@*[{shown}]"><xsl:value-of select="."/><xsl:text> </xsl:text></xsl:for-each>
  </xsl:template>
</xsl:stylesheet>"""


def word_stylesheet_sources() -> tuple[str, str, str]:
    """The XSLT 1.0 sources of the TEI-text, page-text and page-attribute stylesheets the lost-text
    check reads words with (see _TEI_WORDS_XSL): in-word elements and alternatives filled in."""
    alternatives = " or ".join(f"parent::t:{name}" for name in sorted(_TEI_ALTERNATIVES))
    tei_in_word = " | ".join(f"t:{name}[not({alternatives})]" for name in sorted(_TEI_IN_WORD))
    tei = _TEI_WORDS_XSL.format(tei=TEI_NS, in_word=tei_in_word)
    page = _PAGE_WORDS_XSL.format(in_word=" | ".join(sorted(_HTML_IN_WORD)), apart=APART)
    shown = " or ".join(f"local-name() = '{name}' and namespace-uri() = ''" for name in SHOWN_ATTRIBUTES)
    return tei, page, _PAGE_ATTRIBUTE_WORDS_XSL.format(shown=shown)


@functools.cache
def _word_stylesheets() -> tuple[etree.XSLT, etree.XSLT, etree.XSLT]:
    """The compiled TEI-text, page-text and page-attribute stylesheets (see _TEI_WORDS_XSL), once per process."""
    tei, page, attributes = word_stylesheet_sources()
    return etree.XSLT(etree.XML(tei)), etree.XSLT(etree.XML(page)), etree.XSLT(etree.XML(attributes))


def tei_text(root: etree._Element) -> bytes:
    """The text of every outermost TEI `text` (`teiHeader` content left out) as UTF-8, a space
    wherever an element boundary separates words (see _TEI_WORDS_XSL)."""
    return bytes(_word_stylesheets()[0](root))


def text_words(root: etree._Element, text: bytes | None = None) -> Counter:
    """Words (\\w+ runs) of every outermost TEI `text`, leaving out `teiHeader` content. TEXT,
    when given, is `tei_text(root)`, already read."""
    return Counter(_words((tei_text(root) if text is None else text).decode("utf-8")))


# The page's region that renders the TEI text (xslt/document.xsl marks it): the text's words are
# looked for there alone, never among the title's, the summary's or the citation's words.
TEXT_REGION = b'data-tei-region="text"'
_REGIONS = etree.XPath("descendant-or-self::*[@data-tei-region = $kind][not(ancestor::*[@data-tei-region = $kind])]")
NO_TEXT_REGION = (
    'the page marks no region as the one that renders the TEI text (data-tei-region="text", see'
    " xslt/document.xsl): words of the text were looked for on the whole page"
)


def _text_regions(body: etree._Element | None, kind: str = "text") -> list[etree._Element] | None:
    """The outermost elements of a page body marked as rendering the TEI text (or the part KIND
    names, `data-tei-region="KIND"`); None when the page marks none (then the body stands for them)."""
    if body is None:
        return []
    regions = _REGIONS(body, kind=kind)
    return regions or None


def _page_body(page: bytes) -> etree._Element | None:
    """The body of an HTML page, parsed by libxml2 (plain lxml elements: faster than lxml.html's); None when empty."""
    if not page.strip():
        return None
    doc = etree.fromstring(page, _HTML_PARSER)
    return doc.find("body") if doc is not None and doc.tag == "html" else doc


def _body_words(body: etree._Element | Sequence[etree._Element] | None, attributes: bool) -> Counter:
    """Words of a page body's text (scripts left out), or of its and its descendants' shown
    attribute values (SHOWN_ATTRIBUTES); of each element when given several (the page's text regions)."""
    if body is None:
        return Counter()
    if not isinstance(body, etree._Element):
        return sum((_body_words(el, attributes) for el in body), Counter())
    return Counter(_words(str(_word_stylesheets()[2 if attributes else 1](body))))


def page_words(page: bytes) -> Counter:
    """Words a reader can see or hover on a page: the body's text and the values of its shown
    attributes (SHOWN_ATTRIBUTES: title, alt), no scripts."""
    body = _page_body(page)
    return _body_words(body, attributes=False) + _body_words(body, attributes=True)


# The page's text words read from its bytes, without parsing it: in-word (phrase-level) tags
# deleted, every other tag a space, as _PAGE_WORDS_XSL joins and separates words. Used only to
# tell quickly that nothing is missing (see _surely_shown).
_IN_WORD_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_HTML_IN_WORD))})(?:\s[^>]*)?/?>".encode())
_ANY_TAG = re.compile(rb"<[^>]*>")
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\s")


def _apart_spaced(region: bytes) -> bytes | None:
    """REGION (a page's bytes, every "<" a tag) with each element marked APART that holds only
    text replaced by that text with a space on either side: the site's words, a word boundary
    on either side (as _PAGE_WORDS_XSL reads them). None when one holds more than text (or its
    tags are not read here): the full check decides. Found from the mark (a few a page), not by
    a pattern tried at every tag."""
    mark = APART.encode()
    out: list[bytes] = []
    pos = 0
    at = region.find(mark)
    while at >= 0:
        start = region.rfind(b"<", pos, at)
        name = _TAG_NAME.match(region, start) if start >= 0 else None
        end = region.find(b">", at)
        text_end = region.find(b"<", end)
        if name is None or end < 0 or region.find(b">", start, at) >= 0 or text_end < 0:
            return None
        close = b"</" + name.group(1) + b">"
        if not region.startswith(close, text_end):
            return None
        out += (region[pos:start], b" ", region[end + 1 : text_end], b" ")
        pos = text_end + len(close)
        at = region.find(mark, pos)
    out.append(region[pos:])
    return b"".join(out)


_EMPTY_SCRIPT = re.compile(rb"<script\b[^>]*></script>")
# what the quick reading cannot read as the parser does: comments, processing instructions and
# CDATA, raw-text and foreign elements, an entity other than the five Saxon writes for text
_NOT_PLAIN_TAG = re.compile(
    rb"<(?:[!?]|(?:script|style|textarea|title|svg|math|template|noscript|xmp|iframe|noembed|noframes|plaintext)\b)"
)
_OTHER_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|nbsp);)")
_TEXT_ENTITIES = ((b"&lt;", b"<"), (b"&gt;", b">"), (b"&quot;", b'"'), (b"&nbsp;", "\u00a0".encode()), (b"&amp;", b"&"))


# Non-ASCII characters the page writes where the TEI's text may have others: the dashes it sets
# for a double hyphen (xslt/common.xsl f:dashes) and the no-break space (written &nbsp;). Spaces
# to the quick reading, on either side (none is a word character).
_SPACES_UTF8 = ("\u2013".encode(), "\u2014".encode(), "\u00a0".encode())


def _quick_tokens(text: bytes) -> Counter:
    """The runs of UTF-8 TEXT between ASCII non-word bytes and _SPACES_UTF8 (editorial
    brackets deleted first, as `_words` does), counted: each run is one word or words joined by
    non-ASCII non-word characters (Khrushchev’s), split into words alike wherever it stands. So when the runs of one text are among another's (as often), its words are too, and
    the runs are had in C, without decoding or looking at each word."""
    for char in _SPACES_UTF8:
        if char in text:
            text = text.replace(char, b" ")
    return Counter(text.translate(_ASCII_NON_WORD, b"[]").split())


def _quick_text_region(body: bytes, kind: str = "text") -> bytes | None:
    """The bytes of the one element of BODY (a page body whose every "<" starts a tag) marked as
    rendering the TEI text (or the part KIND names), from its start tag to its end tag; None when
    there is not exactly one mark, or its end is not found (the full check decides)."""
    mark = f'data-tei-region="{kind}"'.encode()
    if body.count(mark) != 1:
        return None
    start = re.search(rb"<([a-zA-Z][a-zA-Z0-9]*)\s[^<>]*" + re.escape(mark) + rb"[^<>]*>", body)
    if start is None:
        return None
    name = start.group(1).lower()
    tags = re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s/>])", re.IGNORECASE)
    depth = 1
    for tag in tags.finditer(body, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return body[start.start() : tag.start()]
    return None


def _surely_shown(text: bytes, page: bytes, kind: str = "text") -> bool:
    """True only when every word of the TEI's TEXT (`tei_text`; as often as it is written) is in
    the text of the page's body read quickly from its bytes; then `missing_words` finds none
    missing leniently. The quick reading never joins what the parsed page separates, so each of
    its words is a word of the page or part of one (which the lenient check counts as shown).
    Runs of word characters are compared (`_quick_tokens`), which is enough: the same runs hold
    the same words. False means only that the full check must decide (a page the quick reading
    does not cover, or words missing). Only the region marked `data-tei-region="KIND"` is read."""
    start, end = page.find(b"<body"), page.rfind(b"</body>")
    if start < 0 or end < start or page.find(b"<body", start + 1) >= 0:
        return False
    body = _EMPTY_SCRIPT.sub(b"", page[page.find(b">", start) + 1 : end])
    if _NOT_PLAIN_TAG.search(body.lower()) or _OTHER_ENTITY.search(body):
        return False
    # Saxon writes ">" as &gt; in text and attribute values alike, not "<" in an attribute value:
    # as many "<" as ">" means every "<" starts a tag
    if body.count(b"<") != body.count(b">"):
        return False
    region = _quick_text_region(body, kind)
    if region is None:
        return False
    if APART.encode() in region:  # the site's words in the text (a gap's extent), apart from the words around
        spaced = _apart_spaced(region)
        if spaced is None:  # one holding elements: the full check decides
            return False
        region = spaced
    shown_text = _ANY_TAG.sub(b" ", _IN_WORD_TAG.sub(b"", region))
    for entity, char in _TEXT_ENTITIES:  # &amp; last: "&amp;lt;" is the text "&lt;"
        if entity in shown_text:
            shown_text = shown_text.replace(entity, char)
    written, shown = _quick_tokens(text), _quick_tokens(shown_text)
    if not written.keys() <= shown.keys():
        return False
    return all(shown[run] >= n for run, n in written.items() if n > 1)


def missing_words(root: etree._Element, page: bytes, written: Counter | None = None) -> tuple[Counter, Counter]:
    """Words of the TEI text not on its page: (strictly, leniently). Leniently, a word counts as
    shown when the page has it inside a longer word: an alternative's reading printed against
    the word it belongs to (`<choice><sic>boob</sic>…</choice>s` shows "boobs"). WRITTEN, when
    given, is `text_words(root)`, already counted. Only the page's region that renders the text
    (`data-tei-region="text"`) is read: words of the title, the summary or the citation do not
    stand for the text's; a page that marks no region is read whole."""
    body = _page_body(page)
    regions = _text_regions(body)
    return _missing_in(text_words(root) if written is None else written, body if regions is None else regions)


def _missing_in(written: Counter, region: etree._Element | Sequence[etree._Element] | None) -> tuple[Counter, Counter]:
    """The words of WRITTEN not in the page's REGION (see `missing_words`): (strictly, leniently)."""
    shown = _body_words(region, attributes=False)
    strict = written - shown
    if strict:  # attribute values are words apart from the text's: read only when the text lacks some
        shown += _body_words(region, attributes=True)
        strict = written - shown
    if not strict:
        return strict, Counter()
    return strict, _unexcused(strict, shown - written, written)


# What may stand joined to a missing word inside a longer word of the page and still let that
# word count as shown (`_unexcused`): an inflection ending after it ("quay" in "quays", a reading
# printed against its word) and runs of digits (a formula's or a note's figures glued to it).
_JOIN_ENDINGS = ("s", "es")
_DIGITS = re.compile(r"[0-9]+")


def _joined(rest: str, words: Counter) -> bool:
    """True when REST (what a longer word of the page holds beside a missing word) is made of
    pieces each of which is a word of WORDS (the TEI text's: two words written together, a gap's
    description glued to its neighbours), an ending of _JOIN_ENDINGS or a run of digits; "" is."""
    ends = [False] * (len(rest) + 1)
    ends[0] = True
    for i in range(len(rest)):
        if not ends[i]:
            continue
        digits = _DIGITS.match(rest, i)
        if digits:
            ends[digits.end()] = True
        for j in range(i + 1, len(rest) + 1):
            if rest[i:j] in words or rest[i:j] in _JOIN_ENDINGS:
                ends[j] = True
    return ends[-1]


def _joins(word: str, shown: str, words: Counter) -> int:
    """How many times SHOWN (a longer word of the page) holds WORD as a real join (`_joined`):
    the rest before and after it being words of WORDS (the TEI text's), endings or digits, never
    letters of a word the text does not write ("Chi" is not in "Chinese", nor "Wang" in "Wangfujing")."""
    found, start = 0, shown.find(word)
    while start >= 0:
        if _joined(shown[:start], words) and _joined(shown[start + len(word) :], words):
            found += 1
        start = shown.find(word, start + 1)
    return found


def _unexcused(strict: Counter, extra: Counter, written: Counter | None = None) -> Counter:
    """The words of STRICT (written more often than shown, counted) that the page's EXTRA words
    (shown more often than written, counted) do not account for: each occurrence of an extra word
    holding a missing word joined to other words of the TEI text (WRITTEN; STRICT's when not given),
    an inflection ending or digits (`_joins`:
    an alternative's reading printed against the word it belongs to, `<choice><sic>boob</sic>…</choice>s`
    shows "boobs"; a word joined across a line break; a formula's figures glued to the next word)
    excuses one missing occurrence of that word. A longer word merely containing the missing one
    (a hover title's "Chinese" for a dropped "Chi") excuses nothing. Counts are compared, never
    mere presence: a word the page shows elsewhere, as often as the text writes it there, excuses
    no occurrence lost here."""
    lenient: Counter = Counter()
    words = strict if written is None else written
    for word, n in strict.items():
        n -= sum(
            k * _joins(word, shown, words) for shown, k in extra.items() if len(shown) > len(word) and word in shown
        )
        if n > 0:
            lenient[word] = n
    return lenient


def missing_text(root: etree._Element, page: bytes) -> list[str]:
    """A warning if words of the TEI text are not in the page's region that renders the text,
    naming where the first one is; and one when the page marks no such region (then the whole
    page is read, see `missing_words`)."""
    text = tei_text(root)
    if _surely_shown(text, page):  # most pages: read quickly, no parse
        return []
    unmarked = [NO_TEXT_REGION] if TEXT_REGION not in page and _text_regions(_page_body(page)) is None else []
    missing = missing_words(root, page, text_words(root, text))[1]
    if not missing:
        return unmarked
    nodes = [
        (node, Counter(_WORD.findall(node)))
        for node in root.xpath("//tei:text//text()[not(ancestor::tei:teiHeader)]", namespaces=NSMAP)
    ]
    # where the lost words are: the first piece of text all of whose words are missing (a dropped
    # block whose words recur elsewhere), else the first holding one
    first = next((node for node, words in nodes if words and not words - missing), None) or next(
        (node for node, words in nodes if any(w in missing for w in words)), None
    )
    where = ""
    if first is not None:
        el = first.getparent().getparent() if first.is_tail else first.getparent()
        if el is not None and isinstance(el.tag, str):
            where = f"; the first is in <{etree.QName(el).localname}>" + (
                f" at line {el.sourceline}" if el.sourceline else ""
            )
    return [*unmarked, f"{counted(sum(missing.values()), 'word of the text not shown')}{where}: {_listed(missing)}"]


def _listed(missing: Counter, most: int = 12) -> str:
    """The words of MISSING, most often missing first (then as written), each with its count when
    more than one, at most MOST of them and "…" for the rest: what a warning names."""
    words = [w if n == 1 else f"{w} (×{n})" for w, n in sorted(missing.items(), key=lambda wn: -wn[1])[:most]]
    return ", ".join(words) + (", …" if len(missing) > most else "")


# Parts of a TEI header a page may show in a region of its own (xslt/metadata.xsl marks the summary
# data-tei-region="abstract"): their words are looked for there, apart from the text's, when the
# page has the region. The source (data-tei-region="sourceDesc": the parts of the sourceDesc that
# are not a manuscript description, in the essentials box) likewise. The manuscript description
# (data-tei-region="msDesc") is shown in part (its identifiers are in the essentials box) and is not checked.
_HEADER_REGIONS = (
    (
        "abstract",
        "/tei:TEI/tei:teiHeader/tei:profileDesc/tei:abstract | /tei:teiCorpus/tei:teiHeader/tei:profileDesc/tei:abstract",
    ),
    (
        "sourceDesc",
        "/*[self::tei:TEI or self::tei:teiCorpus]/tei:teiHeader/tei:fileDesc/tei:sourceDesc/*[not(self::tei:msDesc)]",
    ),
)
# compiled once (compiling them cost more than running them on a page's document)
_HEADER_PATHS = tuple((kind, etree.XPath(path, namespaces=NSMAP)) for kind, path in _HEADER_REGIONS)
_TEXT_NODES = etree.XPath(".//text()")


def missing_header_text(root: etree._Element, page: bytes, quick: bool = True) -> list[str]:
    """A warning for each part of the TEI header the page shows in a region of its own (the
    abstract, as the summary) whose words that region lacks, naming the part and its line; [] when
    the page shows no such region or all of its words. Words elsewhere on the page (the text, the
    title) never stand for the part's. QUICK: a part whose words the page's bytes surely hold
    (`_surely_shown`) is not looked for in the parsed page (False: always parsed, the full check)."""
    warnings = []
    for kind, path in _HEADER_PATHS:
        if f'data-tei-region="{kind}"'.encode() not in page:
            continue  # the page does not show this part of the header (or marks it otherwise: the parse decides)
        parts = path(root)
        text = " ".join(t for part in parts for t in _TEXT_NODES(part))
        if not parts or quick and _surely_shown(text.encode("utf-8"), page, kind):
            continue
        regions = _text_regions(_page_body(page), kind)
        if regions is None:  # the mark is only in the page's text, not on an element
            continue
        missing = _missing_in(Counter(_words(text)), regions)[1]
        if missing:
            line = parts[0].sourceline
            warnings.append(
                f"{counted(sum(missing.values()), 'word of the header not shown')} (<{kind}>"
                + (f" at line {line}" if line else "")
                + f"): {_listed(missing)}"
            )
    return warnings


SHOWN_TEXT = "shown-text.json"  # in tei_encoder/data/: elements the shipped stylesheets show every word of


@functools.cache
def _shown_kinds() -> tuple[frozenset[str], frozenset[str]]:
    """(elements whose every word the shipped document stylesheets show, elements that show nothing
    of their own content and count only when empty), as Clark names, from data/shown-text.json."""
    data = json.loads((Path(__file__).parent / "data" / SHOWN_TEXT).read_text(encoding="utf-8"))
    return frozenset(T + name for name in data["shown"]), frozenset(T + name for name in data["empty"])


def every_word_shown(root: etree._Element) -> bool:
    """Whether the shipped document stylesheets surely show every word of ROOT's text, so that
    `missing_text` needs not read the page: ROOT is a TEI element, each of its `text` elements is
    its child, and every element inside them is one data/shown-text.json lists (its "shown"
    ones; its "empty" ones only with no element and no text but white space inside). Comments
    and processing instructions hold no words. tests/test_publish_shown_text.py proves the list
    against the stylesheets: each listed element inside each other one loses no word. False
    means only that the page must be read (an edition's stylesheets, another element, a teiCorpus)."""
    if root.tag != T + "TEI":
        return False
    return all(text.getparent() is root and _only_shown(text) for text in root.iter(T + "text"))


def _only_shown(el: etree._Element) -> bool:
    """Whether every element inside EL is one data/shown-text.json lists (see `every_word_shown`)."""
    shown, empty = _shown_kinds()
    for inner in el.iterdescendants():
        tag = inner.tag
        if tag in shown or not isinstance(tag, str):
            continue
        if tag in empty and not len(inner) and (inner.text is None or inner.text.isspace()):
            continue
        return False
    return True


def header_text_shown(root: etree._Element) -> bool:
    """Whether the shipped document stylesheets surely show every word of the parts of ROOT's
    header that `missing_header_text` reads (the abstract, as the summary: xslt/metadata.xsl shows
    its paragraphs), so that the page needs not be read for them: ROOT is a TEI element and each
    abstract holds paragraphs alone (comments, instructions and white space between them), each of
    which holds only elements data/shown-text.json lists (as `every_word_shown` asks of the text).
    tests/test_publish_shown_text.py proves it by the full check: each listed element inside each
    other one in an abstract's paragraph loses no word. The source (the sourceDesc's parts but a
    msDesc) the shipped essentials box shows whole, each part's text as one line (f:source-text):
    tests/test_publish_sourcedesc.py checks every shape of it. False means only that the page must be read."""
    if root.tag != T + "TEI":
        return False
    for kind, path in _HEADER_PATHS:
        if kind != "abstract":
            continue
        for part in path(root):
            if part.text and not part.text.isspace():
                return False
            for child in part:
                if child.tail and not child.tail.isspace():
                    return False
                if isinstance(child.tag, str) and (child.tag != T + "p" or not _only_shown(child)):
                    return False
    return True


# The parts of a TEI document its page shows: the header (in the metadata boxes), the text, and
# the entities of standOff (on the register pages). Anything else with words in it (sourceDoc, a
# facsimile's labels, elements of no TEI module at the top) is said in one warning per file.
_SHOWN_PARTS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("teiHeader", "text", "TEI", "teiCorpus"))
_ALL_TEXT = etree.XPath(".//text()")
_REGISTER_ENTRIES = frozenset(f"{{{TEI_NS}}}{name}" for name in ("person", "place", "org"))


def _unshown_standoff_text(stand_off: etree._Element) -> list[str]:
    """The text nodes of a standOff outside its person, place and org entries (the register
    pages show those), in document order: what the XPath descendant::text()[not(ancestor::
    tei:person or ancestor::tei:place or ancestor::tei:org)] selects, found without looking
    inside the entries (a document's standOff is mostly entries). Recursive: the trees
    published are at most xmlsafe.MAX_DEPTH deep (parse_xml refuses deeper ones)."""
    texts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            texts.append(el.text)
        for child in el:
            # an entry's content is left out; a comment's or an instruction's is no text node
            if isinstance(child.tag, str) and child.tag not in _REGISTER_ENTRIES:
                walk(child)
            if child.tail:
                texts.append(child.tail)

    walk(stand_off)
    return texts


def unshown_parts(root: etree._Element) -> list[str]:
    """One warning naming the parts of a TEI document (of the TEI root or teiCorpus, and of each
    TEI or teiCorpus in a corpus) whose words the page does not show, each with its count of words and line;
    [] when there are none (or the root is not TEI P5's: such a page shows all of its text)."""
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        return []
    parts = []
    # a corpus's members are TEI documents and corpora, at any depth (shown as members)
    for document in (root, *root.iterdescendants(f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")):
        for part in document:
            if not isinstance(part.tag, str) or part.tag in _SHOWN_PARTS:
                continue
            standoff = part.tag == f"{{{TEI_NS}}}standOff"
            texts = _unshown_standoff_text(part) if standoff else _ALL_TEXT(part)
            words = len(_words(" ".join(texts)))
            if words:
                parts.append(
                    f"<{etree.QName(part).localname}> at line {part.sourceline or 1} ({counted(words, 'word', grouped=True)})"
                )
    if not parts:
        return []
    return [
        f"not shown on the page: {', '.join(parts[:5])}"
        + (f" and {len(parts) - 5} more parts" if len(parts) > 5 else "")
    ]


# --- overview pages from document summaries ----------------------------------------------------


@dataclass(frozen=True)
class IndexEntry:
    """What the index page shows of one document: when it is unchanged, the index is too."""

    id: str
    title: str
    date: str
    date_text: str
    summary: str
    persons: tuple[str, ...]
    places: tuple[str, ...]
    names: tuple[str, ...] = ()  # the filter options show each entity's preferred name: a renamed one changes the index
    orgs: tuple[str, ...] = ()  # the text filter matches the names of the document's organisations too
    verbatim: tuple[str, ...] = ()  # the summary's code-like parts, kept as written


def index_entry(summary: DocumentSummary) -> IndexEntry:
    """The index's view of a document summary (persons and places filter the index; the names of
    its persons, places and organisations and its date are matched by the text filter)."""
    kinds: dict[str, set[str]] = {"person": set(), "place": set(), "org": set()}
    for ref in summary.mentions:
        kind = summary.entities[ref].kind
        if kind in kinds:
            kinds[kind].add(ref)
    listed = (*sorted(kinds["person"]), *sorted(kinds["place"]), *sorted(kinds["org"]))
    return IndexEntry(
        summary.id,
        summary.title,
        summary.date,
        summary.date_text,
        summary.summary,
        tuple(sorted(kinds["person"])),
        tuple(sorted(kinds["place"])),
        tuple(summary.entities[ref].name for ref in listed),
        tuple(sorted(kinds["org"])),
        summary.verbatim,
    )


def index_xml(summaries: list[DocumentSummary]) -> str:
    """The index stylesheet's input: one <doc> per document, one <entity> per filter value."""
    edition = etree.Element("edition")
    names: dict[str, tuple[str, str]] = {}
    for s in sorted(summaries, key=lambda s: s.name):
        entry = index_entry(s)
        doc = etree.SubElement(
            edition,
            "doc",
            id=s.id,
            page=s.page,
            date=s.date,
            year=s.year,
            persons=" ".join(entry.persons),
            places=" ".join(entry.places),
            orgs=" ".join(entry.orgs),
        )
        doc.set("date-text", s.date_text)
        etree.SubElement(doc, "title").text = s.title
        etree.SubElement(doc, "summary").text = s.summary
        for part in entry.verbatim:
            etree.SubElement(doc, "verbatim").text = part
        for ref in (*entry.persons, *entry.places, *entry.orgs):
            if ref not in names and ref in s.entities:
                names[ref] = (s.entities[ref].kind, s.entities[ref].name)
    sources = {ref: s.entities[ref].source for s in summaries for ref in s.mentions if ref in s.entities}
    twins = unlinked_twins({ref: (kind, name, sources.get(ref, "")) for ref, (kind, name) in names.items()})
    docs_of = Counter(
        ref
        for el in edition.iter("doc")
        for ref in (*el.get("persons").split(), *el.get("places").split(), *el.get("orgs").split())
    )
    for ref in sorted(names):
        el = etree.SubElement(edition, "entity", kind=names[ref][0], id=ref, name=names[ref][1])
        if ref in twins:
            el.set("unlinked", str(docs_of[ref]))  # "China (unlinked, 1 document)" beside the listed China
    return etree.tostring(edition, encoding="unicode")


def unlinked_twins(entities: Mapping[str, tuple[str, str, str]]) -> set[str]:
    """The record-local entries (source "rule": a name the encoder left unlinked) whose name another entry
    of the same kind bears (ignoring case and spacing): the bare `China` of one record beside the listed
    China. Registers and filters mark them "(unlinked, n documents)" so that the two are told apart.
    entities: id -> (kind, name, source)."""
    bearers = Counter((kind, " ".join(name.casefold().split())) for kind, name, _ in entities.values())
    return {
        ref
        for ref, (kind, name, source) in entities.items()
        if source == "rule" and bearers[(kind, " ".join(name.casefold().split()))] > 1
    }


def mention_names(counts: Mapping[str, int]) -> list[str]:
    """The name forms of an entity that no entry describes, from the words of its mentions
    (COUNTS: form -> mentions over the edition, DocumentSummary.worded), the one it is named by
    first. Forms that differ only in case or spacing are one form, written as most of its mentions
    write it. The most mentions first; among equals the longer (the fuller name: "Brandt, Theodor"
    before "Brandt"), then by the letters ignoring case, then by the forms themselves: the choice
    never depends on the order of the documents. TEI P5 §13.3.1 (a name chosen for an entity)."""
    groups: dict[str, Counter] = {}
    for form, n in counts.items():
        groups.setdefault(" ".join(form.casefold().split()), Counter())[form] += n
    ranked = []
    for variants in groups.values():
        form = min(variants, key=lambda f: (-variants[f], f))
        ranked.append((-variants.total(), -len(form), form.casefold(), form))
    return [form for *_, form in sorted(ranked)]


CO_MENTIONED = 12  # entities listed as "mentioned with" on an entry page
# documents listed on one page of an entry (#16): an entry page of a common entity listed every mention
# of it (5 MB of HTML for Berlin among 5,000 records), so an edit anywhere re-rendered megabytes; at 50
# documents (a few hundred mentions, ~70 KB) an edit re-renders the page holding its document
ENTRY_DOCS_PER_PAGE = 50
DETAIL_FIELDS = DETAILS  # what an authority entry may add to an entry page
# a date value (sitemap.DATE_SPAN): a date, FROM/TO or NOTBEFORE..NOTAFTER, a bound possibly missing
_DATE_VALUE = re.compile(r"^(?=.)(-?\d{4}(?:-\d\d){0,2})?(?:(?:/|\.\.)(-?\d{4}(?:-\d\d){0,2})?)?$")


class EntityIndex:
    """Every entity of the edition with the documents that mention it, from the summaries;
    `details` (entity id -> birth, death, note, geo from the authority files, see
    teidoc.authority_details) fill in what an authority entry's TEI standOff copy lacks;
    `contexts_of` (entity id, the names of some documents -> document name -> its contexts
    there) reads an entry page's sentences at once, when the summaries' own contexts are read one document at a time."""

    def __init__(
        self,
        summaries: list[DocumentSummary],
        details: dict[str, dict[str, str]] | None = None,
        contexts_of: ContextsOf | None = None,
    ):
        self.docs = {s.name: s for s in summaries}
        self._contexts_of = contexts_of
        self.info: dict[str, EntryInfo] = {}
        self.forms: dict[str, list[str]] = {}
        self.mentions: dict[str, dict[str, int]] = {}  # entity id -> document name -> count
        self._doc_tags: dict[str, str] = {}
        self._co_mentioned: dict[str, list[tuple[str, int]]] = {}
        # (entity id, a name form) -> languages of the documents that write it (`name_language`)
        self._form_languages: dict[tuple[str, str], Counter] = {}
        # (entity id, a name form) -> the language a document gives that name (DocumentSummary.name_langs;
        # the first document by name that gives one)
        self._given_languages: dict[tuple[str, str], str] = {}
        worded: dict[str, Counter] = {}
        for s in sorted(summaries, key=lambda s: s.name):
            for ref in s.mentions:  # the entity table may be shared by all summaries
                info = s.entities.get(ref)
                if info and (ref not in self.info or self.info[ref].source == "unresolved"):
                    self.info[ref] = info
                if info and s.lang:
                    self._form_languages.setdefault((ref, info.name), Counter())[s.lang] += 1
            for ref, forms in s.forms.items():
                known = self.forms.setdefault(ref, [])
                known += [f for f in forms if f not in known]
                if s.lang:
                    for form in forms:
                        self._form_languages.setdefault((ref, form), Counter())[s.lang] += 1
            for ref, count in s.mentions.items():
                self.mentions.setdefault(ref, {})[s.name] = count
            for ref, given in s.name_langs.items():
                for form, lang in given.items():
                    self._given_languages.setdefault((ref, form), lang)
            for ref, forms_of in s.worded.items():  # entities the document only names
                counts = worded.setdefault(ref, Counter())
                counts.update(forms_of)
        for ref, found in (details or {}).items():
            info = self.info.get(ref)
            if info is not None and info.source == "authority":
                missing = {k: v for k, v in found.items() if k in DETAIL_FIELDS and not getattr(info, k)}
                self.info[ref] = replace(
                    info,
                    birth=missing.get("birth", info.birth),
                    death=missing.get("death", info.death),
                    note=missing.get("note", info.note),
                    geo=missing.get("geo", info.geo),
                    capital=missing.get("capital", info.capital),
                    birth_place=missing.get("birth_place", info.birth_place),
                    death_place=missing.get("death_place", info.death_place),
                    floruit=missing.get("floruit", info.floruit),
                    floruit_place=missing.get("floruit_place", info.floruit_place),
                )
        # named by the words of its mentions: an entity no entry of any document describes
        self.named_by_mentions: dict[str, str] = {}
        for ref, counts in worded.items():
            info = self.info.get(ref)
            if info is not None and info.source == "unresolved" and counts:
                name, *others = mention_names(counts)
                self.info[ref] = replace(info, name=name)
                self.named_by_mentions[ref] = name
                known = self.forms.setdefault(ref, [])
                known += [f for f in others if f not in known and f != name]

    def refs(self, kind: str) -> list[str]:
        """Ids of the mentioned entities of one kind, sorted."""
        return sorted(r for r in self.mentions if r in self.info and self.info[r].kind == kind)

    def name_language(self, ref: str, name: str) -> tuple[str, str, str]:
        """(script, lang, dir) of the entity REF's name form NAME, for a page that shows it
        (xslt/common.xsl f:name-lang gives it lang and dir where its script is not the page's):
        the script its letters are written in (`sitemap.text_script`, "" none), the language
        most of the documents that write that form have among those written in that script
        ("" unknown; a Latin name in a Hebrew document's list is no Hebrew name), and its
        direction (`sitemap.name_direction`). A language a document gives the name itself (xml:lang
        on it, `given_language`) is its language. TEI P5 §vi.1; HTML's lang and dir."""
        script = sitemap.text_script(name)
        given = self._given_languages.get((ref, name))
        if given:
            return script, given, sitemap.name_direction(name, given)
        langs = self._form_languages.get((ref, name))
        # the most documents first, then by tag (deterministic)
        best = min(
            ((-n, lang) for lang, n in (langs or {}).items() if sitemap.language_script(lang) == script), default=None
        )
        lang = best[1] if best and script else ""
        return script, lang, sitemap.name_direction(name, lang)

    def given_language(self, ref: str, name: str) -> str:
        """The language a document gives the entity REF's name form NAME itself (xml:lang on the
        standOff name or on a mention, teidoc.name_languages), as an HTML lang; "" when none does."""
        return self._given_languages.get((ref, name), "")

    def _set_name_language(self, el: etree._Element, ref: str, name: str) -> None:
        """name-script, name-lang and name-dir on EL (see `name_language`), and name-own when a
        document gives the name its language (xslt/common.xsl f:name-lang then marks it in any
        script); none for a name without letters."""
        script, lang, direction = self.name_language(ref, name)
        if script:
            el.set("name-script", script)
            el.set("name-lang", lang)
            el.set("name-dir", direction)
            if self.given_language(ref, name):
                el.set("name-own", "yes")

    def _entity(self, ref: str, tag: str = "entity") -> etree._Element:
        info = self.info[ref]
        el = etree.Element(tag, kind=info.kind, id=ref, name=info.name, source=info.source)
        self._set_name_language(el, ref, info.name)
        el.set("page", sitemap.entity_page(info.kind, ref))
        el.set("slug", sitemap.page_stem(ref))
        el.set("anchor", sitemap.anchor_prefix(ref))
        for form in [info.name, *self.forms.get(ref, [])]:
            form_el = etree.SubElement(el, "form")
            form_el.text = form
            self._set_name_language(form_el, ref, form)
        for kind_id, value in info.idnos:
            etree.SubElement(el, "idno", type=kind_id).text = value
        return el

    def register_xml(self, kind: str) -> str:
        """The register stylesheet's input for one kind: every mentioned entity with counts."""
        register = etree.Element("register", kind=kind)
        refs = self.refs(kind)
        twins = unlinked_twins({r: (kind, self.info[r].name, self.info[r].source) for r in refs})
        for ref in refs:
            el = self._entity(ref)
            if ref in twins:
                el.set("unlinked", "yes")  # "China (unlinked, 1 document)" beside the listed China
            el.set("docs", str(len(self.mentions[ref])))
            el.set("mentions", str(sum(self.mentions[ref].values())))  # 0: named only in readings not printed
            if kind == "place":
                _set_position(el, self.info[ref], self._dates_of(ref))
            register.append(el)
        return etree.tostring(register, encoding="unicode")

    def _dates_of(self, ref: str) -> list[str]:
        """The date values of the documents that mention REF ('' for an undated one): where a
        country whose capital moved is placed (geo.position)."""
        return [self.docs[name].date for name in self.mentions.get(ref, {})]

    def entry_parts(self, ref: str) -> list[list[str]]:
        """The pages of an entity's entry: the names of the documents that mention it, in the order
        its pages list them (by date, undated last, then by title, then by name), ENTRY_DOCS_PER_PAGE
        a page; a document's mentions are never split between pages. At least one page. A change
        inside a document (its sentences, its number of mentions) never moves a document to
        another page: only a document added, removed, or re-dated or re-titled does."""
        docs = sorted(
            self.mentions.get(ref, {}),
            key=lambda name: (
                sitemap.date_order(sitemap.date_start(self.docs[name].date)),
                self.docs[name].title,
                name,
            ),
        )
        return [docs[i : i + ENTRY_DOCS_PER_PAGE] for i in range(0, len(docs), ENTRY_DOCS_PER_PAGE)] or [[]]

    def entity_xml(self, ref: str, part: int = 1, parts: list[list[str]] | None = None, contexts: bool = True) -> str:
        """An entry page's input: the entity, and the documents of page `part` (from 1) of its
        entry (`parts`: entry_parts(ref), when already made), each with the context of each
        mention (without them when `contexts` is False: what the page shows besides its sentences,
        see write_overviews). The first page also holds the entity's name forms, identifiers,
        authority details and the entities mentioned most often with it; every page has
        part="k" parts="n" and the pages before and after it (prev, next: relative to the site)."""
        # Built as text: an entry of a common entity lists thousands of documents, and each
        # document's <doc> start tag is escaped once and reused for every entity it mentions.
        parts = self.entry_parts(ref) if parts is None else parts
        info = self.info[ref]
        if part == 1:
            el = self._entity(ref)
            for key in ("birth", "death", "floruit", "note"):
                value, place = getattr(info, key), getattr(info, key + "_place", "")
                if value or place:
                    event = etree.SubElement(el, key)
                    # a date value the page words in its date style (xslt/ui.xsl f:date-label), else words as written
                    if key != "note" and _DATE_VALUE.match(value) and sitemap.readable(value):
                        event.set("when", value)
                    else:
                        event.text = value
                    if place:
                        event.set("place", place)
            if info.kind == "place":
                _set_position(el, info, self._dates_of(ref))
        else:  # a further page names the entity and lists documents: it changes with them alone
            el = etree.Element("entity", kind=info.kind, id=ref, name=info.name, source=info.source)
            self._set_name_language(el, ref, info.name)
            el.set("page", sitemap.entity_page(info.kind, ref))
            el.set("slug", sitemap.page_stem(ref))
            el.set("anchor", sitemap.anchor_prefix(ref))
        el.set("part", str(part))
        el.set("parts", str(len(parts)))
        if part > 1:
            el.set("prev", sitemap.entity_page(info.kind, ref, part - 1))
        if part < len(parts):
            el.set("next", sitemap.entity_page(info.kind, ref, part + 1))
        head = etree.tostring(el, encoding="unicode")
        out = [head[: head.rindex("</entity>")] if head.endswith("</entity>") else head[:-2] + ">"]
        mentions = self.mentions.get(ref, {})
        docs = parts[part - 1]
        found: Mapping[str, Sequence[KeywordInContext]] | None = None
        if contexts and self._contexts_of is not None:
            found = self._contexts_of(ref, docs)
        # a document's mentions listed on the page: the first `cap`; `shown` on one with more, whose
        # page then says how many more there are (an entry page of a document naming an entity
        # 40,000 times would otherwise weigh megabytes)
        cap = sitemap.site_config()["entry_mentions_per_document"]
        for doc_name in docs:  # the page's anchors for it are m-<ref>-1 … m-<ref>-<mentions>
            count = mentions[doc_name]
            shown = f' shown="{cap}"' if count > cap else ""
            # named there only in readings the page does not print: its entries in the page's list of readings
            held = self.docs[doc_name].readings.get(ref) if not count else None
            readings = f' readings="{" ".join(map(str, held))}"' if held else ""
            out.append(f'{self._doc_tag(doc_name)} mentions="{count}"{shown}{readings}>')
            if contexts:
                of_doc = self.docs[doc_name].contexts.get(ref, ()) if found is None else found.get(doc_name, ())
                for context in of_doc[:cap]:
                    # a sentence in another language than its document's, a name in another than its
                    # sentence's: lang and dir (teidoc.KeywordInContext; xslt/entity.xsl)
                    said = f' lang="{context.lang}" dir="{_direction(context.lang)}"' if context.lang else ""
                    own = (
                        f' lang="{context.name_lang}" dir="{_direction(context.name_lang)}"'
                        if context.name_lang
                        else ""
                    )
                    out.append(
                        f"<kwic{said}><before>{_xml_text(context.before)}</before><k{own}>{_xml_text(context.keyword)}</k>"
                        f"<after>{_xml_text(context.after)}</after></kwic>"
                    )
            out.append("</doc>")
        if part == 1 and ref not in self._co_mentioned:  # the page's digest and the page itself list them
            self._co_mentioned[ref] = self.co_mentioned(ref)
        for other, docs_together in self._co_mentioned[ref] if part == 1 else ():
            other_info = self.info[other]
            script, lang, direction = self.name_language(other, other_info.name)
            named = (
                f"name-script={quoteattr(script)} name-lang={quoteattr(lang)} name-dir={quoteattr(direction)} "
                + ('name-own="yes" ' if self.given_language(other, other_info.name) else "")
                if script
                else ""
            )
            out.append(
                f"<with kind={quoteattr(other_info.kind)} id={quoteattr(other)} name={quoteattr(other_info.name)} "
                f'{named}page={quoteattr(sitemap.entity_page(other_info.kind, other))} docs="{docs_together}"/>'
            )
        out.append("</entity>")
        return "".join(out)

    def co_mentioned(self, ref: str, limit: int = CO_MENTIONED) -> list[tuple[str, int]]:
        """The entities mentioned in the most documents together with `ref`: (id, documents),
        most first; among equals, the one mentioned more often in those documents first, then by
        id; at most `limit`. One rule for every entry: any entity sharing a document with it may be
        listed, so two entries with the same evidence list alike."""
        counts: dict[str, int] = {}
        weight: dict[str, int] = {}
        for doc_name, count in self.mentions.get(ref, {}).items():
            if not count:
                continue  # named there only in a reading the page does not print: not mentioned with them
            for other, times in self.docs[doc_name].mentions.items():
                if other != ref and times and other in self.info:
                    counts[other] = counts.get(other, 0) + 1
                    weight[other] = weight.get(other, 0) + times
        ranked = sorted(counts.items(), key=lambda item: (-item[1], -weight[item[0]], item[0]))
        return ranked[:limit]

    def _doc_tag(self, name: str) -> str:
        tag = self._doc_tags.get(name)
        if tag is None:
            s = self.docs[name]
            tag = (
                f"<doc page={quoteattr(s.page)} title={quoteattr(s.title)} "
                f"date={quoteattr(s.date)} date-text={quoteattr(s.date_text)} "
                f"lang={quoteattr(s.lang)} dir={quoteattr(_direction(s.lang))} "
                f"title-lang={quoteattr(s.title_lang)} title-dir={quoteattr(_direction(s.title_lang))}"
            )
            self._doc_tags[name] = tag
        return tag


def _direction(lang: str) -> str:
    """The writing direction of a document's language quoted on another page: "auto" when unknown."""
    return sitemap.language_direction(lang) if lang else "auto"


def _xml_text(text: str) -> str:
    """TEXT escaped for XML character data (saxutils.escape without its empty table of extras:
    an entry page escapes every context of every mention)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _set_position(el: etree._Element, info: EntryInfo, dates: list[str]) -> None:
    """lat/lon (and how they are known) on a place's element, when its position is known at DATES
    (its documents' date values, see geo.position); unplaced="capital-moved" on a country whose
    capital moved and whose documents' dates decide none (the map's note says so)."""
    from .geo import UNPLACED, position

    where = position(info, dates)
    if where is not None and where.basis == UNPLACED:
        el.set("unplaced", UNPLACED)
    elif where is not None:
        el.set("lat", f"{where.lat:.4f}")
        el.set("lon", f"{where.lon:.4f}")
        el.set("basis", where.basis)
        if where.at:
            el.set("at", where.at)


# --- writing a site ----------------------------------------------------------------------------


def site_path(site: Path, relative: str) -> Path:
    """A path inside the site folder; anything that would leave it is refused (PublishError). A
    folder on the way that is a symbolic link or no folder is refused naming it (OutputError,
    fsutil.check_owned_folders); what is at the path itself is atomic_write's (owned=True) to
    judge, so a symbolic link there is named and refused as such, never followed."""
    return _site_path(site, relative)[0]


def _site_path(site: Path, relative: str) -> tuple[Path, bool]:
    """`site_path`, and whether every folder on the way is there (check_owned_folders)."""
    path = site / relative
    folders_there = check_owned_folders(site, path)
    # a relative path of plain names stays inside the site once no folder on the way is a link
    # (checked just above): resolving both paths (several system calls a page) would say the same
    if _PLAIN_RELATIVE.match(relative) and not os.path.isabs(relative):
        return path, folders_there
    if path.name in ("", ".", "..") or not inside(site, path.parent):
        raise PublishError(f"refusing to write outside the site folder: {relative}")
    return path, folders_there


# names of folders and files joined by "/", none of them empty, "." or ".." (nor a backslash or
# NUL, which some systems read otherwise)
_PLAIN_RELATIVE = re.compile(r"(?!\.{1,2}(?:/|$))[^/\\\x00]+(?:/(?!\.{1,2}(?:/|$))[^/\\\x00]+)*\Z")


CUSTOM_CSS = "assets/custom.css"  # where an edition's --css stylesheet goes in the site


def copy_assets(site: Path, xslt_dir: Path | None = None, css: Path | None = None) -> list[str]:
    """Copy the shipped assets (xslt/assets/*) into SITE/assets/, and the edition's stylesheet CSS
    to SITE/assets/custom.css (linked after edition.css on every page, so its rules win), with the
    files its relative url()s name (images, fonts: `css_assets`) at the same paths beside it;
    without CSS a custom.css left by an earlier publish is removed. Unchanged files are not
    rewritten. Returns a warning for each file the CSS names that is not copied (missing, outside
    the stylesheet's folder). Raises PublishError when CSS cannot be read."""
    shipped = sorted(((xslt_dir or project_dir("xslt")) / "assets").iterdir())
    for asset in shipped:
        _write_if_changed(site_path(site, f"assets/{asset.name}"), asset.read_bytes())
    custom = site_path(site, CUSTOM_CSS)
    if css is None:  # the last one's goes: only a file the build wrote, a link or pipe there is refused
        check_owned_paths(site, (), (CUSTOM_CSS,))
        remove_owned_file(custom)
        return []
    try:
        data = css.read_bytes()
    except OSError as exc:
        raise PublishError(f"{css}: cannot read the stylesheet: {exc.strerror or exc}") from None
    _write_if_changed(custom, data)
    if b"url(" not in data.lower() and b"@import" not in data.lower():
        return []  # most stylesheets name no file
    taken = {asset.name for asset in shipped} | {Path(CUSTOM_CSS).name}
    copies, warnings = css_assets(css, data, taken)
    for relative, source in copies:
        _write_if_changed(site_path(site, f"assets/{relative}"), source.read_bytes())
    return warnings


def css_assets(css: Path, data: bytes, taken: Collection[str] = ()) -> tuple[list[tuple[str, Path]], list[str]]:
    """The files the stylesheet CSS (its bytes DATA) names by a relative URL (`url(logo.png)`,
    `@font-face { src: url(fonts/x.woff2) }`, `@import "more.css"`), read with tinycss2: (their
    paths relative to the stylesheet's folder with the file each is, warnings for those not to
    copy). A URL with a scheme (https:, data:), one from the site's root (/x) and a fragment
    alone (#x) name no file of the stylesheet's; a file outside the stylesheet's folder, a missing
    one and one named like a shipped asset (TAKEN) are not copied, each with a warning."""
    import tinycss2

    folder = css.parent.resolve()
    copies: dict[str, Path] = {}
    warnings: list[str] = []

    def urls(nodes) -> Iterator[str]:
        for node in nodes or ():
            if node.type == "url":
                yield node.value
            elif node.type == "function" and node.lower_name == "url":
                yield from (arg.value for arg in node.arguments if arg.type == "string")
            elif node.type == "at-rule" and node.lower_at_keyword == "import":
                yield from (t.value for t in node.prelude if t.type == "string")
            for part in ("prelude", "content", "arguments"):
                inner = getattr(node, part, None)
                if isinstance(inner, list):
                    yield from urls(inner)

    rules, _ = tinycss2.parse_stylesheet_bytes(data, skip_comments=True, skip_whitespace=True)
    for url in dict.fromkeys(urls(rules)):
        name = unquote(url.strip().split("#")[0].split("?")[0])
        if not name or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/", name):
            continue  # a web address, data, the site's root, or a fragment alone: no file of the stylesheet's
        source = (folder / name).resolve()
        relative = source.relative_to(folder).as_posix() if source.is_relative_to(folder) else None
        if relative is None:
            warnings.append(f"url({url}): outside the stylesheet's folder; not copied into the site")
        elif relative in taken:
            warnings.append(f"url({url}): named like a file the site ships; not copied into the site")
        elif not source.is_file():
            warnings.append(f"url({url}): no such file beside the stylesheet; not copied into the site")
        else:
            copies.setdefault(relative, source)
    return sorted(copies.items()), warnings


def _write_if_changed(target: Path, data: bytes) -> None:
    # one owner for "write unless the same bytes are there": a link or named pipe there is never
    # read, and refused as atomic_write(owned=True) refuses it
    write_owned(target, data)


def _write_in_site(site: Path, relative: str, data: bytes) -> None:
    """_write_if_changed(site_path(SITE, RELATIVE), DATA) with fewer system calls a file (a page
    and its download copy each document): the folders on the way are looked at once (lstat), the
    file's path once, and a folder found there is not made again (fsutil.write_owned)."""
    path, folders_there = _site_path(site, relative)
    write_owned(path, data, folder_there=folders_there)


def _is_ours(root: etree._Element) -> bool:
    """Whether tei-encoder wrote this document (its header names the application)."""
    from .validate import is_tei_encoder_output

    return is_tei_encoder_output(etree.ElementTree(root))


def read_tei(
    path: Path, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024, include_roots: tuple[str, ...] = ()
) -> tuple[etree._ElementTree, list[str]]:
    """Read a TEI file to publish exactly as `validate` reads it: (the tree, warnings). See read_tei_source."""
    tree, warnings, _ = read_tei_source(path, max_bytes, include_roots)
    return tree, warnings


def read_tei_source(
    path: Path, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024, include_roots: tuple[str, ...] = ()
) -> tuple[etree._ElementTree, list[str], bytes]:
    """Read a TEI file to publish exactly as `validate` reads it: (the tree, warnings, the bytes to
    publish). The bytes are the file's own, byte for byte, when it is UTF-8 and includes nothing;
    a file in another encoding (UTF-16, ISO-8859-1) is re-encoded as UTF-8, and one with XIncludes
    is written with the included text in place (the page and the download copy show the same text).

    Files over max_bytes are refused unread; smaller ones may hold text nodes of any size
    (libxml2's huge_tree, as jing has no limit). XIncludes are resolved from local files only
    (xmlsafe.resolve_xinclude, as validate and jing do), so the page and the lost-text check see
    the included text. A repeated xml:id makes the file invalid but not malformed: it is published
    with one warning. Raises PublishError (one line: a refusal or a parse error) when the file
    cannot be published, OSError when it cannot be read."""
    size = path.stat().st_size
    if size > max_bytes:
        raise PublishError(
            f"refused: the file is {human_size(size)}, over the size limit of {human_size(max_bytes)} ({MAX_SIZE_HINT})"
        )
    raw = path.read_bytes()
    try:
        tree = parse_xml(path, raw, huge=True, collect_ids=False)
    except (etree.XMLSyntaxError, ValueError) as exc:  # UnsafeXML is a ValueError
        raise PublishError(describe_xml_error(exc)) from None
    warnings = _repeated_ids(tree) + [message for _, message, _ in bad_xml_ids(tree)]  # validate's words
    included = has_xinclude(tree)
    if included:
        refusal, _ = resolve_xinclude(tree, str(path), include_roots, max_bytes)  # folders named by --include-root
        if refusal is not None:
            raise PublishError(f"refused: {refusal.reason} (the xi:include on line {refusal.line})")
    if included or not is_utf8(tree, raw):  # the site serves UTF-8
        raw = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    return tree, warnings, raw


XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _repeated_ids(tree: etree._ElementTree) -> list[str]:
    """One warning when xml:id values repeat (links to such an id go to its first element)."""
    seen: set[str] = set()
    repeated: dict[str, int] = {}
    for el in tree.iter():
        value = el.get(XML_ID) if isinstance(el.tag, str) else None
        if value is None:
            continue
        if value in seen:
            repeated.setdefault(value, el.sourceline or 0)
        seen.add(value)
    if not repeated:
        return []
    first, line = next(iter(repeated.items()))
    more = f" and {len(repeated) - 1} more" if len(repeated) > 1 else ""
    return [
        f"xml:id '{first}' (line {line}){more} is used more than once: the file is invalid (published anyway; "
        "links to a repeated id go to its first element)"
    ]


def write_document(
    site: Path, publisher: Publisher, name: str, tei: bytes, scope: Mapping[str, str] | None = None
) -> list[str]:
    """Write docs/<name>.html and the download copy tei/<name>.xml (made inert, see inert_tei);
    SCOPE renames entities kept apart from others of the same id (`sitemap.annotate`).
    Returns warnings: text the page does not show, and what was removed from the download copy.
    Raises PublishError, OutputError, and XMLSyntaxError/UnsafeXML for TEI that is not safe XML."""
    name = safe_stem(name)
    # parsed once, as inert_tei and render_document would each parse it (same errors)
    tree = parse_xml(data=tei, huge=True, collect_ids=False)
    download, removed = inert_tei(tei, tree)
    page, warnings = publisher.render_document(tei, name, tree, scope)
    # a page is made again whenever the stylesheets, the title or the UI strings change; its
    # download copy only when the TEI does. Either is written only when its bytes differ from the
    # file there: reading an unchanged one is a tenth of writing it (a temporary file, a rename),
    # and a site published again into its folder keeps the files that did not change
    _write_in_site(site, f"docs/{name}.html", page)
    _write_in_site(site, f"tei/{name}.xml", download)
    return [*warnings, f"download copy tei/{name}.xml: {removed}"] if removed else warnings


# Vocabularies a browser acts on when it opens an XML file: XHTML and SVG run <script> and event
# handlers, MathML has event handlers, XSLT and XLink/XML Events can load or run code. TEI and any
# other namespace are generic XML to a browser: shown as a tree, never run. A file that names none
# of them (and has no on… attribute, active URL or xml-stylesheet) is copied without a look.
XHTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XSLT_NS = "http://www.w3.org/1999/XSL/Transform"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_EVENTS_NS = "http://www.w3.org/2001/xml-events"
ACTIVE_NAMESPACES = frozenset({XHTML_NS, SVG_NS, MATHML_NS, XSLT_NS, XLINK_NS, XML_EVENTS_NS})
# What of them is removed from a download, and the name a warning gives it. XHTML, XSLT and XML
# Events elements go whole (an XHTML element set is a browser's whole page model: script, iframe,
# object, form, meta refresh, base; XSLT runs where a stylesheet instruction points to it; XML Events
# bind handlers). MathML and SVG are drawings a reader needs (TEI P5 14.5 formula, 11.8 figure):
# kept, less the SVG elements that run or rewrite (script, the animations that can set an href to a
# javascript: URL, SVG Tiny's handler and listener). On any element: event-handler attributes (on…),
# attributes of the XHTML, SVG, MathML and XML Events namespaces, XLink's actuate (which follows a
# link on load), and any attribute holding a javascript:, vbscript: or data: URL.
_DROPPED_VOCABULARIES = frozenset({XSLT_NS, XML_EVENTS_NS})
# XHTML in a download (in a MathML annotation-xml, a project's own markup) is kept as text and
# formatting: <b>, <em>, <p> run nothing. Removed whole: what runs, loads or holds code or a frame's
# page (its words are no text of the document); removed with its text kept: a container a browser
# would run or embed something by (an object's words are its fallback text, a form's its labels)
_DROPPED_XHTML = frozenset({"script", "style", "link", "meta", "base", "iframe", "frame", "embed", "noscript"})
_UNWRAPPED_XHTML = frozenset({"object", "applet", "form", "frameset", "portal", "fencedframe"})
# attributes of a kept XHTML element by which a browser would load something on opening the file
# (a link's href and a quotation's cite are followed only when clicked, and kept as MathML's href is)
_XHTML_LOADING_ATTRIBUTES = frozenset(
    {
        "src",
        "srcset",
        "srcdoc",
        "data",
        "poster",
        "background",
        "action",
        "formaction",
        "ping",
        "codebase",
        "archive",
        "classid",
        "manifest",
        "lowsrc",
        "dynsrc",
        "longdesc",
        "usemap",
        "style",
        "imagesrcset",
    }
)
_DROPPED_SVG = frozenset(
    {"script", "set", "animate", "animateMotion", "animateTransform", "discard", "handler", "listener"}
)
_DROPPED_ATTRIBUTE_NAMESPACES = frozenset({XHTML_NS, SVG_NS, MATHML_NS, XML_EVENTS_NS})
_VOCABULARY_PREFIX = {
    XHTML_NS: "html",
    SVG_NS: "svg",
    MATHML_NS: "math",
    XSLT_NS: "xsl",
    XLINK_NS: "xlink",
    XML_EVENTS_NS: "ev",
}
_ACTIVE_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def _shown_name(qname: etree.QName) -> str:
    """An element's or attribute's name as a warning shows it: the usual prefix of its vocabulary."""
    prefix = _VOCABULARY_PREFIX.get(qname.namespace or "")
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _active_attribute(qname: etree.QName, value: str) -> str | None:
    """Why an attribute is removed from a download (its name, and the URL's scheme when that is
    why), or None when it is kept."""
    if qname.namespace in _DROPPED_ATTRIBUTE_NAMESPACES or qname.namespace == XLINK_NS and qname.localname == "actuate":
        return f"@{_shown_name(qname)}"
    if qname.namespace is None and qname.localname.lower().startswith("on"):
        return f"@{qname.localname}"
    url = _ACTIVE_URL.match(_CONTROLS.sub("", value))
    if url:
        return f"@{_shown_name(qname)} holding a {_CONTROLS.sub('', url.group()).lower()} URL"
    return None


def inert_tei(tei: bytes, tree: etree._ElementTree | None = None) -> tuple[bytes, str]:
    """A TEI file as it may be served from the edition's own origin: parsed with the safe parser
    (no DTD, no entities) and written again without what a browser would run (see
    _DROPPED_VOCABULARIES): XSLT and XML Events elements, SVG's script and animation elements,
    XHTML's elements that run, load or frame something (_DROPPED_XHTML; the containers of
    _UNWRAPPED_XHTML give up their text and children, and XHTML's formatting, <b>, <p>, is kept
    with its words) and the attributes by which one loads something (_XHTML_LOADING_ATTRIBUTES),
    event-handler attributes (on…), attributes of the active namespaces,
    javascript:/vbscript:/data: URLs in any attribute, and xml-stylesheet processing
    instructions (which make the browser fetch and run a stylesheet). MathML and SVG drawings
    are kept (TEI P5 14.5, 11.8), as are TEI and every other namespace.
    Returns (bytes, a note naming what was removed, with counts, or '' when nothing was).
    TREE, when given, is TEI already parsed that way (read, never changed).
    Raises etree.XMLSyntaxError or UnsafeXML for XML the safe parser refuses.
    """
    if _surely_inert(tei):
        if tree is None:  # still refused as before when it is not safe XML
            parse_xml(data=tei, huge=True, collect_ids=False)
        return tei, ""
    # read as read_tei read it: text nodes of any size (the file's size is bounded there), a
    # repeated xml:id allowed (invalid, not malformed); a copy of its own, as it is changed
    tree = parse_xml(data=tei, huge=True, collect_ids=False)
    root = tree.getroot()
    removed: Counter[str] = Counter()
    before = list(reversed(list(root.itersiblings(preceding=True))))
    after = list(root.itersiblings())
    if any(_is_stylesheet(n) for n in (*before, *after)):  # lxml cannot remove a sibling of the root: copy
        removed["<?xml-stylesheet?>"] += sum(_is_stylesheet(n) for n in (*before, *after))
        root = copy.deepcopy(root)
        for node in before:
            if not _is_stylesheet(node):
                root.addprevious(copy.deepcopy(node))
        for node in reversed(after):
            if not _is_stylesheet(node):
                root.addnext(copy.deepcopy(node))
        tree = root.getroottree()
    for pi in [n for n in root.iter(etree.ProcessingInstruction) if _is_stylesheet(n)]:
        _drop(pi)
        removed["<?xml-stylesheet?>"] += 1
    dropped: set[etree._Element] = set()
    for el in list(root.iter(etree.Element)):
        if dropped and not dropped.isdisjoint(el.iterancestors()):
            continue  # inside an element removed whole
        qname = etree.QName(el)
        xhtml = qname.namespace == XHTML_NS
        if el is root and (
            xhtml
            or qname.namespace in _DROPPED_VOCABULARIES
            or qname.namespace == SVG_NS
            and qname.localname in _DROPPED_SVG
        ):
            raise PublishError("the document's root element is XHTML, SVG or another active vocabulary, not TEI")
        local = qname.localname.lower() if xhtml else qname.localname
        if (
            qname.namespace in _DROPPED_VOCABULARIES
            or qname.namespace == SVG_NS
            and qname.localname in _DROPPED_SVG
            or xhtml
            and local in _DROPPED_XHTML
        ):
            _drop(el)
            dropped.add(el)
            removed[f"<{_shown_name(qname)}>"] += 1
            continue
        for attr, value in list(el.attrib.items()):
            name = etree.QName(attr)
            why = _active_attribute(name, value)
            if why is None and xhtml and name.namespace is None and name.localname.lower() in _XHTML_LOADING_ATTRIBUTES:
                why = f"@{name.localname} of <{_shown_name(qname)}>"
            if why:
                del el.attrib[attr]
                removed[why] += 1
        if xhtml and local in _UNWRAPPED_XHTML:
            _unwrap(el)
            removed[f"<{_shown_name(qname)}> (its text kept)"] += 1
    if not removed:
        return tei, ""
    etree.cleanup_namespaces(root)
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    named = ", ".join(f"{what} ×{n}" if n > 1 else what for what, n in sorted(removed.items()))
    return data, f"removed active content a browser would run or load: {named}"


# bytes deleted before looking for an active URL's scheme: ASCII controls and spaces (which the
# check removes or skips) and every byte of a non-ASCII character (C1 controls, Unicode spaces)
_SCHEME_NOISE = bytes(range(0x21)) + bytes(range(0x7F, 0x100))
# "on…=" after white space: the regex looks for its literal "on" (a fast scan; a pattern that
# starts with \s is tried at every byte), the white space before it is checked after
_ON_ATTRIBUTE = re.compile(rb"on[^\s=<>/]*\s*=")
_WHITE_SPACE_BYTES = frozenset(b" \t\n\r\f\v")  # regex \s of bytes
_ACTIVE_SCHEMES = (b"javascript:", b"vbscript:", b"data:")
_SCHEME_NAMES = tuple(scheme[:-1] for scheme in _ACTIVE_SCHEMES)


def _surely_inert(tei: bytes) -> bool:
    """Whether the bytes of a TEI file cannot hold anything inert_tei removes, decided without
    parsing it: no character reference (which could spell anything), none of the active
    namespaces, no xml-stylesheet instruction, nothing like an on… attribute, and no
    javascript:/vbscript:/data: even with the spaces and controls the full check skips taken out.
    False means only that the full check must decide (text like "the data: …" is enough)."""
    # (each test first looks for what is quick to find and every match needs: most files have none)
    if b"&" in tei and b"&#" in tei:
        return False
    if _ACTIVE_PREFIX in tei and any(ns.encode() in tei for ns in ACTIVE_NAMESPACES):
        return False
    lowered = tei.lower()
    if b"<?xml-stylesheet" in lowered or _has_on_attribute(lowered):
        return False
    return not _may_have_active_scheme(lowered)


# what every active namespace begins with
_ACTIVE_PREFIX = os.path.commonprefix(sorted(ACTIVE_NAMESPACES)).encode()
_SCHEME_WINDOW = 64  # bytes before a colon read at first for the scheme that may end there


def _may_have_active_scheme(lowered: bytes) -> bool:
    """Whether LOWERED (bytes in lower case) spells javascript:, vbscript: or data: once the bytes
    of _SCHEME_NOISE are taken out, as the full check reads it. Each scheme ends with a colon, so
    only the bytes before each colon are read (the whole text with the noise taken out, only when a
    colon has more noise before it than its window holds)."""
    longest = max(map(len, _ACTIVE_SCHEMES)) - 1  # letters before the colon
    colon = lowered.find(b":")
    while colon >= 0:
        start = max(0, colon - _SCHEME_WINDOW)
        before = lowered[start:colon].translate(None, _SCHEME_NOISE)
        if len(before) < longest and start > 0:  # noise fills the window: read the whole text
            squeezed = lowered.translate(None, _SCHEME_NOISE)
            return any(scheme in squeezed for scheme in _ACTIVE_SCHEMES)
        if before.endswith(_SCHEME_NAMES):
            return True
        colon = lowered.find(b":", colon + 1)
    return False


def _has_on_attribute(lowered: bytes) -> bool:
    """Whether LOWERED (bytes in lower case) has something like an on… attribute: white space,
    "on", name characters, white space, "=" (as the regex \\son[^\\s=<>/]*\\s*= finds it)."""
    # a match holds white space only just before its "=", so none of them hides a start
    return any(m.start() and lowered[m.start() - 1] in _WHITE_SPACE_BYTES for m in _ON_ATTRIBUTE.finditer(lowered))


def _is_stylesheet(node) -> bool:
    return isinstance(node, etree._ProcessingInstruction) and str(node.target).lower() == "xml-stylesheet"


def _unwrap(el: etree._Element) -> None:
    """Replace an element inside the root by what it holds: its text, children and tail stay in place."""
    parent = el.getparent()
    previous = el.getprevious()
    if el.text:
        if previous is not None:
            previous.tail = (previous.tail or "") + el.text
        else:
            parent.text = (parent.text or "") + el.text
    at = parent.index(el)
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)  # moves it, with its tail
    el.text = None
    _drop(el)


def _drop(node) -> None:
    """Remove an element or processing instruction inside the root, keeping the text that follows it."""
    parent = node.getparent()
    tail = node.tail
    previous = node.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def render_page(publisher: Publisher, stylesheet: str, xml: str) -> bytes:
    """Render one overview page with the named stylesheet (index, register or entity)."""
    pages = {
        "index": publisher.index_page,
        "register": publisher.register_page,
        "entity": publisher.entity_page,
        "search": publisher.search_page,
    }
    return pages[stylesheet](xml)


class PageJob(NamedTuple):
    """One overview page to render: its path relative to the site, the stylesheet's name, the input XML."""

    page: str
    stylesheet: str
    xml: str


def write_pages(site: Path, publisher: Publisher, pages: Iterable[PageJob]) -> int:
    """Render and write overview pages (PageJob each); returns how many."""
    count = 0
    for job in pages:
        # a page whose input changed only where it does not show (a register when a mention's
        # context changed) is left as it is
        _write_if_changed(site_path(site, job.page), render_page(publisher, job.stylesheet, job.xml))
        count += 1
    return count


class EditionPage(NamedTuple):
    """One of the edition's own prose pages: its output name (NAME.html), its label in the
    navigation, its TEI file, and its TEI with its XIncludes resolved (None: the file's bytes)."""

    name: str
    label: str
    path: Path
    data: bytes | None = None


EDITION_PAGES = "pages"  # the folder of the edition's own pages, in its --xslt folder
EDITION_PAGES_ORDER = "pages.json"  # in it: the pages' order in the navigation, a list of names


def edition_pages(
    overrides: Path | None, follow_symlinks: bool = False, said: list[tuple[Path, str]] | None = None
) -> list[EditionPage]:
    """The edition's own prose pages (about, introduction, editorial principles): each
    OVERRIDES/pages/NAME.xml, a TEI document (TEI P5 4: its text; its title in titleStmt), made
    into NAME.html at the site's root with the site's header, navigation and footer. Labelled in
    the navigation by its short title (title[@type="short"]), else its main or first title; in the
    order OVERRIDES/pages/pages.json lists them (a JSON list of names), the others after it by
    name. The folder's files are taken by the one rule of every command (inputs.not_taken): a
    hidden file, an `X.XML` and the like are not read; each is added to SAID (file, warning), as
    is a name pages.json lists twice or that names no page. XIncludes are resolved as a
    document's are (local files of the folder only). [] without the folder. Raises PublishError
    for a page that is not readable XML or whose XInclude is refused, a symbolic link without
    follow_symlinks, a name the site's own pages use (index, search, a register), two names one
    file on macOS and Windows (differing only in letter case or Unicode form), or a pages.json
    that is not a list of names."""
    folder = overrides / EDITION_PAGES if overrides is not None else None
    if folder is None or not folder.is_dir():
        return []
    said = [] if said is None else said
    reserved = {"index", "search", *(Path(r["page"]).stem for r in sitemap.registers().values())}
    order_file = folder / EDITION_PAGES_ORDER
    order: list[str] = []
    if order_file.is_file():
        try:
            order = json.loads(override_bytes(order_file).decode("utf-8-sig"))
        except (ValueError, OSError) as exc:
            raise PublishError(f"{order_file}: not a JSON list of page names: {exc}") from None
        if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
            raise PublishError(f"{order_file}: not a JSON list of page names")
    said += not_taken(folder, (".xml",), sub_folders=False)
    pages = []
    keys: dict[str, Path] = {}  # name_key -> the page's file: names one file on macOS and Windows
    for path in sorted(p for p in folder.glob("*.xml") if not p.name.startswith(".")):
        if path.is_symlink() and not follow_symlinks:
            raise PublishError(f"{path}: {SYMLINK_REFUSED}")
        name = safe_stem(path.stem)
        if name.lower() in reserved:
            raise PublishError(f"{path}: {name}.html is a page of the site's own; rename the edition's page")
        if (earlier := keys.setdefault(name_key(name), path)) != path:
            raise PublishError(f"{path}: {name_clash(name, safe_stem(earlier.stem), earlier)}")
        try:
            tree = parse_xml(data=override_bytes(path), collect_ids=False)
        except (etree.XMLSyntaxError, ValueError, OSError) as exc:
            raise PublishError(f"{path}: not publishable XML: {lines_of(str(exc))[0]}") from None
        data = None
        if has_xinclude(tree):  # as a document's (read_tei_source): local files only, else refused
            refusal, _ = resolve_xinclude(tree, str(path))
            if refusal is not None:
                raise PublishError(f"{path}: refused: {refusal.reason} (the xi:include on line {refusal.line})")
            data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
        root = tree.getroot()
        titles = root.findall(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title")
        chosen = (
            [t for t in titles if t.get("type") == "short"] or [t for t in titles if t.get("type") == "main"] or titles
        )
        label = " ".join("".join(chosen[0].itertext()).split()) if chosen else ""
        pages.append(EditionPage(name, label or name, path, data))
    names = {p.name for p in pages}
    for n, listed in enumerate(order):
        if listed in order[:n]:
            said.append((order_file, f'"{listed}" is listed twice: its first place is kept'))
        elif listed not in names:
            said.append((order_file, f'"{listed}" names no page of the folder (pages/{listed}.xml): left out'))
    rank: dict[str, int] = {}
    for n, listed in enumerate(order):
        rank.setdefault(listed, n)
    return sorted(pages, key=lambda p: (rank.get(p.name, len(order)), p.name))


def write_edition_pages(
    site: Path, publisher: Publisher, documents: Iterable[str] = (), entries: Iterable[str] = ()
) -> list[tuple[Path, str]]:
    """Write the edition's own pages (`edition_pages`) as SITE/NAME.html. DOCUMENTS: the output
    names of the documents the site has; ENTRIES: its entry pages (site-relative, `entry_pages`):
    a page links only those (`sitemap.edition_page_links`). Returns (file, warning) for each
    warning of a page (text it does not show, a link it cannot make, as a document page's).
    Raises PublishError when a page cannot be rendered, OutputError when it cannot be written."""
    warnings = list(publisher.edition_page_warnings)  # files of the folder not read, pages.json's slips
    if not publisher.edition_pages:
        return warnings
    linkable = {*entries, *(f"docs/{name}.html" for name in documents)}
    for page in publisher.edition_pages:
        html_page, said = publisher.render_document(
            page.data or override_bytes(page.path), page.name, edition_page=True, linkable=linkable
        )
        _write_if_changed(site_path(site, f"{page.name}.html"), html_page)
        warnings += [(page.path, warning) for warning in said]
    return warnings


def write_overviews(
    site: Path,
    publisher: Publisher | None,
    summaries: list[DocumentSummary],
    affected: set[str] | None = None,
    index_stale: bool = True,
    render_pages=None,
    search: bool = False,
    details: dict[str, dict[str, str]] | None = None,
    listed: set[str] | None = None,
    contexts_of: ContextsOf | None = None,
    entry_inputs: dict[str, str] | None = None,
    changed_docs: set[str] | frozenset[str] = frozenset(),
    removed: list[str] | None = None,
) -> int:
    """Index, registers and entry pages. With `affected`, only entries those ids name are
    rewritten, the registers of the kinds of the ids in `listed` (the entities whose row in a
    register changes; None: those of `affected`), and the index only when `index_stale`. `render_pages` may spread the
    rendering over worker processes (then `publisher` may be None). With `search`, the full-text
    search page is written with the index; `details` are the authority entries' dates of life,
    notes and coordinates (see EntityIndex); `contexts_of` reads one entity's contexts in some
    documents at once (SummaryStore.contexts_of; None: from each summary).

    An entry is paged (EntityIndex.entry_parts). entry_inputs (page -> digest of what the page
    shows besides its sentences) lets an incremental build skip the pages of an affected entry
    that stay as they were: a page is rendered when its digest differs from the one recorded,
    or when it lists a document of `changed_docs` (the documents whose summary changed: their
    sentences may have); the digests of the pages now are written into entry_inputs, and those
    of the entry pages removed are dropped. With affected None every page is rendered.
    `removed`, when given, gets each entry page removed (an entity no longer mentioned, or with
    fewer pages). Returns pages written."""
    if render_pages is None:
        if publisher is None:
            raise ValueError("write_overviews needs a publisher or a page renderer")
        chosen = publisher
        render_pages = lambda jobs: write_pages(site, chosen, jobs)  # noqa: E731
    render = render_pages
    jobs = _overview_jobs(
        summaries, affected, index_stale, site, search, details, listed, contexts_of, entry_inputs, removed
    )
    return render(_entry_jobs(jobs, affected, entry_inputs, changed_docs))


class _EntryJob(NamedTuple):
    """The pages of one entry (_overview_jobs makes them; _entry_jobs chooses which are rendered)."""

    entities: EntityIndex
    kind: str
    ref: str


def _entry_jobs(jobs, affected: set[str] | None, entry_inputs: dict[str, str] | None, changed_docs):
    """The PageJobs of `jobs`, an _EntryJob made into the jobs of those of its pages to render
    (write_overviews)."""
    for job in jobs:
        if isinstance(job, PageJob):
            yield job
            continue
        entities, kind, ref = job
        parts = entities.entry_parts(ref)
        for part, docs in enumerate(parts, 1):
            page = sitemap.entity_page(kind, ref, part)
            if entry_inputs is not None:
                shown = entities.entity_xml(ref, part, parts, contexts=False)
                digest = hashlib.sha256(shown.encode()).hexdigest()[:32]
                same = entry_inputs.get(page) == digest and not changed_docs.intersection(docs)
                entry_inputs[page] = digest
                if same and affected is not None:
                    continue
            yield PageJob(page, "entity", entities.entity_xml(ref, part, parts))


def _overview_jobs(
    summaries: list[DocumentSummary],
    affected: set[str] | None,
    index_stale: bool,
    site: Path,
    search: bool = False,
    details: dict[str, dict[str, str]] | None = None,
    listed: set[str] | None = None,
    contexts_of: ContextsOf | None = None,
    entry_inputs: dict[str, str] | None = None,
    removed: list[str] | None = None,
):
    """A PageJob for every page to write but the entry pages, an _EntryJob for each entry to write;
    XML is made as pages are taken. Entry pages no longer needed are removed (and added to `removed`)."""
    removed = [] if removed is None else removed
    if index_stale or affected is None:
        yield PageJob("index.html", "index", index_xml(summaries))
        if search:
            yield PageJob("search.html", "search", "<edition/>")
    listed = affected if listed is None or affected is None else listed
    if affected is not None and not affected and not listed:
        return  # no entity's mentions changed: registers stay as they are
    entities = EntityIndex(summaries, details, contexts_of)
    # an id no document describes any more could have been of any kind
    affected_kinds = None if listed is None else {entities.info[r].kind if r in entities.info else None for r in listed}
    for kind, register in sitemap.registers().items():
        page = register["page"]
        refs = entities.refs(kind)
        if affected_kinds is None or kind in affected_kinds or None in affected_kinds:
            yield PageJob(page, "register", entities.register_xml(kind))
        for ref in refs if affected is None else [r for r in refs if r in affected]:
            yield _EntryJob(entities, kind, ref)
    further = _further_entry_pages(site)
    if affected is None:  # every entry written: the further pages of none of them are left behind
        needed = {
            (kind, sitemap.page_stem(ref)): len(entities.entry_parts(ref))
            for kind in sitemap.registers()
            for ref in entities.refs(kind)
        }
        for key, pages in further.items():
            for k, page in pages:
                if k > needed.get(key, 0) and remove_owned_file(site_path(site, page)):
                    removed.append(page)
        return  # first pages of entities gone: remove_stale_entry_pages, after a full build
    for ref in affected:
        now = entities.info[ref].kind if ref in entities.mentions and ref in entities.info else None
        parts = len(entities.entry_parts(ref)) if now else 0
        for other in sitemap.registers():
            pages = [(1, sitemap.entity_page(other, ref))] if other != now else []
            pages += [
                (k, page) for k, page in further.get((other, sitemap.page_stem(ref)), ()) if other != now or k > parts
            ]
            for _, page in pages:  # no longer mentioned anywhere, or fewer pages: those pages go
                if remove_owned_file(site_path(site, page)):
                    removed.append(page)
                if entry_inputs is not None:
                    entry_inputs.pop(page, None)


def _further_entry_pages(site: Path) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """The entry pages after the first now in the site: (kind, stem) -> [(part, page)] (a listing
    of each register's folder: only regular files, lstat)."""
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for kind, register in sitemap.registers().items():
        folder = site_path(site, register["folder"])
        for entry in folder_entries(folder) if folder.is_dir() else ():
            stem, _, rest = entry.name.partition(".")
            part = rest[: -len(".html")] if rest.endswith(".html") else ""
            if part.isdigit() and entry.is_file(follow_symlinks=False):
                found.setdefault((kind, stem), []).append((int(part), f"{register['folder']}/{entry.name}"))
    return found


def entry_pages(summaries: list[DocumentSummary], details: dict[str, dict[str, str]] | None = None) -> set[str]:
    """The entry pages (relative to the site) that the documents' summaries need: every page of
    each entity a register lists, as write_overviews writes them."""
    entities = EntityIndex(summaries, details)
    return {
        sitemap.entity_page(kind, ref, part)
        for kind in sitemap.registers()
        for ref in entities.refs(kind)
        for part in range(1, len(entities.entry_parts(ref)) + 1)
    }


def remove_stale_entry_pages(site: Path, earlier: list[str], needed: set[str]) -> int:
    """Remove the entry pages an earlier build wrote (`earlier`: pages listed in its state, relative
    to the site) that are not `needed` now (an entity no summary lists any more, as after a switch
    of --authority, --no-gazetteer or --record-format): only regular files (lstat), only in the
    register folders. Returns how many were removed."""
    folders = {register["folder"] for register in sitemap.registers().values()}
    removed = 0
    for page in earlier:
        folder, _, name = page.partition("/")
        if folder in folders and name and "/" not in name and page not in needed:
            removed += remove_owned_file(site_path(site, page))
    return removed


def remove_document(site: Path, name: str) -> int:
    """Remove a document's page and TEI copy from the site: only regular files (lstat), never a
    user's link, FIFO or socket put at those paths. Returns how many files were removed."""
    return sum(remove_owned_file(site_path(site, relative)) for relative in (f"docs/{name}.html", f"tei/{name}.xml"))


# what `publish` (or `build`, into its site) wrote into a site folder (the documents and entry pages),
# kept there so that the next publish or build into it removes what it no longer writes, and nothing
# either never wrote
PUBLISHED = ".tei-encoder-published.json"


@dataclass(frozen=True)
class Published:
    """What a publish (or a build) wrote into a site: documents (output names: docs/<name>.html,
    tei/<name>.xml) and entry pages (relative to the site), as kept in SITE/PUBLISHED."""

    documents: frozenset[str] = frozenset()
    pages: frozenset[str] = frozenset()

    def __or__(self, other: Published) -> Published:
        return Published(self.documents | other.documents, self.pages | other.pages)


def read_published(site: Path) -> Published:
    """What the last publish into SITE wrote (SITE/PUBLISHED), or nothing when the folder has no
    such file, or one that is damaged, not a regular file (never opened: fsutil.read_regular) or
    names a path that is no output name (fsutil.is_output_name): only names such as a publish
    writes are ever removed."""
    try:
        data = json.loads(read_regular(site / PUBLISHED).decode("utf-8"))
    except (OSError, ValueError):
        return Published()
    if not isinstance(data, dict):
        return Published()
    documents, pages = data.get("documents"), data.get("pages")
    folders = {register["folder"] for register in sitemap.registers().values()}
    return Published(
        frozenset(d for d in documents if is_output_name(d)) if isinstance(documents, list) else frozenset(),
        frozenset(
            p
            for p in pages
            if isinstance(p, str) and p.partition("/")[0] in folders and is_output_name(p.partition("/")[2])
        )
        if isinstance(pages, list)
        else frozenset(),
    )


def record_published(site: Path, published: Published) -> None:
    """Keep in SITE/PUBLISHED what this publish wrote (sorted: the same site, the same bytes).
    Raises OutputError when it cannot be written (a link or folder there is refused, not written
    through)."""
    data = {"documents": sorted(published.documents), "pages": sorted(published.pages)}
    atomic_write(site / PUBLISHED, json.dumps(data, indent=0, sort_keys=True).encode() + b"\n", owned=True)


def remove_unpublished(site: Path, earlier: Published, now: Published) -> tuple[int, int]:
    """Remove what the earlier publish wrote (`earlier`, read_published) and this one does not
    (`now`): the page and TEI copy of each document no longer published (remove_document), and the
    entry pages no longer needed (remove_stale_entry_pages), as a build does for its records gone.
    Only regular files at those paths go; a user's own files in the site are never listed, so never
    removed. Returns (documents removed, entry pages removed)."""
    documents = sum(remove_document(site, name) > 0 for name in sorted(earlier.documents - now.documents))
    return documents, remove_stale_entry_pages(site, sorted(earlier.pages), set(now.pages))
