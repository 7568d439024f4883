"""The state whose paper a record is, when its header makes that certain (issue 12, session 15).

A cable of the PRC Foreign Ministry Archive, or one a title says a Chinese embassy sent, is Chinese
paper: an unqualified `Ministry of Foreign Affairs` it is addressed to is the PRC's ministry, and `the
Northeast` it names is China's (Manchuria). The rules are data (data/record-states.json); every answer is
None unless the header is certain, so a record of unknown origin keeps its names unlinked (a wrong link
is worse than none: TEI Guidelines 13.3.6, `ref` as a claim of identity).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import Header


@dataclass(frozen=True)
class RecordStateRules:
    """data/record-states.json, read once: see its _comment for each field."""

    by_repository: dict[str, str]
    sender: re.Pattern
    sender_adjectives: dict[str, str]
    regions: dict[str, dict[str, str]]
    own_ministry_before: re.Pattern
    own_ministry_after: re.Pattern
    own_ministry_listed: re.Pattern


@lru_cache(maxsize=1)
def record_state_rules() -> RecordStateRules:
    """The rules of data/record-states.json. Raises OSError or ValueError when the package's data file is
    missing or malformed (an installation fault)."""
    raw = json.loads(resources.files("tei_encoder.data").joinpath("record-states.json").read_text(encoding="utf-8"))
    adjectives = sorted(raw["sender_adjectives"], key=len, reverse=True)
    bodies = sorted(raw["sender_bodies"], key=len, reverse=True)
    cues = sorted(raw["sender_cues"], key=len, reverse=True)
    sender = re.compile(
        rf"\b(?:{'|'.join(map(re.escape, cues))}) (?:the )?(?P<adj>{'|'.join(map(re.escape, adjectives))}) (?:{'|'.join(map(re.escape, bodies))})\b"
    )
    before = sorted(raw["own_ministry_before"], key=len, reverse=True)
    after = sorted(raw["own_ministry_after"], key=len, reverse=True)
    return RecordStateRules(
        by_repository=dict(raw["by_repository"]),
        sender=sender,
        sender_adjectives=dict(raw["sender_adjectives"]),
        regions={state: dict(names) for state, names in raw["regions"].items()},
        # the cue, then "the" or nothing, right before the name (matched on the text before it)
        own_ministry_before=re.compile(rf"(?:^|(?<=[\s(\[:]))(?:{'|'.join(map(re.escape, before))})\s+(?:the\s+)?\Z"),
        own_ministry_after=re.compile(rf"\s+(?:{'|'.join(map(re.escape, after))})\b"),
        # the cue, then another addressee and "and" ("To the Central Committee and the "): the ministry is one
        # of the record's addressees when the list ends the line with a colon (checked after the name)
        own_ministry_listed=re.compile(
            rf"(?:^|(?<=[\s(\[:]))(?:{'|'.join(map(re.escape, before))})\s+(?:the\s+)?"
            r"(?:[A-Z][\w’'-]*\s+(?:of\s+(?:the\s+)?)?){1,5}and\s+(?:the\s+)?\Z"
        ),
    )


def record_state(header: Header, existence: dict[str, tuple[str | None, str | None]]) -> str | None:
    """The authority id of the state whose paper the record of `header` is: the state whose ministry's
    archive the citation names (data/record-states.json by_repository), else the state of the mission or
    envoy a title says sent it ("Cable from the Chinese Embassy in ...", "Journal of Soviet Ambassador ..."); None when neither says, when they
    disagree, or when the state did not exist on the record's date (`existence`: id -> (from, to), ISO)."""
    rules = record_state_rules()
    found = set()
    archival = header.archival
    if archival is not None and archival.repository is not None:
        state = rules.by_repository.get(archival.repository.abbr)
        if state:
            found.add(state)
    m = rules.sender.search(header.title)
    if m:
        found.add(rules.sender_adjectives[m["adj"]])
    if len(found) != 1:
        return None
    state = found.pop()
    start, end = existence.get(state, (None, None))
    day = header.date_iso[:10]
    if day and ((start and day < start[: len(day)]) or (end and day >= end[: len(day)])):
        return None
    return state


def addressed_ministry(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands where a record names its addressee or receiver: after
    a cue word ("[To] the", "Received by the") or before a document word ("Incoming", "stamp") of
    data/record-states.json, or last of a line of addressees after the cue ("To the Central Committee and
    the Ministry of Foreign Affairs:", the colon ending the line)."""
    rules = record_state_rules()
    if rules.own_ministry_before.search(text, max(0, start - 30), start) or rules.own_ministry_after.match(text, end):
        return True
    return text.startswith(":", end) and bool(rules.own_ministry_listed.search(text, max(0, start - 80), start))


# what may stand between a cue the translator supplied ("[To]", its own element) and a ministry last of the
# addressees: "the State Council and the "
_ADDRESSEES_BEFORE = re.compile(r"\s*(?:the\s+)?(?:[A-Z][\w’'-]*\s+(?:of\s+(?:the\s+)?)?){1,5}and\s+(?:the\s+)?")


def after_other_addressees(before: str) -> bool:
    """Whether `before`, the text of a string before a ministry's name, is other addressees and "and" only
    ("the State Council and the "): the cue of the line may then stand before the string (a supplied "[To]")."""
    return _ADDRESSEES_BEFORE.fullmatch(before) is not None
