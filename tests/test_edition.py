"""An editor's workflow, walked as an editor would: init, add records, build, review, apply,
rebuild, correct the TEI by hand, validate, and the edition's CI and pre-commit commands."""

from __future__ import annotations

import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AUTHORITY, FIXTURES, ROOT, record
from lxml import etree

from tei_encoder import __version__
from tei_encoder.authority import base_authority_dir, choose_authority
from tei_encoder.authority_edit import check_authority
from tei_encoder.cli import eta_seconds, main
from tei_encoder.errors import REQUIREMENT_HINT
from tei_encoder.plurals import counted

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML = "http://www.w3.org/XML/1998/namespace"
TALKS = record(
    "1. Ambassador Orlan Pekkarinen met N. S. Khrushchev in Moscow.\n\n"
    "2. Pekkarinen said that the delegation from Rostock would arrive on 12 June 1961.\n\n"
    "3. O. Pekarinen also spoke about the harvest.\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def refs(tei: Path, tag: str) -> dict[str, str]:
    tree = etree.parse(str(tei))
    return {" ".join("".join(e.itertext()).split()): e.get("ref") for e in tree.iterfind(f".//t:text//t:{tag}", NS)}


def review_table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def decide(path: Path, decisions: dict[str, dict[str, str]]) -> None:
    rows = review_table(path)
    for row in rows:
        row.update(decisions.get(row["name"], {}))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def only_insertions(before: str, after: str) -> bool:
    """Every line of before is still in after, in the same order (nothing lost or reordered)."""
    lines = iter(after.splitlines())
    return all(any(line == other for other in lines) for line in before.splitlines())


def tool_env() -> dict[str, str]:
    """This test's virtual environment first on PATH, as an activated venv would have it."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def test_the_editors_loop(tmp_path, monkeypatch):
    yaml = pytest.importorskip(
        "yaml", reason="pyyaml (in the test extra) reads the CI workflow: pip install -e '.[test]'"
    )
    edition = tmp_path / "edition"
    result = run("init", str(edition))
    assert result.exit_code == 0, result.output
    for name in ("README.md", "requirements.txt", ".github/workflows/tei-encoder.yml", ".pre-commit-config.yaml"):
        text = (edition / name).read_text(encoding="utf-8")
        assert "OWNER" not in text and text.strip()
    assert sorted(p.name for p in (edition / "authority").glob("*.xml")) == ["orgs.xml", "persons.xml", "places.xml"]
    assert (edition / "authority" / "persons.xml").read_bytes() == (base_authority_dir() / "persons.xml").read_bytes()
    monkeypatch.chdir(edition)

    # add two records and build
    shutil.copy(FIXTURES / "letter.txt", "corpus/letter.txt")
    Path("corpus/talks.txt").write_text(TALKS, encoding="utf-8")
    built = run("build")
    assert built.exit_code == 0, built.output
    assert "3 records: 3 encoded" in built.output and "authority: authority/ (beside the records)" in built.output

    # the review file lists the unknown names with their contexts
    reviewed = run("review")
    assert reviewed.exit_code == 0, reviewed.output
    rows = {r["name"]: r for r in review_table(Path("review.csv"))}
    assert {"Orlan Pekkarinen", "O. Pekarinen", "Rostock", "Velimir Strazny"} <= set(rows)
    assert (
        rows["Orlan Pekkarinen"]["found"] == "unlinked"
        and "met N. S. Khrushchev" in rows["Orlan Pekkarinen"]["context"]
    )
    # the letter names the GDR, which supports the city's GeoNames link; the editor may still reject the name
    assert rows["Rostock"]["found"] == "gazetteer" and rows["Rostock"]["records"] == "letter talks"

    # decisions: accept a new person, merge a second spelling into it, reject a place, leave one open
    persons_before = Path("authority/persons.xml").read_text(encoding="utf-8")
    decide(
        Path("review.csv"),
        {
            "Orlan Pekkarinen": {"decision": "accept"},
            "O. Pekarinen": {"decision": "merge", "id": rows["Orlan Pekkarinen"]["id"]},
            "Rostock": {"decision": "reject"},
        },
    )
    applied = run("authority", "apply", "review.csv")
    assert applied.exit_code == 0, applied.output
    assert "3 decisions applied, 0 not, 1 row without a decision" in applied.output
    persons_after = Path("authority/persons.xml").read_text(encoding="utf-8")
    assert only_insertions(persons_before, persons_after)
    assert persons_after.startswith(persons_before.rsplit("      </person>", 1)[0])  # appended after the last entry
    assert "Rostock" in Path("authority/rejected.txt").read_text(encoding="utf-8").splitlines()
    assert run("authority", "check").exit_code == 0

    # a rebuild links them; the rejected name stays untagged on this and later builds
    rebuilt = run("build")
    assert rebuilt.exit_code == 0, rebuilt.output
    persons = refs(Path("build/tei/talks.xml"), "persName")
    assert persons["Orlan Pekkarinen"] == persons["Pekkarinen"] == persons["O. Pekarinen"] == "#orlan-pekkarinen"
    assert "Rostock" not in refs(Path("build/tei/talks.xml"), "placeName")
    again = {r["name"] for r in review_table(Path("review.csv"))} if run("review").exit_code == 0 else set()
    assert again == {"Velimir Strazny"}  # the open decision is still there; the decided ones are done
    assert run("build", "--force").exit_code == 0
    assert "Rostock" not in refs(Path("build/tei/letter.xml"), "placeName")

    # a corrected TEI file is the master: published as it is, never overwritten
    kept = run("encode", "--keep", "corpus/letter.txt")
    assert kept.exit_code == 0, kept.output
    assert "encode --keep: 1 TEI master written, 0 existing kept" in kept.output, kept.output  # not "1 TEI masters"
    master = Path("corpus/letter.xml")
    edited = master.read_bytes().replace(b"will be late ", b"will be late (corrected) ")
    assert edited != master.read_bytes()
    master.write_bytes(edited)
    corrected = run("build")
    assert corrected.exit_code == 0, corrected.output
    assert master.read_bytes() == edited and Path("build/tei/letter.xml").read_bytes() == edited
    assert "(corrected)" in Path("build/site/docs/letter.html").read_text(encoding="utf-8")
    assert run("encode", "--keep", "corpus/letter.txt").exit_code == 0 and master.read_bytes() == edited
    overwrite = run("encode", "corpus", "-o", "corpus")  # encoding into the corpus spares the master
    assert overwrite.exit_code == 1 and "letter.xml, a TEI master (hand-corrected TEI); not written" in overwrite.output
    assert master.read_bytes() == edited
    for made in ("example.xml", "talks.xml"):  # what that run wrote beside the other records is not wanted
        Path("corpus", made).unlink()
    with open("corpus/letter.txt", "a", encoding="utf-8") as handle:
        handle.write("A line added after the correction.\n")
    warned = run("build")
    assert warned.exit_code == 0 and "letter.txt changed after this TEI master was made from it" in warned.output
    assert master.read_bytes() == edited

    assert run("validate", "corpus", "build/tei").exit_code == 0

    # the CI workflow's commands, executed as written, with this test's environment; its
    # `pip install -r requirements.txt` must find this tei-encoder installed, never download one
    assert metadata.version("tei-encoder") == __version__
    assert Path("requirements.txt").read_text(encoding="utf-8") == f"tei-encoder=={__version__}\n"
    workflow = yaml.safe_load(Path(".github/workflows/tei-encoder.yml").read_text(encoding="utf-8"))
    steps = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]
    assert any("tei-encoder build" in s for s in steps) and any("tei-encoder validate" in s for s in steps)
    for command in steps:
        done = subprocess.run(command, shell=True, cwd=edition, env=tool_env(), capture_output=True, text=True)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"

    # the CI build put the edition's own look in place: its stylesheet and its footer template
    assert Path("build/site/assets/custom.css").read_bytes() == Path("site/edition.css").read_bytes()
    assert 'class="edition-note"' in Path("build/site/docs/talks.html").read_text(encoding="utf-8")

    # and the pre-commit hooks' commands: each is a tei-encoder command the CI steps above have just
    # run through the installed entry point, so here they run in this process, split as a shell would
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as tool_env() leaves it out
    hooks = yaml.safe_load(Path(".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    for hook in hooks:
        assert hook["language"] == "system" and hook["pass_filenames"] is False
        program, command, *args = shlex.split(hook["entry"])
        assert program == "tei-encoder" and any(s.startswith(f"tei-encoder {command} ") for s in steps)
        done = run(command, *args)
        assert done.exit_code == 0, f"{hook['entry']}: {done.output}"


def test_init_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_base_authority_is_package_data_built_from_the_repository():
    """One source: pyproject ships corpus/authority/ as tei_encoder/_authority/ (what a wheel
    installs); a checkout or an editable install reads the same folder."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert project["package-dir"]["tei_encoder._authority"] == "corpus/authority"
    assert "tei_encoder._authority" in project["packages"]
    assert "*.xml" in project["package-data"]["tei_encoder._authority"]
    shipped = {p.name: p.read_bytes() for p in base_authority_dir().glob("*.xml")}
    assert shipped == {p.name: p.read_bytes() for p in AUTHORITY.glob("*.xml")} and shipped


def test_which_authority_is_used_is_explicit(tmp_path):
    lone = tmp_path / "somewhere" / "record.txt"
    lone.parent.mkdir()
    lone.write_text(TALKS, encoding="utf-8")
    base = choose_authority((), [lone])
    assert base.origin == "base" and base.folders == (base_authority_dir(),)
    (tmp_path / "authority").mkdir()
    shutil.copy(AUTHORITY / "places.xml", tmp_path / "authority")
    beside = choose_authority((), [lone])
    assert beside.origin == "edition" and beside.folders == ((tmp_path / "authority").resolve(),)
    given = choose_authority((AUTHORITY,), [lone])
    assert given.origin == "option" and given.folders == (AUTHORITY,)
    out = tmp_path / "out"
    result = run("encode", str(lone), str(lone.parent), "-o", str(out))
    assert "authority: " in result.output


BROKEN_PERSONS = """<?xml version='1.0' encoding='UTF-8'?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <standOff>
    <listPerson>
      <person xml:id="ana">
        <persName type="preferred">Ana Pérez</persName>
        <idno type="wikidata">12345</idno>
      </person>
      <person xml:id="ana">
        <persName type="preferred">Ana Perez</persName>
      </person>
      <person xml:id="bo">
        <persName type="preferred">Bo Lind</persName>
        <persName type="variant">ANA PÉREZ</persName>
      </person>
    </listPerson>
    <listPlace>
      <place xml:id="town">
        <placeName>Town</placeName>
        <idno type="geonames">Q99</idno>
      </place>
    </listPlace>
  </standOff>
</TEI>
"""


def test_identifiers_given_as_their_uris_are_well_formed(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    entries = (
        '<place xml:id="a"><placeName>A</placeName><idno type="GeoNames">https://www.geonames.org/2950159/berlin.html</idno>'
        '<idno type="wikidata">http://www.wikidata.org/entity/Q64</idno></place>'
        '<place xml:id="b"><placeName>B</placeName><idno type="wikidata">https://www.wikidata.org/wiki/64</idno></place>'
    )
    (folder / "places.xml").write_text(
        f'<TEI xmlns="{NS["t"]}"><standOff><listPlace>{entries}</listPlace></standOff></TEI>'
    )
    assert [p.message for p in check_authority([folder])] == [
        "wikidata identifier 'https://www.wikidata.org/wiki/64' of 'b' is malformed"
    ]


def test_authority_check_names_file_and_line(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    (folder / "persons.xml").write_text(BROKEN_PERSONS, encoding="utf-8")
    (folder / "rejected.txt").write_text("# comment\nBo Lind\n", encoding="utf-8")
    lines = [p.text() for p in check_authority([folder])]
    path = folder / "persons.xml"
    assert lines == [
        f"{path}:7: error: wikidata identifier '12345' of 'ana' is malformed",
        f"{path}:9: error: xml:id 'ana' is used twice (first at {path}:5)",
        f"{path}:14: error: name form 'ANA PÉREZ' of 'bo' is already claimed by 'ana' ({path}:6)",
        f"{path}:20: error: geonames identifier 'Q99' of 'town' is malformed",
        f"{folder / 'rejected.txt'}:2: error: 'Bo Lind' is rejected but entry 'bo' lists it ({path}:13)",
    ]
    result = run("authority", "check", "--authority", str(folder))
    assert result.exit_code == 1 and f"{path}:9: error: xml:id 'ana' is used twice" in result.output


def test_a_shared_form_or_a_malformed_identifier_is_said_once_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    persons = folder / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(text.replace('<idno type="wikidata">Q11256</idno>', '<idno type="wikidata">11256</idno>'))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    result = run("build", str(corpus), "-o", str(tmp_path / "out"), "--authority", str(folder))
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "identifier '11256'" in line]
    assert len(warned) == 1 and warned[0].startswith(f"{persons}:") and ": warning: " in warned[0]
    assert run("authority", "check", "--authority", str(folder)).exit_code == 1


def test_a_broken_authority_stops_the_build_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"r{n}.txt").write_text(TALKS, encoding="utf-8")
    authority = tmp_path / "authority"
    authority.mkdir()
    (authority / "persons.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<standOff>\n</TEI>\n")
    result = run("build", str(corpus), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert len(errors) == 1 and f"{authority / 'persons.xml'}:3: not well-formed XML" in errors[0]
    assert not (tmp_path / "out" / "tei").exists()


def test_apply_refuses_what_would_break_the_authority(tmp_path):
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    review = tmp_path / "review.csv"
    review.write_text(
        "decision,type,name,id,forms,wikidata,geonames,found,records,context\n"
        "accept,person,Fidel Castro,fidel-2,Fidel Castro,,,unlinked,r,\n"  # a form another entry has
        "accept,person,Ana Example,castro-fidel,Ana Example,,,unlinked,r,\n"  # an id that is taken
        "merge,person,Ana Example,no-such-entry,Ana Example,,,unlinked,r,\n"
        "accept,person,Ana Example,ana-example,Ana Example,4242,,unlinked,r,\n"  # a malformed wikidata id
        "maybe,person,Ana Example,ana-example,Ana Example,,,unlinked,r,\n"
        "reject,place,Cuba,cuba,Cuba,,,gazetteer,r,\n",  # an authority form cannot be rejected
        encoding="utf-8",
    )
    result = run("authority", "apply", str(review), "--authority", str(folder))
    assert result.exit_code == 1
    for line in range(2, 8):
        assert f"{review}:{line}: error: " in result.output
    assert "0 decisions applied, 6 not" in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_apply_without_changes_keeps_every_byte(tmp_path):
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    review = tmp_path / "review.csv"
    review.write_text(
        "decision,type,name,id,forms,wikidata,geonames,found,records,context\n"
        "merge,person,Fidel Castro Ruz,castro-fidel,Fidel Castro Ruz | FIDEL CASTRO,,,unlinked,r,\n",
        encoding="utf-8",
    )
    result = run("authority", "apply", str(review), "--authority", str(folder))
    assert result.exit_code == 0 and "already applied" in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_review_keeps_earlier_decisions(tmp_path, monkeypatch):
    edition = tmp_path / "ed"
    assert run("init", str(edition)).exit_code == 0
    monkeypatch.chdir(edition)
    Path("corpus/talks.txt").write_text(TALKS, encoding="utf-8")
    assert run("review").exit_code == 0
    decide(Path("review.csv"), {"Orlan Pekkarinen": {"decision": "accept", "id": "pekkarinen"}})
    result = run("review")
    assert result.exit_code == 0 and "1 earlier decision kept" in result.output
    rows = {r["name"]: r for r in review_table(Path("review.csv"))}
    assert (rows["Orlan Pekkarinen"]["decision"], rows["Orlan Pekkarinen"]["id"]) == ("accept", "pekkarinen")


def test_incremental_build_repeats_earlier_warnings(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.txt").write_text(record("1. The talks ended on 31 February 1961.\n"), encoding="utf-8")
    (corpus / "plain.txt").write_text(TALKS, encoding="utf-8")
    out = tmp_path / "out"
    first = run("build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY))
    warnings = [line for line in first.output.splitlines() if ": warning: " in line]
    assert first.exit_code == 0 and warnings
    second = run("build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY))
    assert second.exit_code == 0 and "0 encoded, 2 unchanged" in second.output
    repeated = [line for line in second.output.splitlines() if ": warning: " in line]
    assert repeated == [f"{line} (from an earlier build)" for line in warnings]
    assert f"{counted(len(warnings), 'warning')} ({len(warnings)} from records not re-encoded)" in second.output


def test_an_empty_corpus_is_an_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    result = run("build", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"tei-encoder: error: {tmp_path / 'corpus'}: the corpus is empty (no records *.txt, no TEI files *.xml)"
    ]


def test_an_invalid_master_is_reported_and_not_published(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    assert run("encode", "--keep", str(corpus / "talks.txt"), "--authority", str(AUTHORITY)).exit_code == 0
    master = corpus / "talks.xml"
    master.write_bytes(master.read_bytes().replace(b"<body>", b"<body><bogus/>", 1))
    result = run("build", str(corpus), "-o", str(tmp_path / "out"), "--authority", str(AUTHORITY))
    assert result.exit_code == 1 and f"{master}: error: TEI master is invalid" in result.output
    assert not (tmp_path / "out" / "tei" / "talks.xml").exists()


def test_validate_a_corpus_skips_its_authority_folder(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(AUTHORITY, corpus / "authority")
    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    assert run("encode", "--keep", str(corpus / "talks.txt")).exit_code == 0
    result = run("validate", str(corpus))
    assert result.exit_code == 0 and re.search(r"^1 file: 1 valid", result.output, re.M), result.output


@pytest.mark.parametrize(
    ("done", "since", "measured", "expected"),
    [
        (1, None, None, None),  # nothing measured yet
        (65, (10.0, 64), (10.0, 64), None),  # the first record of the second burst: no rate yet
        (40, (10.0, 32), (10.2, 40), None),  # too short a time to be a rate
        (40, (10.0, 32), (11.0, 40), 60.0 / 8),  # 8 records a second since the first burst, 60 to go
        (100, (10.0, 32), (12.0, 99), 0.0),
    ],
)
def test_eta_is_measured_from_the_first_results(done, since, measured, expected):
    assert eta_seconds(done, 100, since, measured) == expected


def test_eta_of_bursts_of_results_is_the_rate_of_whole_bursts(monkeypatch):
    """Results in chunks of 10, one chunk a second, after a slow start: the ETA is 1 s per 10 records."""
    from tei_encoder import cli

    clock = [0.0]
    bar = cli._ProgressBar(100)
    bar._clock = lambda: clock[0]
    monkeypatch.setattr(cli.click, "echo", lambda *a, **k: None)
    for burst in range(4):
        clock[0] = 5.0 + burst  # the first chunk after 5 s of starting workers
        for _ in range(10):
            bar.update(1)
        if burst == 2:
            eta_mid = eta_seconds(bar.done, bar.total, bar._since, bar._measured)
    assert eta_mid is not None and abs(eta_mid - 7.0) < 0.5  # 70 to go at 10 a second
    assert eta_seconds(bar.done, bar.total, bar._since, bar._measured) == pytest.approx(6.0, abs=0.7)


def test_apply_reads_a_spreadsheets_semicolon_csv(tmp_path):
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    review = tmp_path / "review.csv"
    review.write_bytes(
        "\ufeffdecision;type;name;id;forms;wikidata;geonames;found;records;context\r\n"
        "accept;org;Committee for Example Studies;;Committee for Example Studies | CES;;;unlinked;r;\r\n".encode()
    )
    result = run("authority", "apply", str(review), "--authority", str(folder))
    assert result.exit_code == 0, result.output
    orgs = etree.parse(str(folder / "orgs.xml"))
    entry = orgs.find(".//t:org[@xml:id='committee-for-example-studies']", NS | {"xml": XML})
    assert [(n.get("type"), n.text) for n in entry] == [
        ("preferred", "Committee for Example Studies"),
        ("variant", "CES"),
    ]


FOREIGN_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A letter encoded by another tool</title></titleStmt>
      <publicationStmt><p>Made for a test of tei-encoder.</p></publicationStmt>
      <sourceDesc><p>Invented.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="letter">
        <opener><salute>Dear colleague,</salute></opener>
        <p>The <persName>harbour master</persName> wrote <seg type="aside">twice</seg> in <date when="1960-05-02">May</date>.</p>
      </div>
    </body>
  </text>
</TEI>
"""


def test_tei_from_another_tool_is_validated_as_tei_and_published_as_it_is(tmp_path, tei_all):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    (corpus / "foreign.xml").write_text(FOREIGN_TEI, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY))
    assert result.exit_code == 0, result.output
    assert (out / "tei" / "foreign.xml").read_bytes() == FOREIGN_TEI.encode()
    assert "harbour master" in (out / "site" / "docs" / "foreign.html").read_text(encoding="utf-8")
    reviewed = run("review", str(corpus), "--authority", str(AUTHORITY), "-o", str(tmp_path / "review.csv"))
    assert reviewed.exit_code == 0, reviewed.output
    rows = {r["name"]: r for r in review_table(tmp_path / "review.csv")}
    assert rows["harbour master"]["found"] == "unlinked" and rows["harbour master"]["records"] == "foreign"
    (corpus / "foreign.xml").write_text(FOREIGN_TEI.replace("<p>The", "<p><bogus/>The"), encoding="utf-8")
    broken = run("build", str(corpus), "-o", str(out), "--authority", str(AUTHORITY))
    assert broken.exit_code == 1 and f"{corpus / 'foreign.xml'}: error: TEI master is invalid" in broken.output


def test_apply_writes_a_compact_file_compactly_and_a_missing_list_as_a_new_file(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    compact = f'<TEI xmlns="{NS["t"]}"><standOff><listPerson><person xml:id="a"><persName>Ann Example</persName></person></listPerson></standOff></TEI>'
    (folder / "people.xml").write_text(compact, encoding="utf-8")
    review = tmp_path / "review.csv"
    review.write_text(
        "decision,type,name,id,forms,wikidata,geonames,found,records,context\n"
        "merge,person,A. Example,a,A. Example,,,unlinked,r,\n"
        "accept,person,Bo Example,,Bo Example,,,unlinked,r,\n"
        "accept,place,Exampleton,,Exampleton,,2950159,gazetteer,r,\n",
        encoding="utf-8",
    )
    result = run("authority", "apply", str(review), "--authority", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "people.xml").read_text(encoding="utf-8") == compact.replace(
        "</persName></person></listPerson>",
        '</persName><persName type="variant">A. Example</persName></person>'
        '<person xml:id="bo-example"><persName type="preferred">Bo Example</persName></person></listPerson>',
    )
    places = (folder / "places.xml").read_text(encoding="utf-8")
    assert (
        '      <place xml:id="exampleton">\n        <placeName type="preferred">Exampleton</placeName>\n'
        '        <idno type="geonames">2950159</idno>\n      </place>\n' in places
    )
    assert check_authority([folder]) == []


@pytest.mark.parametrize("command", ["build", "review", "encode", "entities", "check", "apply"])
@pytest.mark.parametrize("odd", ["folder", "broken link"])
def test_a_folder_or_a_broken_link_named_xml_in_authority_is_one_line(tmp_path, command, odd):
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    odd_path = folder / "extra.xml"
    if odd == "folder":
        odd_path.mkdir()
    else:
        odd_path.symlink_to(tmp_path / "gone.xml")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    review = tmp_path / "review.csv"
    review.write_text("decision,type,name,id,forms\n", encoding="utf-8")
    args = {
        "build": ["build", str(corpus), "-o", str(tmp_path / "out")],
        "review": ["review", str(corpus)],
        "encode": ["encode", str(corpus), "-o", str(tmp_path / "tei")],
        "entities": ["entities", str(corpus)],
        "check": ["authority", "check"],
        "apply": ["authority", "apply", str(review)],
    }[command]
    result = run(*args, "--authority", str(folder))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 2, result.output  # a file that cannot be used: a usage error everywhere
    named = [line for line in result.output.splitlines() if str(odd_path) in line]
    # a link, even to nothing, is refused as a link unless --follow-symlinks (test_authority_links.py)
    expected = "is a folder, not an authority file" if odd == "folder" else "symbolic link, not followed"
    assert len(named) == 1 and expected in named[0]


@pytest.mark.parametrize(
    "text",
    [
        "<root><listPerson><person xml:id='a'><persName>Ann</persName></person></listPerson></root>\n",
        f"<TEI xmlns='{NS['t']}'>\n<teiHeader/>\n</TEI>\n",
    ],
)
def test_an_authority_file_without_tei_lists_is_an_error_not_ignored(tmp_path, text):
    folder = tmp_path / "authority"
    folder.mkdir()
    path = folder / "people.xml"
    path.write_text(text, encoding="utf-8")
    assert [p.text() for p in check_authority([folder])] == [
        f"{path}:1: error: no TEI listPerson/listPlace/listOrg (an authority file is TEI with at least one of them)"
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(TALKS, encoding="utf-8")
    result = run("build", str(corpus), "-o", str(tmp_path / "out"), "--authority", str(folder))
    assert result.exit_code == 2 and f"{path}:1: no TEI listPerson/listPlace/listOrg" in result.output


def test_review_keeps_a_decision_for_a_name_no_longer_found(tmp_path, monkeypatch):
    edition = tmp_path / "ed"
    assert run("init", str(edition)).exit_code == 0
    monkeypatch.chdir(edition)
    Path("corpus/talks.txt").write_text(TALKS, encoding="utf-8")
    assert run("review").exit_code == 0
    decide(Path("review.csv"), {"Orlan Pekkarinen": {"decision": "accept", "id": "pekkarinen"}})
    Path("corpus/talks.txt").unlink()  # the record is gone: its names are not found this time
    result = run("review")
    assert result.exit_code == 0, result.output
    assert "1 decided name not found this time" in result.output
    rows = [r for r in review_table(Path("review.csv")) if r["name"] == "Orlan Pekkarinen"]
    assert len(rows) == 1
    assert (rows[0]["decision"], rows[0]["id"], rows[0]["status"]) == ("accept", "pekkarinen", "not found this time")
    assert run("review").exit_code == 0  # kept again on the next run, not lost
    assert [r["status"] for r in review_table(Path("review.csv")) if r["name"] == "Orlan Pekkarinen"] == [
        "not found this time"
    ]


@pytest.mark.parametrize(
    ("direct_url", "expected", "warns"),
    [
        (
            '{"url": "https://git.example.org/ed/tei-encoder.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}',
            "tei-encoder @ git+https://git.example.org/ed/tei-encoder.git@abc123",
            False,
        ),
        (
            '{"url": "https://files.example.org/tei_encoder-0.1.0.tar.gz", "archive_info": {}}',
            "tei-encoder @ https://files.example.org/tei_encoder-0.1.0.tar.gz",
            False,
        ),
        ('{"url": "file:///home/ed/tei-encoder", "dir_info": {"editable": true}}', "tei-encoder==9.8.7", True),
        (None, "tei-encoder==9.8.7", True),
        ("not json", "tei-encoder==9.8.7", True),
    ],
)
def test_init_requires_where_tei_encoder_came_from_or_warns(direct_url, expected, warns):
    from tei_encoder.edition import installed_requirement

    requirement, warning = installed_requirement(direct_url, "9.8.7")
    assert requirement == expected
    assert (warning is not None) == warns
    if warning:
        assert REQUIREMENT_HINT in warning and "tei-encoder==9.8.7" in warning  # the CLI words it as --requirement


def test_init_says_once_when_the_requirement_may_not_install(tmp_path, monkeypatch):
    from tei_encoder import edition

    monkeypatch.setattr(edition, "default_requirement", lambda: ("tei-encoder==9.8.7", "pins tei-encoder==9.8.7"))
    result = run("init", str(tmp_path / "a"))
    assert result.exit_code == 0 and result.output.count("warning") == 1 and "pins tei-encoder==9.8.7" in result.output
    assert (tmp_path / "a" / "requirements.txt").read_text(encoding="utf-8") == "tei-encoder==9.8.7\n"
    given = run("init", str(tmp_path / "b"), "--requirement", "tei-encoder @ git+https://git.example.org/x.git")
    assert given.exit_code == 0 and "warning" not in given.output
    monkeypatch.setattr(edition, "default_requirement", lambda: edition.installed_requirement(None, "9.8.7"))
    worded = run("init", str(tmp_path / "c"))
    assert "is not published: pass --requirement SPEC to init (for example a git URL of" in worded.output, worded.output


def test_readme_has_no_placeholder_owner():
    assert "OWNER" not in (ROOT / "README.md").read_text(encoding="utf-8")


def test_apply_refuses_to_write_the_shipped_base_authority(tmp_path):
    base = base_authority_dir()
    before = {p.name: p.read_bytes() for p in base.iterdir()}
    review = tmp_path / "review.csv"
    review.write_text(
        "decision,type,name,id,forms\naccept,person,Ann Invented,ann-invented,Ann Invented\n", encoding="utf-8"
    )
    result = run("authority", "apply", str(review), "--authority", str(base))
    assert result.exit_code == 2 and "base authority shipped with tei-encoder is never written" in result.output
    # the repository's corpus/authority/, the source of the package data, is the base too
    result = run("authority", "apply", str(review), "--authority", str(ROOT / "corpus" / "authority"))
    if (ROOT / "corpus" / "authority").is_dir():
        assert result.exit_code == 2 and "never written" in result.output
    assert {p.name: p.read_bytes() for p in base.iterdir()} == before


def test_review_reads_records_in_another_encoding_and_format(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = TALKS.replace("in Moscow.", "at the café in Moscow.")
    assert text != TALKS
    (corpus / "talks.txt").write_bytes(text.encode("cp1252"))
    assert run("review", str(corpus), "-o", str(tmp_path / "a.csv")).exit_code == 1  # not UTF-8: said, not guessed
    result = run("review", str(corpus), "-o", str(tmp_path / "b.csv"), "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert "Orlan Pekkarinen" in {r["name"] for r in review_table(tmp_path / "b.csv")}
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "note.txt").write_text(
        "A note on the harvest\n12 June 1961\n\nAmbassador Orlan Pekkarinen met N. S. Khrushchev in Moscow.\n",
        encoding="utf-8",
    )
    result = run("review", str(plain), "-o", str(tmp_path / "c.csv"), "--record-format", "plain")
    assert result.exit_code == 0, result.output
    assert "Orlan Pekkarinen" in {r["name"] for r in review_table(tmp_path / "c.csv")}
    assert run("review", str(plain), "--record-format", "no-such-format").exit_code == 2


def test_applying_the_same_review_twice_says_already_applied_and_writes_nothing(tmp_path):
    folder = tmp_path / "authority"
    shutil.copytree(AUTHORITY, folder)
    review = tmp_path / "review.csv"
    review.write_text(
        "decision,type,name,id,forms,wikidata,geonames,found,records,context\n"
        "accept,person,Ann Invented,,Ann Invented | A. Invented,,,unlinked,r,\n"
        "merge,person,Fidel C. Ruz,castro-fidel,Fidel C. Ruz,,,unlinked,r,\n"
        "reject,place,Northbank,,Northbank,,,gazetteer,r,\n"
        ",person,Bo Undecided,,Bo Undecided,,,unlinked,r,\n",
        encoding="utf-8",
    )
    first = run("authority", "apply", str(review), "--authority", str(folder))
    assert first.exit_code == 0 and "3 decisions applied" in first.output, first.output
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    second = run("authority", "apply", str(review), "--authority", str(folder))
    assert second.exit_code == 0, second.output
    assert "0 decisions applied, 3 already applied, 0 not" in second.output
    assert "0 files written" in second.output and "error" not in second.output
    for line in (2, 3, 4):
        assert f"{review}:{line}: already applied" in second.output
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == after


def test_apply_keeps_crlf_line_ends_and_the_line_after_a_leading_comment(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- people of the edition, kept by hand -->",
        f'<TEI xmlns="{NS["t"]}">',
        "  <standOff>",
        "    <listPerson>",
        '      <person xml:id="ann">',
        "        <persName>Ann Invented</persName>",
        "      </person>",
        "    </listPerson>",
        "  </standOff>",
        "</TEI>",
    ]
    people = folder / "people.xml"
    people.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    review = tmp_path / "review.csv"
    review.write_text("decision,type,name,id,forms\nmerge,person,A. Invented,ann,A. Invented\n", encoding="utf-8")
    result = run("authority", "apply", str(review), "--authority", str(folder))
    assert result.exit_code == 0, result.output
    data = people.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line still ends in CRLF
    assert data.startswith(("\r\n".join(lines[:3]) + "\r\n").encode())  # declaration, comment, root: own lines
    assert b'<persName type="variant">A. Invented</persName>\r\n' in data and data.endswith(b"</TEI>\r\n")
    assert check_authority([folder]) == []


def test_the_build_summary_counts_only_masters_it_published(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("good", "bad"):
        (corpus / f"{name}.txt").write_text(TALKS, encoding="utf-8")
        assert run("encode", "--keep", str(corpus / f"{name}.txt"), "--authority", str(AUTHORITY)).exit_code == 0
    bad = corpus / "bad.xml"
    bad.write_bytes(bad.read_bytes().replace(b"<body>", b"<body><bogus/>", 1))
    args = ("build", str(corpus), "-o", str(tmp_path / "out"), "--authority", str(AUTHORITY))
    result = run(*args)
    assert result.exit_code == 1 and "; 1 TEI master published unchanged" in result.output, result.output
    again = run(*args)  # nothing changed: nothing published again
    assert again.exit_code == 1 and "TEI masters published" not in again.output, again.output
