"""Counted words in the right plural form, for the site's UI strings and the command line's messages.

A counted phrase is data in CLDR's plural categories (Unicode TR 35, "Language Plural Rules"):
`KEY-one` and `KEY-other` are always given, and a translation adds the categories its language
has (`KEY-zero`, `KEY-two`, `KEY-few`, `KEY-many`). Which category a number takes is CLDR's rule
for the language, as Babel ships it: English `1 file` / `2 files`, Russian `1`, `2`, `5`, `21`
one / few / many / one.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# the categories of 0 … 199: for an integer n of 200 or more, CLDR's integer rules of every
# language depend on n % 100 (and n % 10) only, so n takes the category of 100 + n % 100
# (checked against every locale Babel has, up to 2,000,000; the exceptions, read as 100 + n % 100:
# whole millions, "many" in French, Spanish, Italian, Portuguese, Catalan and a few more; whole
# thousands, "two" in Cornish)
TABLE_SIZE = 200
COUNTED_WORDS = "counted-words.json"  # the command line's counted words, in tei_encoder/data/


FALLBACK_LOCALE = "en"  # the CLDR data a language tag Babel has no data for falls back to


@functools.lru_cache(maxsize=64)
def cldr_locale(lang: str) -> str:
    """The Babel locale identifier ("pt_BR", "de") whose CLDR data (plural rules, language and
    month names) serves the BCP 47 tag LANG: the whole tag when Babel knows it, else its
    language subtag's ("de-XX" -> "de"), else FALLBACK_LOCALE ("grc", "qaa", a private-use
    subtag). Never raises: babel's UnknownLocaleError is no ValueError, and a tag Babel cannot
    read ("en-x-foo") is a ValueError; both fall back. See `cldr_known` for whether it fell back."""
    from babel import Locale

    tag = lang.strip().replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        try:
            return str(Locale.parse(candidate))
        except Exception:  # babel.UnknownLocaleError, ValueError, TypeError: the next candidate
            continue
    return FALLBACK_LOCALE


def cldr_known(lang: str) -> bool:
    """Whether Babel has CLDR data for the language of the BCP 47 tag LANG (its whole tag or its
    language subtag), that is whether `cldr_locale` did not fall back to FALLBACK_LOCALE."""
    base = lang.strip().replace("-", "_").split("_")[0].lower()
    return base == FALLBACK_LOCALE or cldr_locale(lang) != FALLBACK_LOCALE


@functools.lru_cache(maxsize=32)
def categories(lang: str) -> tuple[str, ...]:
    """The plural category (one of CATEGORIES) of each integer 0 … TABLE_SIZE - 1 in the language
    `lang` (a BCP 47 tag, `en`, `pt-BR`), by the CLDR rule of `cldr_locale(lang)`: a tag Babel
    does not know gets its base language's rule, else English's (1 is "one", any other number
    "other"). Never raises."""
    from babel import Locale

    rule = Locale.parse(cldr_locale(lang)).plural_form
    return tuple(rule(n) for n in range(TABLE_SIZE))


def category(lang: str, n: int) -> str:
    """The plural category of the integer `n` (0 or more) in the language `lang` (see `categories`)."""
    table = categories(lang)
    return table[n if n < TABLE_SIZE else 100 + n % 100]


def form(forms: dict[str, str], lang: str, n: int) -> str:
    """The form of a counted phrase for `n`: forms[category] when the phrase has that category,
    else forms["other"]."""
    return forms.get(category(lang, n), forms["other"])


@functools.cache
def _counted_words() -> dict:
    return json.loads((Path(__file__).parent / "data" / COUNTED_WORDS).read_text(encoding="utf-8"))


def counted(n: int, word: str, grouped: bool = False) -> str:
    """`n` and the counted `word` (a key of tei_encoder/data/counted-words.json) in the form its
    number takes: counted(1, "file") is "1 file", counted(3, "file") "3 files"; with `grouped`,
    the number has its thousands separated ("1,234 words"). Raises KeyError for a word the file
    does not list."""
    data = _counted_words()
    return form(data[word], data["lang"], n).replace("{n}", f"{n:,}" if grouped else str(n))
