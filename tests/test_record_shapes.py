"""Record shapes of real exports, on constructed records: XPath checks on the produced TEI.

Data-driven: `tests/fixtures/records/shapes.json` lists, per constructed record, XPath expressions
and the value each must give (a number, a string or a boolean) and why. A check marked `"open"`
names a shape the parser does not handle yet: it is expected to fail (strict), so the mark must
go when the shape is fixed.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, NS

SHAPES = json.loads((FIXTURES / "shapes.json").read_text(encoding="utf-8"))
CASES = [
    pytest.param(
        entry["file"],
        check,
        id=f"{entry['file'][:-4]}-{n}",
        marks=[pytest.mark.xfail(strict=True, reason=check["open"])] if check.get("open") else [],
    )
    for entry in SHAPES
    for n, check in enumerate(entry["checks"], start=1)
]


def _matches(value, expected) -> bool:
    if isinstance(expected, bool):
        return bool(value) == expected
    if isinstance(expected, (int, float)):
        return not isinstance(value, list) and float(value) == expected
    return str(value) == expected


@pytest.mark.parametrize("name, check", CASES)
def test_record_shape(fixture_trees, name, check):
    # the session's encoding of every fixture record (conftest), shared with the other tests
    value = fixture_trees[name[:-4]].xpath(check["xpath"], namespaces=NS)
    assert _matches(value, check["equals"]), f"{check['why']}: {check['xpath']} gave {value!r}"


def test_every_checked_record_exists_and_every_constructed_record_is_checked():
    checked = {entry["file"] for entry in SHAPES}
    assert all((FIXTURES / name).is_file() for name in checked)
    constructed = {p.name for p in FIXTURES.glob("[a-z][0-9][0-9]_*.txt")}
    assert constructed <= checked, sorted(constructed - checked)
