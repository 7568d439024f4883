"""The Citation field: responsibilities, the publisher and the archival reference inside it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from ..config import RecordFormat, archive_schemes, repositories
from ..dates import find_dates
from ..letters import LOWER, UPPER
from ..model import ArchivalReference, Repository, Responsibility

# The title a citation opens with: "Title", or "Title," with the comma inside the quotes.
QUOTED_TITLE = re.compile(r'^\s*[“"](?P<title>.+?),?[”"]\s*,?\s*')
# The levels of archives' numbering schemes (fond / opis / papka / delo; fond / problema / dosar) are
# data: data/repositories.json `schemes`. Russian levels are the default; case matters there ("P."
# papka, "p." page).
_DEFAULT_SCHEME = "fond-opis"
_FOLIOS = re.compile(
    r"\b(?P<unit>ll|Ll|l|L|listy|Listy|list|List|pp|p|Pp|ff|Ff)\.?\s*(?P<from>\d+)(?:\s*[-–]\s*(?P<to>\d+))?\b\.?"
)
_BARE_FOLIO_UNIT = re.compile(r"(?:ll|Ll|listy|Listy|list|List|pp|ff)\.?")
_LOWER_CASE_TAIL = re.compile(rf"(?:\s+[{LOWER}][\w'’-]*)+$")  # "Aleksandr Name slightly revised"
_CAPITAL_FIRST = re.compile(rf"^[{UPPER}]")
_NAME_BEFORE = re.compile(
    rf"(?:^|[,;]\s*)(?P<name>[{UPPER}][^,;()\[\]\d]*?)\s*$"
)  # the name before a bracketed repository
# what may stand between a citation's title and its publisher when find_dates reads no date there:
# a year or years (`1962`, `1962-1963`, `[1962?]`, `1960s`), `circa`, `n.d.`, `undated`
_DATE_ONLY = re.compile(
    r"[\s\d,./–\-\[\]?]*(?:(?:c(?:irc)?a|n\.\s?d|s\.\s?d|undated|\d{4}s)\.?[\s\d,./–\-\[\]?]*)*",
    re.IGNORECASE,
)
# Chinese Foreign Ministry archive: file number, then the pages ("106-01234-05, 12-14")
_FILE_AND_PAGES = re.compile(
    r"(?P<file>\d{3}-[0-9A-Z]+(?:-\d+)*)(?:\s*,\s*(?:pp?\.\s*)?(?P<from>\d+)(?:\s*[-–]\s*(?P<to>\d+))?)?"
)


def split_citation(citation: str, fmt: RecordFormat, title: str = "") -> tuple[str, list[Responsibility]]:
    """(archival reference text, responsibilities) from the citation sentence.

    The citation is `title, date, publisher, reference. Responsibilities.`; the title may be quoted
    or not (then it is recognised as the record's title, or as the text before the date).
    """
    if title and citation[:1] in '"“' and citation[1:].startswith(title):
        # the record's title in quotes, whatever quotes it holds itself (`'Note [on "FALCON"]'`)
        rest = re.sub(r'^,?[”"]?\s*,?\s*', "", citation[1 + len(title) :])
    else:
        rest = QUOTED_TITLE.sub("", citation, count=1)
    if rest == citation and title and citation.startswith(title):
        rest = citation[len(title) :].lstrip(" ,")
    elif rest == citation:
        # an unquoted title: everything before the first date, when a publisher follows the date
        for match in find_dates(citation, None):
            after = citation[match.end :].lstrip(" ,")
            if any(after.startswith(p) for p in fmt.publisher_aliases):
                rest = citation[match.start :]
            break
    for match in find_dates(rest, None):
        if match.start == 0:
            rest = rest[match.end :].lstrip(" ,")
        break
    rest = re.sub(r"<?https?://\S+>?", "", rest).strip()
    for publisher in fmt.publisher_aliases:
        at = rest.find(publisher)
        # the publisher after the date: a date find_dates does not take as one (a bare year `1962`,
        # `1962-1963`, `n.d.`) goes with it, never into the shelfmark
        if at == 0 or at > 0 and _DATE_ONLY.fullmatch(rest[:at]):
            rest = rest[at + len(publisher) :].lstrip(" ,.")
            break
    resp_start = _first_responsibility(rest, fmt)
    provenance = provenance_clauses(rest[:resp_start], fmt)
    if provenance:
        resp_start = provenance[0][0]  # `AVP RF, copy courtesy of X`: where the copy came from is no shelfmark
    reference = rest[:resp_start].strip(" ,;")
    roles = rest[resp_start:]
    for start, end in reversed(provenance_clauses(roles, fmt)):
        roles = roles[:start] + roles[end:]  # `copy provided by NSA, Washington`: provenance, no role
    return reference, parse_responsibilities(roles, fmt)


def provenance_clauses(text: str, fmt: RecordFormat) -> list[tuple[int, int]]:
    """Spans of the clauses saying where a copy came from (`copy courtesy of X`, `provided to X`,
    `copy on file at X`: the format's `provenance_pattern`), in order; none when the format has none."""
    if fmt.provenance_pattern is None:
        return []
    return [m.span() for m in fmt.provenance_pattern.finditer(text)]


def provenance_note(citation: str, fmt: RecordFormat) -> str:
    """The provenance clauses of a citation as one text (`provided to CWIHP, copy on file at NSA`),
    clauses that follow each other kept with the punctuation between them; "" when there is none.
    TEI Guidelines 2.2.6 (notesStmt): what the header has no element for stays a note."""
    spans = provenance_clauses(citation, fmt)
    parts: list[str] = []
    for n, (start, end) in enumerate(spans):
        between = citation[spans[n - 1][1] : start] if n else ""
        if parts and re.fullmatch(r"\s*[,;]\s*", between):
            parts[-1] += between + citation[start:end]
        else:
            parts.append(citation[start:end])
    return "; ".join(parts)


def _verbs_pattern(fmt: RecordFormat) -> str:
    return "|".join(sorted(fmt.responsibility_verbs, key=len, reverse=True))


def _nouns_pattern(fmt: RecordFormat) -> str:
    return "|".join(sorted(fmt.responsibility_nouns, key=len, reverse=True)) or "(?!)"


def _first_responsibility(text: str, fmt: RecordFormat) -> int:
    """Where "Obtained by …" / "translated by …" / "translation by …" begins: after punctuation, or a
    capitalised verb after a space ("… Listy Translated by …", where the export lost the full stop).
    A noun counts only right before `by`."""
    m = _first_responsibility_pattern(_verbs_pattern(fmt), _nouns_pattern(fmt)).search(text)
    return m.start() if m else len(text)


@lru_cache(maxsize=8)
def _first_responsibility_pattern(verbs: str, nouns: str) -> re.Pattern:
    """_first_responsibility's pattern for a format's verbs and nouns (compiled once, not per citation)."""
    return re.compile(
        rf"(?:^|(?<=[.,;]\s))(?:(?i:{verbs})\b|(?i:{nouns})\s+by\b)|(?<=\s)(?:{verbs.title()})\s+(?i:by|for)\b"
    )


@lru_cache(maxsize=8)
def _clause_pattern(verbs: str, nouns: str) -> re.Pattern:
    """parse_responsibilities' pattern of one clause ("translated by X and Y") for a format's verbs and
    nouns (compiled once, not per line read)."""
    return re.compile(
        rf"(?:(?P<verbs>(?:(?:{verbs})(?:\s*,\s*|\s+and\s+))*(?:{verbs}))\b(?P<extra>[^.;]*?)|\b(?P<noun>{nouns}))"
        rf"\s+by\s+(?P<names>.+?)(?=(?:,?\s+and\s+|[.;,]\s*|\s+)(?:{verbs}|(?:{nouns})\s+by)\b|\.?\s*$)",
        re.IGNORECASE,
    )


def parse_responsibilities(text: str, fmt: RecordFormat) -> list[Responsibility]:
    """ "Obtained by X and translated by Y.", "translation by Y" -> one Responsibility per verb or noun
    (a noun only right before `by`). Every name of an `X and Y` list is kept; the list ends at the
    first part that is no name (`… and included in …, "Title."`); a name's affiliation in
    parentheses (`Z (National Security Archive)`) is not part of the name (the citation keeps it,
    verbatim in bibl). TEI Guidelines 2.2.1 (respStmt)."""
    verbs, nouns = _verbs_pattern(fmt), _nouns_pattern(fmt)
    clause = _clause_pattern(verbs, nouns)
    meanings = {**fmt.responsibility_verbs, **fmt.responsibility_nouns}
    found: list[Responsibility] = []
    for m in clause.finditer(text):
        # a sentence that follows the names ends them ("... by Jane Doe. The document ...")
        names_text = re.sub(r"(?<=[a-z]{2})\.\s+.*$", "", m.group("names"))
        names_text = re.sub(r"\s*\([^()]*\)", "", names_text)  # an affiliation, not a name
        names = [n.strip(" .") for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names_text) if n.strip(" .")]
        # "Aleksandr Name slightly revised": lower-case words after a name are a remark, not the name
        names = [_LOWER_CASE_TAIL.sub("", n) for n in itertools.takewhile(_starts_a_name, names)]
        if not names:
            continue
        said = [m.group("noun")] if m.group("noun") else re.findall(verbs, m.group("verbs"), re.IGNORECASE)
        for verb in said:
            verb = verb.lower()
            found.append(Responsibility(resp=meanings[verb], verb=f"{verb} by", names=names))
    return found


def _starts_a_name(text: str) -> bool:
    """A capital first, no quotation mark: the start of a name, not of a quoted title or a clause."""
    return bool(_CAPITAL_FIRST.match(text)) and not re.search(r"[\"“”]", text)


@lru_cache(maxsize=1024)
def _standalone(name: str) -> re.Pattern:
    """A repository name as a whole word (not inside a longer word or hyphenated name), compiled once."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def parse_archival_reference(text: str) -> ArchivalReference | None:
    """Repository, ids and folios from a reference such as "AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 237-240."."""
    text = text.strip()
    if not text:
        return None
    ref = ArchivalReference(text=text)
    rest = text
    first, further = _first_reference(text)
    if further:
        # several references ("APRF, f. 45 …; AVPRF, Fond 059a …", "… Listy 12-13 and AVPRF, …"):
        # the first is split, all stay in bibl, and the others are named in a warning
        rest, ref.further = first, further
    scope = rest
    best = None
    archives = set()
    for names, repo in repositories():
        for name in names:
            # (a plain substring test first: most names are not in the reference at all)
            m = _standalone(name).search(rest) if name in rest else None
            if m:
                archives.add(id(repo))
            if m and (best is None or len(name) > len(best[0])):
                best = (name, repo, m, names)
    if len(archives) > 1:
        # two archives in one reference: which numbers belong to which cannot be told — a shelfmark
        # mixing them would be wrong, so the reference stays verbatim in bibl
        return ArchivalReference(text=text, understood=False, further=ref.further)
    if best:
        name, ref.repository, m, names = best
        start, end = _repository_span(rest, m.start(), m.end())
        end = _gloss_end(rest, end, names)
        rest = (rest[:start] + " " + rest[end:]).replace("()", " ")
        scope = scope[:start] + " " + scope[end:]
        # "Full Name (ABBR)": drop the abbreviation or name that stands beside the one matched
        for other in (ref.repository.abbr, ref.repository.name):
            rest = rest.replace(f"({other})", " ")
    scheme = ref.repository.scheme if ref.repository else ""
    if scheme == "file":
        found = _FILE_AND_PAGES.search(rest)
        if found:
            ref.idnos = [("shelfmark", found.group("file"))]
            if found.group("from"):
                lo, hi = found.group("from"), found.group("to") or found.group("from")
                ref.locus = (lo, hi, found.group(0)[found.start("from") - found.start() :].strip())
            leftover = (rest[: found.start()] + rest[found.end() :]).strip(" ,.;:")
            ref.understood = not leftover
            return ref
    folios = _FOLIOS.search(rest)
    if folios:
        lo, hi = folios.group("from"), folios.group("to") or folios.group("from")
        ref.locus = (lo, hi, folios.group(0).rstrip("."))
        rest = rest[: folios.start()] + " " + rest[folios.end() :]
    scheme_ids = []
    for kind, pattern in _scheme_levels(scheme):
        m = pattern.search(rest)
        if m:
            scheme_ids.append((kind, m.group("v").rstrip(".")))
            rest = rest[: m.start()] + " " + rest[m.end() :]
    leftover = rest.strip(" ,.;:")
    if scheme_ids and _BARE_FOLIO_UNIT.fullmatch(leftover):
        leftover = ""  # `…, Delo 123, Listy`: the export lost the folio numbers; nothing else is left
    if len(scheme_ids) >= 2:
        ref.idnos = scheme_ids
        if ref.repository is None:
            ref.repository = _unlisted_repository(scope)
            if ref.repository and leftover.startswith(ref.repository.name):
                leftover = leftover[len(ref.repository.name) :].strip(" ,.;:")
    elif ref.repository is None:
        return ArchivalReference(text=text, understood=False)
    elif leftover or scheme_ids:
        # another archive's own system: keep it whole, with named collections apart
        leftover = text_without(scope, ref)
        parts = [p.strip() for p in re.split(r"[,;]", leftover)]
        named = []
        while parts and parts[0] and not re.search(r"\d", parts[0]) and len(parts) > 1:
            named.append(parts.pop(0))
        shelfmark = ", ".join(p for p in parts if p).strip(" ,.;")
        if shelfmark and re.search(r"\d", shelfmark):
            ref.idnos = [("shelfmark", shelfmark)]
        elif shelfmark and _NAME_WORDS.fullmatch(shelfmark):
            named.append(shelfmark)  # "MfAA": the name of a collection, no number
        elif shelfmark:  # words, no number ("Fond and Opis not given"): a remark, never an identifier
            ref.understood = False
            return ref
        # the archive's city ("Political Archive …, Berlin (PolA AA)") is its settlement, not a collection
        place = {ref.repository.settlement, ref.repository.country}
        ref.collection = ", ".join(p for p in named if p not in place)
        leftover = ""
    ref.understood = ref.repository is not None and not (len(scheme_ids) >= 2 and leftover)
    return ref


def _unlisted_repository(reference: str) -> Repository | None:
    """The archive an archive-level reference opens with when data/repositories.json does not list
    it (`TsDAHOU, F. 1, Op. 25, …` -> TsDAHOU), as printed; None when the reference opens with a level.

    TEI 10.4: an msIdentifier names its repository (tei_all's constraint msId_minimal refuses one that
    opens with an idno), so a shelfmark of an unlisted archive keeps the archive's name as given
    rather than dropping it."""
    lead = reference.split(",", 1)[0].strip(" .;:")
    if not _UNLISTED_ARCHIVE.fullmatch(lead):
        return None
    if any(pattern.match(lead) for _, pattern in _scheme_levels(_DEFAULT_SCHEME)):
        return None  # `F. 1, …`: the reference starts with its first level, no archive is named
    return Repository(abbr="", name=lead)


def _scheme_levels(scheme: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The levels of a repository's numbering scheme; the fond-opis levels for any other scheme."""
    schemes = archive_schemes()
    return schemes.get(scheme) or schemes[_DEFAULT_SCHEME]


# `TsAMO RF`, `AVP RF`: the Russian archives' abbreviations with the country's after them
_FEDERATION_SUFFIX = re.compile(r"\s+R\.?\s?F\.?(?=[\s,;.]|$)")


def _repository_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the repository's name in a reference, from the span of the name matched: an
    abbreviation in brackets after a name (`Archives of the Ministry of Foreign Affairs [AMAE]`)
    is that name's abbreviation, so the name as the citation words it and the brackets go with it —
    the name is the repository, not a collection. `RF` after an abbreviation (`TsAMO RF`: of the
    Russian Federation) is part of the name too."""
    federation = _FEDERATION_SUFFIX.match(text, end)
    if federation:
        end = federation.end()
    if not (text[start - 1 : start] in "[(" and text[end : end + 1] in "])" and start > 0 and end < len(text)):
        return start, end
    before = _NAME_BEFORE.search(text[: start - 1])
    if not before:
        return start - 1, end + 1
    return before.start("name"), end + 1


def _gloss_end(text: str, end: int, names: Iterable[str]) -> int:
    """The end of a repository's name with the bracketed gloss that may follow it: its name in English
    and/or its abbreviation, with no number (`… im Bundesarchiv (Archive of the Parties … (Foundation);
    SAPMO-BArch)`), which names the archive again and is no collection. A bracket holding a number, or
    a short one that is not one of the archive's names, is left (`(DY 30/3509)`, `(MfAA)`)."""
    opening = re.match(r"\s*\(", text[end:])
    if not opening:
        return end
    depth, first = 0, end + opening.end()
    for k in range(first - 1, len(text)):
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
            if depth == 0:
                inner = text[first:k]
                named = any(name and _standalone(name).search(inner) for name in names)
                return k + 1 if not re.search(r"\d", inner) and (named or len(inner.split()) >= 4) else end
    return end


# an archive's name as printed: capitalised words, abbreviations and the small words between them
# ("Archive of the Ministry", "Archivio di Stato"), no digits, at most a dozen words
_UNLISTED_ARCHIVE = re.compile(
    rf"[{UPPER}][\w'’.-]*(?:\s+(?:[{UPPER}][\w'’.-]*|of|the|for|and|de|del|des|di|du|der|la|le|y|i|na)){{0,11}}"
)
# capitalised words or abbreviations only ("MfAA", "Senato, Dispacci"): a name, not a remark
_NAME_WORDS = re.compile(rf"(?:[{UPPER}][\w'’.-]*)(?:[\s,]+[{UPPER}][\w'’.-]*)*")


def _first_reference(text: str) -> tuple[str, str]:
    """(the first reference, the others) when a later part — after `;` or ` and ` — names an archive
    of its own; else (text, "")."""
    for cut in re.finditer(r";\s*(?:and\s+)?|\s+and\s+", text):
        before = text[: cut.start()]
        if before.count("(") > before.count(")"):
            continue  # inside brackets: `(… Federal Archives; SAPMO-BArch)` glosses one archive's name
        later = text[cut.end() :]
        if any(
            later.startswith(name) and _standalone(name).match(later) for names, _ in repositories() for name in names
        ):
            return text[: cut.start()].strip(), later.strip()
    return text, ""


def text_without(text: str, ref: ArchivalReference) -> str:
    """The reference text with the repository name and the folio range taken out."""
    rest = text
    if ref.repository:
        for name in sorted({ref.repository.name, ref.repository.abbr}, key=len, reverse=True):
            rest = rest.replace(f"({name})", " ").replace(name, " ")
        for names, repo in repositories():
            if repo is ref.repository:
                for alias in names:
                    rest = re.sub(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", " ", rest)
    if ref.locus:
        rest = rest.replace(ref.locus[2], " ")
    rest = re.sub(r"\(\s*\)", " ", rest)  # "Berlin (PolA AA)" without the abbreviation: no "( )" left
    return " ".join(rest.split()).strip(" ,.;")
