"""`tei-encoder build`: the whole pipeline over a corpus folder."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import atomic_write, safe_stem
from .pipeline import EncodeSettings, encode_record, record_files


@dataclass
class BuildSummary:
    records: int = 0
    encoded: int = 0
    warnings: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)
    seconds: float = 0.0


def run_build(corpus: Path, out: Path, settings: EncodeSettings, report) -> BuildSummary:
    started = time.perf_counter()
    summary = BuildSummary()
    files = record_files([corpus])
    summary.records = len(files)
    tei_dir = out / "tei"
    for path in files:
        result = encode_record(path, settings)
        summary.warnings += len(result.warnings)
        for warning in result.warnings:
            report.warning(path, warning)
        if not result.ok:
            summary.failed.append((path, result.error))
            continue
        atomic_write(tei_dir / f"{safe_stem(path.stem)}.xml", result.tei)
        summary.encoded += 1
    summary.seconds = time.perf_counter() - started
    for path, error in summary.failed:
        report.error(path, error)
    report.info(
        f"build: {summary.records} records, {summary.encoded} encoded, {summary.warnings} warnings, "
        f"{len(summary.failed)} errors in {summary.seconds:.2f} s -> {tei_dir}"
    )
    return summary
