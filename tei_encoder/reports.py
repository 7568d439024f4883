"""Validation reports for people and for CI: text, JSON, JUnit XML, GitHub annotations."""

from __future__ import annotations

import json
from collections import defaultdict

from lxml import etree

from .validate import Diagnostic


def render(diagnostics: list[Diagnostic], files: list[str], fmt: str) -> str:
    return {"text": _text, "json": _json, "junit": _junit, "github": _github}[fmt](diagnostics, files)


def _counts(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(d.severity == "error" for d in diagnostics)
    return errors, len(diagnostics) - errors


def _text(diagnostics, files) -> str:
    lines = [d.text() for d in diagnostics]
    errors, warnings = _counts(diagnostics)
    invalid = len({d.file for d in diagnostics if d.severity == "error"})
    lines.append(
        f"{len(files)} file(s) checked: {len(files) - invalid} valid, {invalid} invalid; {errors} error(s), {warnings} warning(s)"
    )
    return "\n".join(lines) + "\n"


def _json(diagnostics, files) -> str:
    errors, warnings = _counts(diagnostics)
    by_file = defaultdict(list)
    for d in diagnostics:
        by_file[d.file].append(d.as_dict())
    payload = {
        "files": [
            {"file": f, "valid": not any(x["severity"] == "error" for x in by_file[f]), "problems": by_file[f]}
            for f in files
        ],
        "errors": errors,
        "warnings": warnings,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _junit(diagnostics, files) -> str:
    by_file = defaultdict(list)
    for d in diagnostics:
        by_file[d.file].append(d)
    errors, _ = _counts(diagnostics)
    suite = etree.Element(
        "testsuite",
        name="tei-encoder validate",
        tests=str(len(files)),
        failures=str(sum(1 for f in files if any(d.severity == "error" for d in by_file[f]))),
        errors="0",
    )
    for f in files:
        case = etree.SubElement(suite, "testcase", classname="tei-encoder.validate", name=f)
        problems = [d for d in by_file[f] if d.severity == "error"]
        if problems:
            failure = etree.SubElement(case, "failure", message=problems[0].message[:200], type="invalid")
            failure.text = "\n".join(d.text() for d in problems)
        warnings = [d for d in by_file[f] if d.severity == "warning"]
        if warnings:
            etree.SubElement(case, "system-out").text = "\n".join(d.text() for d in warnings)
    suites = etree.Element("testsuites")
    suites.append(suite)
    return etree.tostring(suites, encoding="unicode", pretty_print=True)


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github(diagnostics, files) -> str:
    lines = []
    for d in diagnostics:
        level = "error" if d.severity == "error" else "warning"
        lines.append(
            f"::{level} file={_escape_property(d.file)},line={d.line},col={d.column},title={_escape_property('TEI ' + d.source)}::{_escape_data(d.message)}"
        )
    errors, warnings = _counts(diagnostics)
    lines.append(f"{len(files)} file(s) checked; {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines) + "\n"
