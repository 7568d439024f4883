"""Stage 5 — validate: TEI -> diagnostics.

Three layers, each compiled once per process and reused for every file:
  * the project XSD (schema/tei-encoder.xsd): lxml decides valid/invalid fast (C); for an
    invalid file xmlschema explains each problem (what was found, what was expected);
  * the Schematron rules (schema/rules.sch) for what XSD cannot state, run by lxml.isoschematron;
  * optionally any RELAX NG schema (for example tei_all): with `jing` when it is installed
    (one call for a whole batch), else lxml.
Every problem becomes a Diagnostic with file, line, column, severity, message and element path.
"""

from __future__ import annotations

import multiprocessing
import re
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree, isoschematron

from .config import project_dir
from .xmlsafe import UnsafeXML, describe_xml_error, parse_xml

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|fatal): (?P<msg>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: str  # "error" | "warning"
    message: str
    path: str = ""  # element path, e.g. /TEI/text/body/div/p[3]
    source: str = ""  # xml | schema | rules | rng

    def text(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}{where}"

    def as_dict(self) -> dict:
        return asdict(self)


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
    """The file's lines, split only if a problem needs a column (valid files never pay for it)."""

    def __init__(self, data: bytes | None):
        self._data, self._lines = data, None

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i: int) -> bytes:
        return self._get()[i]

    def _get(self) -> list[bytes]:
        if self._lines is None:
            self._lines = self._data.split(b"\n") if self._data is not None else []
        return self._lines


def _column(lines, line: int, el: etree._Element | None) -> int:
    """Column of the element's start tag on its line (lxml only gives the line)."""
    if el is None or not 0 < line <= len(lines):
        return 1
    qname = etree.QName(el)
    text = lines[line - 1]
    for name in (qname.localname, f":{qname.localname}"):
        at = text.find(f"<{name}".encode())
        if at >= 0 and text[at + 1 + len(name) : at + 2 + len(name)] in (b" ", b">", b"/", b"\t", b""):
            return at + 1
    return 1


def compile_rules(path: Path) -> etree.XSLT:
    """A Schematron file compiled (ISO skeleton, via lxml.isoschematron) to a lean XSLT that returns SVRL.

    Per document this is the costliest check, so the skeleton's options are set for speed:
    no svrl:fired-rule per matched node, and the tree walk skips attributes, comments and
    processing instructions when no rule context can match them.
    """
    schematron = etree.parse(str(path))
    contexts = [c for c in schematron.xpath("//sch:rule/@context", namespaces={"sch": SCH_NS})]
    bare = [re.sub(r"\[[^\[\]]*\]", "", re.sub(r"\[[^\[\]]*\]", "", c)) for c in contexts]  # predicates out
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
    return etree.XSLT(stylesheet)


class Validator:
    def __init__(self, xsd: Path | None | bool = None, rules: Path | None | bool = None, rng: Path | None = None):
        """xsd/rules: a path, None for the project's own, False for none (RELAX NG only, say)."""
        schema_dir = project_dir("schema") if xsd is None or rules is None else None
        self.xsd_path = None if xsd is False else (Path(xsd) if xsd else schema_dir / "tei-encoder.xsd")
        self.rules_path = None if rules is False else (Path(rules) if rules else schema_dir / "rules.sch")
        self.rng_path = Path(rng) if rng else None
        self.jing = shutil.which("jing") if self.rng_path else None  # RELAX NG by jing, batched, when installed
        self.xsd = etree.XMLSchema(etree.parse(str(self.xsd_path))) if self.xsd_path else None
        self.rules = compile_rules(self.rules_path) if self.rules_path else None

    @cached_property
    def explainer(self):
        import xmlschema  # compiled only when a file is invalid: the fast path never pays for it

        return xmlschema.XMLSchema(str(self.xsd_path))

    @cached_property
    def _lxml_rng(self):
        return etree.RelaxNG(etree.parse(str(self.rng_path)))

    # -- one document --
    def check_file(self, path: Path) -> list[Diagnostic]:
        name = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise OSError(f"{name}: cannot read: {exc.strerror or exc}") from None
        try:
            tree = parse_xml(path, data)
        except etree.XMLSyntaxError as exc:
            line, col = exc.position if hasattr(exc, "position") else (exc.lineno or 1, exc.offset or 1)
            duplicate = re.match(r"ID (\S+) already defined", exc.msg or "")
            if duplicate:  # libxml2 reports a repeated xml:id while parsing
                message = f"duplicate xml:id '{duplicate.group(1)}': every xml:id must be unique; rename one of them"
                return [Diagnostic(name, line or 1, col or 1, "error", message, source="schema")]
            return [Diagnostic(name, line or 1, col or 1, "error", describe_xml_error(exc), source="xml")]
        except UnsafeXML as exc:
            return [Diagnostic(name, 1, 1, "error", describe_xml_error(exc), source="xml")]
        return self.check_tree(tree, name, data)

    def check_tree(self, tree: etree._ElementTree, name: str, data: bytes | None = None) -> list[Diagnostic]:
        lines = _Lines(data)
        found: list[Diagnostic] = []
        if self.xsd is not None and not self.xsd.validate(tree):
            found.extend(self._explain(tree, name, lines))
        if self.rules is not None:
            found.extend(self._rules(tree, name, lines))
        if self.rng_path and not self.jing:
            found.extend(self._rng_lxml(tree, name))
        return found

    def _explain(self, tree, name: str, lines: list[bytes]) -> list[Diagnostic]:
        found = []
        for error in self.explainer.iter_errors(tree):
            el = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
            index = getattr(error, "index", None)
            if el is not None and isinstance(index, int) and 0 <= index < len(el):
                el = el[index]  # point at the offending child, not at its parent
            line = (el.sourceline if el is not None else None) or error.sourceline or 1
            message = " ".join(str(error.reason or error.message).split())
            expected = getattr(error, "expected", None)
            if expected and "expected" not in message:
                names = ", ".join(sorted({getattr(e, "prefixed_name", str(e)) for e in expected if e is not None}))
                message += f" Expected: {names}."
            message = message.replace("{http://www.tei-c.org/ns/1.0}", "tei:")
            found.append(
                Diagnostic(
                    name,
                    line,
                    _column(lines, line, el),
                    "error",
                    message,
                    element_path(el) if el is not None else "",
                    "schema",
                )
            )
        if not found:  # xmlschema and libxml2 disagree: fall back on libxml2's own words
            for entry in self.xsd.error_log:
                found.append(Diagnostic(name, entry.line or 1, entry.column or 1, "error", entry.message, "", "schema"))
        return found

    def _rules(self, tree, name: str, lines: list[bytes]) -> list[Diagnostic]:
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
                    _column(lines, line, el),
                    severity,
                    text,
                    element_path(el) if el is not None else location,
                    "rules",
                )
            )
        return found

    def _rng_lxml(self, tree, name: str) -> list[Diagnostic]:
        if self._lxml_rng.validate(tree):
            return []
        return [
            Diagnostic(name, e.line or 1, e.column or 1, "error", e.message, "", "rng")
            for e in self._lxml_rng.error_log
        ]

    # -- a batch --
    def check_files(self, paths: list[Path], jobs: int = 1) -> list[Diagnostic]:
        """Every file; with jobs > 1 and enough files, in a process pool (schemas compiled once per worker)."""
        found: list[Diagnostic] = []
        if jobs > 1 and len(paths) >= 200:
            found.extend(self._in_pool(paths, jobs))
        else:
            for path in paths:
                found.extend(self.check_file(path))
        if self.jing:
            broken = {d.file for d in found if d.source == "xml"}
            found.extend(jing(self.rng_path, [p for p in paths if str(p) not in broken]))
        return found

    def _in_pool(self, paths: list[Path], jobs: int) -> list[Diagnostic]:
        settings = (self.xsd_path, self.rules_path or False, self.rng_path)
        chunk = max(1, min(500, len(paths) // (jobs * 4)))
        batches = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_pool, initargs=settings) as pool:
            return [d for batch in pool.map(_check_batch, batches) for d in batch]


_pool_validator: list[Validator] = []


def _init_pool(xsd, rules, rng) -> None:
    # RELAX NG with jing runs once in the parent for the whole batch, not per worker
    _pool_validator.append(Validator(xsd=xsd or False, rules=rules, rng=None if shutil.which("jing") else rng))


def _check_batch(paths: list[Path]) -> list[Diagnostic]:
    validator = _pool_validator[0]
    found: list[Diagnostic] = []
    for path in paths:
        try:
            found.extend(validator.check_file(path))
        except OSError as exc:
            found.append(Diagnostic(str(path), 1, 1, "error", str(exc), source="xml"))
    return found


def jing(rng: Path, paths: list[Path], chunk: int = 2000) -> list[Diagnostic]:
    """Validate many files with one jing process per chunk (the JVM starts once)."""
    found = []
    for start in range(0, len(paths), chunk):
        batch = [str(p) for p in paths[start : start + chunk]]
        done = subprocess.run(["jing", str(rng), *batch], capture_output=True, text=True)
        for line in done.stdout.splitlines():
            m = _JING_LINE.match(line)
            if m:
                severity = "warning" if m.group("sev") == "warning" else "error"
                found.append(
                    Diagnostic(
                        m.group("file"), int(m.group("line")), int(m.group("col")), severity, m.group("msg"), "", "rng"
                    )
                )
        if done.returncode not in (0, 1) or (done.returncode == 1 and not done.stdout.strip()):
            raise OSError(
                f"jing failed on {rng}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
            )
    return found
