"""Stage 6 — publish: TEI -> a static HTML edition, through XSLT 3.0 (saxonche).

Stylesheets are compiled once per process. Each document page is made from its TEI; the
index and the registers are made from small per-document summaries (title, date, mentions),
so a corpus-wide page never needs every TEI file in memory at once.

Site layout (relative links only, so it works from file:// and any web server):
    index.html  persons.html  places.html  orgs.html
    docs/<name>.html   tei/<name>.xml   assets/edition.css  assets/edition.js
"""

from __future__ import annotations

import shutil
from functools import cached_property
from pathlib import Path

from lxml import etree

from .config import project_dir
from .fsutil import atomic_write, inside, safe_stem
from .xmlsafe import NSMAP, XML_NS

DEFAULT_TITLE = "Documents of the Cold War: a TEI edition"
REGISTERS = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
_MENTIONS = "(//tei:abstract|//tei:text)//*[@ref][self::tei:persName or self::tei:placeName or self::tei:orgName]"
_KIND = {"persName": "person", "placeName": "place", "orgName": "org"}


class PublishError(Exception):
    pass


class Publisher:
    """Compiled stylesheets for one process. Not shared between threads."""

    def __init__(self, edition_title: str = DEFAULT_TITLE, xslt_dir: Path | None = None):
        from saxonche import PySaxonProcessor

        self.edition_title = edition_title
        self.xslt_dir = xslt_dir or project_dir("xslt")
        self._proc = PySaxonProcessor(license=False)
        self._compiler = self._proc.new_xslt30_processor()
        self._compiler.set_cwd(str(self.xslt_dir))

    def _compile(self, name: str):
        try:
            return self._compiler.compile_stylesheet(stylesheet_file=str(self.xslt_dir / name))
        except Exception as exc:  # saxonche raises its own PySaxonApiError
            raise PublishError(f"{self.xslt_dir / name}: stylesheet does not compile: {str(exc).strip().splitlines()[0]}") from None

    @cached_property
    def _document(self):
        return self._compile("document.xsl")

    @cached_property
    def _index(self):
        return self._compile("index.xsl")

    @cached_property
    def _register(self):
        return self._compile("register.xsl")

    def _run(self, executable, xml_text: str, **params: str) -> bytes:
        executable.clear_parameters()
        executable.set_parameter("edition-title", self._proc.make_string_value(self.edition_title))
        for name, value in params.items():
            executable.set_parameter(name.replace("_", "-"), self._proc.make_string_value(value))
        try:
            node = self._proc.parse_xml(xml_text=xml_text)
            return executable.transform_to_string(xdm_node=node).encode("utf-8")
        except Exception as exc:
            raise PublishError(f"transformation failed: {str(exc).strip().splitlines()[0]}") from None

    def document_page(self, tei: bytes, name: str) -> bytes:
        return self._run(self._document, tei.decode("utf-8"), root="../", tei_href=f"../tei/{name}.xml")

    def index_page(self, edition: str) -> bytes:
        return self._run(self._index, edition, root="")

    def register_page(self, edition: str, kind: str) -> bytes:
        return self._run(self._register, edition, root="", kind=kind)


# --- per-document summaries -----------------------------------------------------------------

def _text(el) -> str:
    return " ".join("".join(el.xpath(".//text()[not(ancestor::tei:corr)]", namespaces=NSMAP)).split()) if el is not None else ""


def summarize(tree: etree._ElementTree | etree._Element, name: str) -> dict:
    """What the index and registers need from one document (JSON-serialisable, for the manifest)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    header = root.find("tei:teiHeader", NSMAP)
    creation = header.find(".//tei:creation/tei:date", NSMAP) if header is not None else None
    date = creation.get("when", "") if creation is not None else ""
    mentions = []
    for n, el in enumerate(root.xpath(_MENTIONS, namespaces=NSMAP), start=1):
        mentions.append([_KIND[etree.QName(el).localname], el.get("ref", "").lstrip("#"), f"m{n}"])
    entities = {}
    for el in root.xpath("//tei:standOff//*[self::tei:person or self::tei:place or self::tei:org]", namespaces=NSMAP):
        kind = etree.QName(el).localname
        name_els = [n for n in el if n.tag.endswith("Name")]
        names = [" ".join("".join(n.itertext()).split()) for n in name_els]
        preferred = next((name for name, n in zip(names, name_els) if n.get("type") == "preferred"), names[0] if names else "")
        source = "authority" if el.get("resp") != "#encoder" else ("gazetteer" if el.get("cert") == "medium" else "rule")
        entities[el.get(f"{{{XML_NS}}}id")] = {
            "kind": kind, "name": preferred, "forms": names,
            "idnos": [[i.get("type", ""), (i.text or "").strip()] for i in el.findall("tei:idno", NSMAP)],
            "source": source,
        }
    return {
        "id": root.get(f"{{{XML_NS}}}id", name),
        "name": name,
        "title": _text(root.find(".//tei:titleStmt/tei:title", NSMAP)),
        "date": date,
        "date_text": _text(creation) if creation is not None else "",
        "year": date[:4],
        "summary": _text(root.find(".//tei:profileDesc/tei:abstract", NSMAP)),
        "mentions": mentions,
        "entities": entities,
    }


def edition_xml(summaries: list[dict]) -> str:
    """The summaries as one small XML document for index.xsl and register.xsl."""
    edition = etree.Element("edition")
    merged: dict[str, dict] = {}
    for s in sorted(summaries, key=lambda s: s["name"]):
        doc = etree.SubElement(edition, "doc", id=s["id"], page=f"docs/{s['name']}.html", tei=f"tei/{s['name']}.xml",
                               date=s["date"], year=s["year"])
        doc.set("date-text", s["date_text"])
        etree.SubElement(doc, "title").text = s["title"]
        etree.SubElement(doc, "summary").text = s["summary"]
        for kind, ref, anchor in s["mentions"]:
            etree.SubElement(doc, "mention", kind=kind, ref=ref, anchor=anchor)
        for xml_id, e in s["entities"].items():
            entry = merged.setdefault(xml_id, {"kind": e["kind"], "name": e["name"], "forms": [], "idnos": [], "source": e["source"]})
            entry["forms"] += [f for f in e["forms"] if f not in entry["forms"]]
            entry["idnos"] += [i for i in e["idnos"] if i not in entry["idnos"]]
    for xml_id in sorted(merged):
        e = merged[xml_id]
        entity = etree.SubElement(edition, "entity", kind=e["kind"], id=xml_id, name=e["name"], source=e["source"])
        for form in e["forms"]:
            etree.SubElement(entity, "form").text = form
        for kind, value in e["idnos"]:
            etree.SubElement(entity, "idno", type=kind).text = value
    return etree.tostring(edition, encoding="unicode")


# --- writing a site ----------------------------------------------------------------------------

def site_path(site: Path, relative: str) -> Path:
    """A path inside the site folder; anything that would leave it is refused."""
    path = site / relative
    if not inside(site, path):
        raise PublishError(f"refusing to write outside the site folder: {relative}")
    return path


def copy_assets(site: Path, publisher: Publisher) -> None:
    for asset in sorted((publisher.xslt_dir / "assets").iterdir()):
        atomic_write(site_path(site, f"assets/{asset.name}"), asset.read_bytes())


def write_document(site: Path, publisher: Publisher, name: str, tei: bytes) -> None:
    name = safe_stem(name)
    atomic_write(site_path(site, f"docs/{name}.html"), publisher.document_page(tei, name))
    atomic_write(site_path(site, f"tei/{name}.xml"), tei)


def write_overviews(site: Path, publisher: Publisher, summaries: list[dict]) -> None:
    edition = edition_xml(summaries)
    atomic_write(site_path(site, "index.html"), publisher.index_page(edition))
    for kind, page in REGISTERS.items():
        atomic_write(site_path(site, page), publisher.register_page(edition, kind))


def remove_document(site: Path, name: str) -> None:
    for relative in (f"docs/{name}.html", f"tei/{name}.xml"):
        path = site_path(site, relative)
        if path.exists():
            path.unlink()


def clean_site(site: Path) -> None:
    if site.is_dir():
        shutil.rmtree(site)
