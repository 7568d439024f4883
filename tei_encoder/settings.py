"""How records are encoded: the settings every stage of a run shares.

Kept apart from the pipeline so that a build with nothing to encode (and the command line
setting one up) does not import the encoder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import DEFAULT_FORMAT
from .read import MAX_RECORD_BYTES


@dataclass(frozen=True)
class EncodeSettings:
    """How records are encoded.

    authority: folders of authority files (later ones override earlier ones);
    change_date: ISO date for revisionDesc/change/@when, or None (output never reads the clock);
    encoding: codec of records that are neither UTF-8 nor UTF-16/32 with a BOM, or None;
    gazetteer: link places no authority file lists to GeoNames;
    record_format: name of the record format description (`formats/<name>.json`);
    max_record_bytes: a record file larger than this is refused before it is read;
    authority_label: which authority this is, for summary lines (never changes the output);
    follow_symlinks: read authority files that are symbolic links (refused by default).
    """

    authority: tuple[Path, ...] = ()
    change_date: str | None = None
    encoding: str | None = None
    gazetteer: bool = True
    record_format: str = DEFAULT_FORMAT
    max_record_bytes: int = MAX_RECORD_BYTES
    authority_label: str = ""
    follow_symlinks: bool = False
