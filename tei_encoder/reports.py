"""Validation reports for people and for CI: text, JSON, JUnit XML, GitHub annotations.

Every report states one status per file, the same in every format: valid, invalid, not
well-formed, refused (with the reason) or not checked (with the reason). Only "valid" passes;
a file that could not be checked never counts as valid.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

from lxml import etree

from .plurals import counted
from .validate import Diagnostic

STATUSES = ("valid", "invalid", "not well-formed", "refused", "not checked")
_STATUS_OF_SOURCE = {"xml": "not well-formed", "refused": "refused", "unchecked": "not checked"}


def render(diagnostics: list[Diagnostic], files: list[str], fmt: str) -> str:
    """The report of one run in `fmt` (text, json, junit, github); `files` in the order checked."""
    return {"text": _text, "json": _json, "junit": _junit, "github": _github}[fmt](diagnostics, files)


def file_statuses(diagnostics: list[Diagnostic], files: list[str]) -> dict[str, tuple[str, str]]:
    """Each file's (status, reason): the reason is the refusal or the cause of "not checked"."""
    by_file = _by_file(diagnostics)
    statuses = {}
    for f in files:
        status, reason = "valid", ""
        for d in by_file[f]:
            if d.source in _STATUS_OF_SOURCE:
                status, reason = _STATUS_OF_SOURCE[d.source], d.message
                break
            if d.severity == "error":
                status = "invalid"
        statuses[f] = (status, reason)
    return statuses


def failed(diagnostics: list[Diagnostic], files: list[str]) -> bool:
    """True when any file is not valid (the exit status of `validate`)."""
    return any(status != "valid" for status, _ in file_statuses(diagnostics, files).values())


def _by_file(diagnostics: list[Diagnostic]) -> defaultdict[str, list[Diagnostic]]:
    by_file: defaultdict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.file].append(d)
    return by_file


def _counts(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(d.severity == "error" for d in diagnostics)
    return errors, len(diagnostics) - errors


def _summary(diagnostics, files) -> str:
    tally = dict.fromkeys(STATUSES, 0)
    for status, _ in file_statuses(diagnostics, files).values():
        tally[status] += 1
    parts = [f"{tally['valid']} valid", f"{tally['invalid']} invalid"]
    parts += [f"{tally[s]} {s}" for s in STATUSES[2:] if tally[s]]
    errors, warnings = _counts(diagnostics)
    return (
        f"{counted(len(files), 'file')}: {', '.join(parts)}; {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    )


def _text(diagnostics, files) -> str:
    lines = [d.text() for d in diagnostics]
    lines.append(_summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def _json(diagnostics, files) -> str:
    errors, warnings = _counts(diagnostics)
    by_file = _by_file(diagnostics)
    statuses = file_statuses(diagnostics, files)
    tally = dict.fromkeys(STATUSES, 0)
    for status, _ in statuses.values():
        tally[status] += 1
    payload = {
        "files": [
            {
                "file": f,
                "status": statuses[f][0],
                "valid": statuses[f][0] == "valid",
                **({"reason": statuses[f][1]} if statuses[f][1] else {}),
                "errors": sum(d.severity == "error" for d in by_file[f]),
                "warnings": sum(d.severity != "error" for d in by_file[f]),
                "problems": [d.as_dict() for d in by_file[f]],
            }
            for f in files
        ],
        "statuses": tally,
        "errors": errors,
        "warnings": warnings,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _junit(diagnostics, files) -> str:
    """Invalid and not well-formed files are failures; refused and not checked ones are errors."""
    by_file = _by_file(diagnostics)
    statuses = file_statuses(diagnostics, files)
    suite = etree.Element(
        "testsuite",
        name="tei-encoder validate",
        tests=str(len(files)),
        failures=str(sum(s in ("invalid", "not well-formed") for s, _ in statuses.values())),
        errors=str(sum(s in ("refused", "not checked") for s, _ in statuses.values())),
    )
    for f in files:
        # file: where CI shows the case, relative to the repository (name: the path as given)
        case = etree.SubElement(suite, "testcase", classname="tei-encoder.validate", name=f, file=repository_path(f))
        status, reason = statuses[f]
        problems = [d for d in by_file[f] if d.severity == "error"]
        if status != "valid":
            kind = "failure" if status in ("invalid", "not well-formed") else "error"
            first = reason or problems[0].message
            # a refusal's reason already says "refused: …": the status is not said twice
            message = first if first.startswith(f"{status}:") else f"{status}: {first}"
            outcome = etree.SubElement(case, kind, message=message[:200], type=status)
            outcome.text = "\n".join(d.text() for d in problems)
        warnings = [d for d in by_file[f] if d.severity != "error"]
        if warnings:
            etree.SubElement(case, "system-out").text = "\n".join(d.text() for d in warnings)
    suites = etree.Element("testsuites")
    suites.append(suite)
    return etree.tostring(suites, encoding="unicode", pretty_print=True)


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def repository_root(path: str) -> str:
    """The folder CI systems take a report's paths to be relative to, for the file `path`:
    $GITHUB_WORKSPACE when set (GitHub Actions checks the repository out there), else the top
    level of the git work tree holding the file (the nearest folder with a `.git` entry, as git
    finds it: a worktree's or submodule's `.git` file counts), else the current directory."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return os.path.abspath(workspace)
    return _git_top_level(os.path.dirname(os.path.abspath(path))) or os.getcwd()


def _git_top_level(folder: str) -> str | None:
    """The nearest of `folder` and its parents that holds a `.git` entry, or None."""
    while not os.path.lexists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def repository_path(path: str) -> str:
    """`path` relative to its repository_root, with forward slashes (GitHub attaches an annotation
    to a file by its path in the repository, whatever the current directory; a JUnit report's
    `file` is read the same way). A file outside the root keeps the path it was given (normalised)."""
    if not path:
        return path
    root = repository_root(path)
    for resolve in (os.path.abspath, os.path.realpath):  # a symbolic link on the way: compare real paths
        try:
            relative = os.path.relpath(resolve(path), resolve(root))
        except ValueError:  # another drive (Windows)
            continue
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative.replace(os.sep, "/")
    return os.path.normpath(path)


def _github(diagnostics, files) -> str:
    lines = []
    for d in diagnostics:
        level = "error" if d.severity == "error" else "warning"
        # a problem of the whole file names no line: GitHub annotates the file (line=0 is no line of it)
        where = "" if d.file_level else f",line={d.line},col={d.column}"
        lines.append(
            f"::{level} file={_escape_property(repository_path(d.file))}{where},"
            f"title={_escape_property('TEI ' + d.source)}::{_escape_data(d.message)}"
        )
    lines.append(_summary(diagnostics, files))
    return "\n".join(lines) + "\n"
