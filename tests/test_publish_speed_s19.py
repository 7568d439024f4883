"""Publishing stays fast (issue #15's speed clause, fixer P19): a document's page and download
copy are written with fewer system calls each (the folders on the way looked at once, the file's
own path once, a folder that is there not made again), with the same files and the same refusals.
Every input is constructed here, in our own words."""

import os

import pytest
from test_site_s14_kinds import tei

from tei_encoder.fsutil import OutputError, write_owned
from tei_encoder.publish import Publisher, write_document

DOC = tei("<p>The orchard was counted at dawn.</p>").encode()


def _watched(monkeypatch) -> list[tuple[str, str]]:
    """The lstat, stat and mkdir calls made from now on, as (call, path)."""
    calls: list[tuple[str, str]] = []
    for name in ("lstat", "stat", "mkdir"):
        real = getattr(os, name)

        def watched(path, *args, _real=real, _name=name, **kwargs):
            calls.append((_name, str(path)))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, watched)
    return calls


def test_a_new_page_in_folders_already_there_is_looked_at_once_and_no_folder_made(tmp_path, monkeypatch):
    # failed before: the page's path was looked at twice (is there an unchanged file? is it a
    # link?) and its folder made again (mkdir) and asked whether the page is a folder (stat)
    site = tmp_path / "site"
    publisher = Publisher()
    write_document(site, publisher, "first", DOC)  # the folders are made here
    calls = _watched(monkeypatch)
    write_document(site, publisher, "second", DOC)
    for written in (site / "docs" / "second.html", site / "tei" / "second.xml"):
        assert [call for call in calls if call[1] == str(written)] == [("lstat", str(written))]
    assert [call for call in calls if call[0] == "mkdir"] == []
    assert (site / "docs" / "second.html").read_bytes() == (site / "docs" / "first.html").read_bytes().replace(
        b"first", b"second"
    )


def test_the_same_files_are_written_and_refused_as_before(tmp_path):
    site = tmp_path / "site"
    publisher = Publisher()
    write_document(site, publisher, "doc", DOC)  # folders made on the way
    page = site / "docs" / "doc.html"
    written = page.read_bytes()
    before = page.stat().st_mtime_ns
    write_document(site, publisher, "doc", DOC)  # unchanged: not written again
    assert page.stat().st_mtime_ns == before and page.read_bytes() == written
    # a link at the page's path is refused, never written through
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(b"theirs")
    page.unlink()
    page.symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        write_document(site, publisher, "doc", DOC)
    assert elsewhere.read_bytes() == b"theirs"
    # so is a folder on the way that is a link
    page.unlink()
    (site / "tei").rename(tmp_path / "tei-moved")
    (site / "tei").symlink_to(tmp_path / "tei-moved")
    with pytest.raises(OutputError, match="symbolic link"):
        write_document(site, publisher, "doc", DOC)


def test_write_owned_makes_a_folder_that_went_away_and_leaves_no_temporary_file(tmp_path):
    folder = tmp_path / "docs"
    target = folder / "page.html"
    assert write_owned(target, b"page", folder_there=True)  # said to be there, gone: made after all
    assert target.read_bytes() == b"page"
    assert not write_owned(target, b"page", folder_there=True)  # the same bytes: not written
    assert write_owned(target, b"new page", folder_there=True)
    assert target.read_bytes() == b"new page"
    assert sorted(p.name for p in folder.iterdir()) == ["page.html"]
    (folder / "sub").mkdir()  # a folder where the file belongs: refused as atomic_write refuses it
    with pytest.raises(OutputError):
        write_owned(folder / "sub", b"x", folder_there=True)
    assert (folder / "sub").is_dir() and not list((folder / "sub").iterdir())
