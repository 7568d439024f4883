"""`tei-encoder build`: the whole pipeline over a corpus folder."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .fsutil import atomic_write, safe_stem
from .pipeline import EncodeSettings, encode_record, record_files
from .validate import Validator


@dataclass
class BuildSummary:
    records: int = 0
    encoded: int = 0
    warnings: int = 0
    invalid: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)
    seconds: float = 0.0


def run_build(corpus: Path, out: Path, settings: EncodeSettings, report) -> BuildSummary:
    started = time.perf_counter()
    summary = BuildSummary()
    files = record_files([corpus])
    summary.records = len(files)
    tei_dir = out / "tei"
    validator = Validator()
    for path in files:
        result = encode_record(path, settings)
        summary.warnings += len(result.warnings)
        for warning in result.warnings:
            report.warning(path, warning)
        if not result.ok:
            summary.failed.append((path, result.error))
            continue
        target = tei_dir / f"{safe_stem(path.stem)}.xml"
        problems = validator.check_tree(etree.ElementTree(etree.fromstring(result.tei)), str(target), result.tei)
        errors = [d for d in problems if d.severity == "error"]
        for d in problems:
            (report.error if d.severity == "error" else report.warning)(path, d.text())
        if errors:
            summary.invalid += 1
            summary.failed.append((path, f"encoded TEI is invalid ({len(errors)} error(s)); not written"))
            continue
        atomic_write(target, result.tei)
        summary.encoded += 1
    summary.seconds = time.perf_counter() - started
    for path, error in summary.failed:
        report.error(path, error)
    report.info(
        f"build: {summary.records} records, {summary.encoded} encoded and valid, {summary.warnings} warnings, "
        f"{len(summary.failed)} errors in {summary.seconds:.2f} s -> {tei_dir}"
    )
    return summary
