"""Pagefind's service mode spoken to with every page sent before any answer is read (search.py):
the same index as one request at a time, and an error answer still raised."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_encoder.search import _index_shard, _pagefind, _PagefindService, search_available

pytestmark = pytest.mark.skipif(not search_available(), reason="Pagefind is not installed")

PAGE = '<html lang="en"><head><title>{t}</title></head><body><article data-pagefind-body><h1>{t}</h1><p>{w}</p></article></body></html>'


def _site(tmp_path: Path) -> tuple[Path, list[str]]:
    docs = tmp_path / "site" / "docs"
    docs.mkdir(parents=True)
    names = [f"d{i:02d}" for i in range(12)]
    for i, name in enumerate(names):
        words = " ".join(f"word{j} tumbleweed{i % 3}" for j in range(i + 5))
        (docs / f"{name}.html").write_text(PAGE.format(t=f"Page {i}", w=words), encoding="utf-8")
    return tmp_path / "site", names


def _executable() -> str:
    pagefind = _pagefind()
    assert pagefind is not None
    return pagefind[0]


def _files(bundle: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bundle)): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_pipelined_pages_make_the_index_of_one_request_at_a_time(tmp_path):
    site, names = _site(tmp_path)
    _index_shard(site, tmp_path / "pipelined", names)
    with _PagefindService(_executable()) as service:  # the earlier way: an answer awaited per page
        index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
        for name in names:
            html = (site / "docs" / f"{name}.html").read_text(encoding="utf-8")
            request = {"type": "AddFile", "index_id": index_id, "url": f"/docs/{name}.html"}
            service.request({**request, "file_path": None, "file_contents": html})
        files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
    import base64

    pipelined = _files(tmp_path / "pipelined")
    assert pipelined and len(pipelined) == len(files)
    assert pipelined == {f["path"]: base64.b64decode(f["content"]) for f in files}


def test_an_error_answer_among_pipelined_requests_is_raised(tmp_path):
    with _PagefindService(_executable()) as service:
        index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
        good = {"type": "AddFile", "index_id": index_id, "url": "/a.html", "file_path": None}
        sent = [service.send({**good, "file_contents": PAGE.format(t="A", w="alpha")})]
        sent.append(service.send({**good, "url": None, "file_contents": "<html></html>"}))  # no url: refused
        sent.append(service.send({**good, "url": "/b.html", "file_contents": PAGE.format(t="B", w="beta")}))
        with pytest.raises(ValueError, match="Pagefind: .*url"):
            service.answers(sent)
        # every answer was read: the service still answers the next request
        assert service.request({"type": "NewIndex", "config": None})["type"] == "NewIndex"
