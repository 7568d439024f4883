"""`publish` into a site folder an earlier publish wrote: what that one wrote and this one does not
(documents no longer published, the entry pages only they needed) goes, and is counted; files the
tool never wrote stay (#15: they stayed reachable, linked from nowhere)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import encode_text, record

from tei_encoder.cli import main
from tei_encoder.publish import PUBLISHED


def _tei(folder: Path, name: str, body: str) -> None:
    result = encode_text(folder, record(body), f"{name}.txt")
    assert result.ok, result.error
    (folder / f"{name}.txt").unlink()
    (folder / f"{name}.xml").write_bytes(result.tei)


def _publish(paths: list[Path], site: Path):
    return CliRunner().invoke(main, ["publish", *map(str, paths), "-o", str(site), "--no-search"])


def _entry_pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.glob("places/*.html")}


def _setup(tmp_path: Path) -> tuple[Path, Path, set[str]]:
    tei, site = tmp_path / "tei", tmp_path / "site"
    tei.mkdir()
    _tei(tei, "warsaw_letter", "The delegation stayed in Warsaw for a week.\n")
    _tei(tei, "hanoi_letter", "The delegation flew on from Hanoi to Warsaw.\n")
    result = _publish([tei], site)
    assert result.exit_code == 0, result.output
    both = _entry_pages(site)
    (site / "notes.txt").write_text("the editor's own notes", encoding="utf-8")
    (site / "docs" / "about.html").write_text("<p>the editor's own page</p>", encoding="utf-8")
    (site / "places" / "extra.html").write_text("<p>the editor's own page</p>", encoding="utf-8")
    return tei, site, both


def _assert_withdrawn(site: Path, both: set[str], output: str) -> None:
    assert not (site / "docs" / "hanoi_letter.html").exists() and not (site / "tei" / "hanoi_letter.xml").exists()
    assert (site / "docs" / "warsaw_letter.html").is_file() and (site / "tei" / "warsaw_letter.xml").is_file()
    left = _entry_pages(site) - {"places/extra.html"}
    assert left and left < both  # Hanoi's entry page went, Warsaw's stays
    assert "hanoi_letter" not in (site / "index.html").read_text(encoding="utf-8")
    # the editor's own files stay
    for own in ("notes.txt", "docs/about.html", "places/extra.html"):
        assert (site / own).is_file(), own
    assert "; 1 removed (1 entry page too)" in output.splitlines()[-1]
    kept = json.loads((site / PUBLISHED).read_text(encoding="utf-8"))
    assert kept == {"documents": ["warsaw_letter"], "pages": sorted(left)}


def test_a_document_no_longer_published_leaves_nothing_of_it(tmp_path):
    tei, site, both = _setup(tmp_path)
    result = _publish([tei / "warsaw_letter.xml"], site)
    assert result.exit_code == 0, result.output
    _assert_withdrawn(site, both, result.output)
    again = _publish([tei / "warsaw_letter.xml"], site)
    assert again.exit_code == 0 and "; 0 removed ->" in again.output


def test_a_document_that_fails_now_leaves_nothing_of_its_earlier_publish(tmp_path):
    tei, site, both = _setup(tmp_path)
    (tei / "hanoi_letter.xml").write_text("<TEI>cut short", encoding="utf-8")
    result = _publish([tei], site)
    assert result.exit_code == 1 and "hanoi_letter.xml" in result.output
    _assert_withdrawn(site, both, result.output)


def test_a_site_without_a_list_of_what_was_published_loses_nothing(tmp_path):
    """A site an earlier version published (no list of what it wrote), and a damaged list that
    names paths outside the site's documents: nothing is removed that the list does not name as
    a document or entry page of the site."""
    tei, site, _ = _setup(tmp_path)
    (site / PUBLISHED).unlink()
    result = _publish([tei / "warsaw_letter.xml"], site)
    assert result.exit_code == 0 and "; 0 removed ->" in result.output
    assert (site / "docs" / "hanoi_letter.html").is_file()
    outside = tmp_path / "outside.html"
    outside.write_text("not the site's", encoding="utf-8")
    damaged = {"documents": ["../outside", "..", "/etc/passwd", 3], "pages": ["../outside.html", "places/..", "x/y"]}
    (site / PUBLISHED).write_text(json.dumps(damaged), encoding="utf-8")
    result = _publish([tei / "warsaw_letter.xml"], site)
    assert result.exit_code == 0 and "; 0 removed ->" in result.output, result.output
    assert outside.is_file() and (site / "notes.txt").is_file()


# A site `build` wrote, then `publish` into it, and the other way round (#15): the build lists what
# it wrote in the same manifest, so each removes the other's pages it does not write now, and never a
# file neither wrote.
def _build(corpus: Path, out: Path):
    return CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "--no-search", "-j", "1"])


def _built_site(tmp_path: Path) -> tuple[Path, Path, Path]:
    corpus, out, tei = tmp_path / "corpus", tmp_path / "out", tmp_path / "tei"
    corpus.mkdir()
    tei.mkdir()
    (corpus / "hanoi_letter.txt").write_text(record("The delegation flew on from Hanoi to Warsaw.\n"), encoding="utf-8")
    result = _build(corpus, out)
    assert result.exit_code == 0, result.output
    _tei(tei, "warsaw_letter", "The delegation stayed in Warsaw for a week.\n")
    site = out / "site"
    (site / "notes.txt").write_text("the editor's own notes", encoding="utf-8")
    (site / "places" / "extra.html").write_text("<p>the editor's own page</p>", encoding="utf-8")
    return corpus, site, tei


def test_publish_into_a_built_site_removes_the_pages_the_build_wrote_and_it_does_not(tmp_path):
    corpus, site, tei = _built_site(tmp_path)
    built = _entry_pages(site)
    assert "places/hanoi.html" in built or any("hanoi" in p for p in built), built
    result = _publish([tei], site)
    assert result.exit_code == 0, result.output
    assert not (site / "docs" / "hanoi_letter.html").exists() and not (site / "tei" / "hanoi_letter.xml").exists()
    assert (site / "docs" / "warsaw_letter.html").is_file()
    assert not any("hanoi" in p for p in _entry_pages(site))
    assert "; 1 removed (" in result.output.splitlines()[-1], result.output
    for own in ("notes.txt", "places/extra.html"):  # never a file neither wrote
        assert (site / own).is_file(), own
    assert (tmp_path / "out" / "tei" / "hanoi_letter.xml").is_file()  # the build's TEI is not the site's


def test_a_build_removes_what_a_publish_wrote_into_its_site(tmp_path):
    corpus, site, tei = _built_site(tmp_path)
    assert _publish([tei], site).exit_code == 0
    result = _build(corpus, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (site / "docs" / "hanoi_letter.html").is_file()  # built again
    assert not (site / "docs" / "warsaw_letter.html").exists() and not (site / "tei" / "warsaw_letter.xml").exists()
    assert "warsaw_letter" not in (site / "index.html").read_text(encoding="utf-8")
    for own in ("notes.txt", "places/extra.html"):
        assert (site / own).is_file(), own
    kept = json.loads((site / PUBLISHED).read_text(encoding="utf-8"))
    assert kept["documents"] == ["hanoi_letter"]
    assert set(kept["pages"]) == _entry_pages(site) - {"places/extra.html"}
