"""Counted words take the form their number asks for (#15 tester: "1 problems", "1 files"), in
the command line's messages and the site's words, by the CLDR plural rule of their language."""

import json
import re
from pathlib import Path

from click.testing import CliRunner
from test_site import page, publish
from test_site import tei_dir as tei_dir  # the fixture

from tei_encoder import plurals
from tei_encoder.cli import main
from tei_encoder.plurals import categories, category, counted

PACKAGE = Path(plurals.__file__).parent
# a count filled into a message, then a counted noun in its plural; or a noun with "(s)"
_NOUNS = (
    "files|records|documents|problems|errors|warnings|pages|words|rows|decisions|names|characters|entries|"
    "mentions|places|sequences|elements|attributes|instructions|bytes|strings|documents shown"
)
# ... and the plural of every counted word of data/counted-words.json ("TEI masters"), a word or two
# after the count ("{made} TEI masters")
_COUNTED_PLURALS = "|".join(
    sorted(
        {
            re.escape(forms["other"].split()[-1])
            for key, forms in json.loads((PACKAGE / "data" / plurals.COUNTED_WORDS).read_text(encoding="utf-8")).items()
            if isinstance(forms, dict)
        }
    )
)
# (not a constant's {UPPER_CASE} number, not an XML attribute's ="{…}")
_UNAGREED = re.compile(
    rf"(?<![\"])\{{(?![A-Z_]+[}}:])[^{{}}!]+\}}\)? (?:index/register |(?!(?:from|of|in|on|to|for|by|with|among) )[\w-]+ )?(?:{_NOUNS}|{_COUNTED_PLURALS})\b(?!=)"
    r"|\w\(s\)"
    # a plural made by hand after a count: f"{n} word" + ("s" if n != 1 else "")
    r"""|\}\)? [\w ]+(?:\{'s' if|" \+ \("s" if)"""
    # a counted phrase before a verb in the plural: "1 word of the text are not shown"
    r"""|\bcounted\(.*?['"][\w /-]+['"]\)\}[^{}"']*? (?:are|were|have)\b"""
)


def test_every_counted_word_has_its_one_and_other_form():
    data = json.loads((PACKAGE / "data" / plurals.COUNTED_WORDS).read_text(encoding="utf-8"))
    for word, forms in ((k, v) for k, v in data.items() if not k.startswith("_") and k != "lang"):
        assert set(forms) >= {"one", "other"} and all("{n}" in f for f in forms.values()), word
        assert counted(1, word) == forms["one"].replace("{n}", "1")
        assert counted(0, word) == counted(0, word) == forms["other"].replace("{n}", "0")
        assert counted(21, word) == forms["other"].replace("{n}", "21")  # English: only 1 is "one"


def test_plural_categories_follow_the_languages_rule():
    assert [category("ru", n) for n in (1, 2, 5, 11, 21, 22, 111, 1021, 100_002)] == [
        "one", "few", "many", "many", "one", "few", "many", "one", "few",
    ]  # fmt: skip
    assert [category("ar", n) for n in (0, 1, 2, 3, 11, 100, 1003)] == [
        "zero",
        "one",
        "two",
        "few",
        "many",
        "other",
        "few",
    ]
    assert [category("ja", n) for n in (0, 1, 2)] == ["other"] * 3
    assert category("pt-BR", 1) == "one" and category("not a language", 1) == "one"
    assert len(categories("en")) == plurals.TABLE_SIZE


def _unagreed(text: str) -> list[str]:
    return [m.group(0) for m in _UNAGREED.finditer(text)]


def test_no_message_puts_a_count_before_a_fixed_plural():
    """Every message that counts uses `counted` (or a counted phrase of the UI strings): a count
    filled into an f-string before a plural noun, or a noun with "(s)", says "1 files"; a counted
    phrase before a plural verb says "1 word are"."""
    for message in (  # messages that said "1 TEI masters", "1 word of the text are" (#15 tester)
        'f"encode --keep: {made} TEI masters written, {kept} existing kept"',
        "f\"{counted(sum(missing.values()), 'word')} of the text are not shown on the page{where}\"",
        'f"{words:,} word" + ("s" if words != 1 else "")',
        'f"(and {more:,} more places over the limits)"',
    ):
        assert _unagreed(message), message
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree_text = path.read_text(encoding="utf-8")
        lines = tree_text.splitlines()
        for line_no, line in enumerate(lines, 1):
            code = line.split("  #")[0].strip()
            if "# never 1" in line + lines[line_no - 2]:  # a count over a limit of 2 or more
                continue
            if code.startswith(("#", '"""')) or not re.search(r"\bf[\"']", code):
                continue
            found += [f"{path.name}:{line_no}: {u}" for u in _unagreed(code)]
    assert not found, found


def test_site_strings_count_in_one_and_other_forms():
    strings = json.loads((PACKAGE / "data" / "ui-strings.json").read_text(encoding="utf-8"))
    for key, value in strings.items():
        if key.endswith("-other"):
            assert f"{key[: -len('other')]}one" in strings, key
        elif isinstance(value, str) and not key.startswith("_") and not key.endswith("-one"):
            assert not _unagreed(value.replace("{count} of ", "")), (key, value)


def test_one_file_one_problem_in_the_summaries(tmp_path):
    """`validate` on one file says "1 file" and "1 error"."""
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert "1 file: 0 valid, 0 invalid, 1 not well-formed; 1 error, 0 warnings" in result.output, result.output


def test_a_translation_counts_in_its_languages_categories(tei_dir, tmp_path):
    """An edition's strings.json in a language with more forms than English (Russian: one, few,
    many) adds them (KEY-few, KEY-many): every count on the register takes the form of its category."""
    forms = {"one": "{n} упоминание", "few": "{n} упоминания", "many": "{n} упоминаний", "other": "{n} упоминания"}
    edition = tmp_path / "edition"
    edition.mkdir()
    strings = {"lang": "ru", **{f"mentions-{c}": f for c, f in forms.items()}}
    (edition / "strings.json").write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "site"
    assert publish(tei_dir, out, "--xslt", str(edition)).exit_code == 0
    counts = [
        " ".join(s.split(", ")[-1].split()) for s in page(out, "places.html").xpath("//span[@class='counts']/text()")
    ]
    numbers = {int(c.split()[0]) for c in counts}
    assert {category("ru", n) for n in numbers} >= {"one", "few", "many"} or len(numbers) >= 3, numbers
    for shown in counts:
        n = int(shown.split()[0])
        assert shown == forms[category("ru", n)].replace("{n}", str(n)), shown
