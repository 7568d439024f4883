"""The encode benchmark's --same-process mode (#12): two checkouts in one process, each a renamed
copy of its package that reads its own data files, taking turns record by record (CPU time), so
that a load that rises or falls on a shared machine weighs on both alike."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import encode_speed  # noqa: E402

RECORD = """March 02, 1961

**Note on the Quarry Keys**

Summary:

The council discusses the keys.

Constructed record. The council met with Comrade Vella Orrin, who said the keys were lost.
"""


def test_a_copied_checkout_reads_its_own_data_files(tmp_path: Path):
    encode_speed.copy_checkout(ROOT, tmp_path, "tei_encoder_copy")
    sources = [p.read_text(encoding="utf-8") for p in (tmp_path / "tei_encoder_copy").rglob("*.py")]
    assert not any('"tei_encoder.' in s for s in sources)
    assert any('"tei_encoder_copy.data"' in s for s in sources)
    assert (tmp_path / "corpus" / "authority").is_dir() and (tmp_path / "schema").is_dir()


def test_two_checkouts_measured_in_one_process(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(RECORD, encoding="utf-8")
    spent = encode_speed.measure_together({"base": ROOT, "this": ROOT}, [record, record], 0, [record])
    assert set(spent) == {"base", "this"}
    assert all(len(times) == 2 and all(t >= 0 for t in times) for times in spent.values())


def test_the_stages_timed_in_one_process(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(RECORD, encoding="utf-8")
    spent = encode_speed.measure_together({"this": ROOT}, [record], 0, [], phases=True)
    assert "this: enrich" in spent, "the constructed record must encode"
    for stage in ("read", "parse", "enrich", "enrich: learning", "enrich: tagging", "write: tree"):
        assert len(spent[f"this: {stage}"]) == 1
    assert spent["this: enrich"][0] <= spent["this"][0] + 1e-6  # a stage's time is part of the record's
