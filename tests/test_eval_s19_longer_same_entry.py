"""The evaluation's wrong links (issue 12, session 19): a linked name inside a longer gold name of the
SAME entry, which the tool did not read whole, is a boundary error and not a link to another entity.
Before, the longer-name check took the first gold name around the text with another entry (a party
named after the state) and counted the state's right link as wrong."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SPEC = importlib.util.spec_from_file_location("entity_eval_s19", ROOT / "benchmarks" / "entity_eval.py")
entity_eval = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(entity_eval)

# gold: the state twice by its official name of the period, once bare, and a party named after it
GOLD = [
    ("place", "Socialist Ruritania", "ruritania"),
    ("place", "Socialist Ruritania", "ruritania"),
    ("place", "Ruritania", "ruritania"),
    ("org", "Communist Party of Ruritania", "-"),
]


def test_the_state_inside_its_missed_official_name_is_no_wrong_link():
    # ours: the party whole; the state's name alone three times, each linked to the state
    ours = [("org", "Communist Party of Ruritania", "")] + [("place", "Ruritania", "ruritania")] * 3
    assert entity_eval.wrong_links(GOLD, ours) == []


def test_the_state_inside_the_party_name_is_still_a_wrong_link():
    # ours: the official names whole, and the state's name inside the party's name linked as a place
    ours = [("place", "Socialist Ruritania", "ruritania")] * 2 + [("place", "Ruritania", "ruritania")] * 2
    assert entity_eval.wrong_links(GOLD, ours) == [
        ("place", "Ruritania", "in org 'Communist Party of Ruritania':-", "ruritania")
    ]


def test_only_as_many_as_gold_missed_are_accounted_for():
    # one official name read whole, one not: one surplus link is accounted for, the other (inside the
    # party's name, which ours did not tag) stays a wrong link
    ours = [("place", "Socialist Ruritania", "ruritania")] + [("place", "Ruritania", "ruritania")] * 3
    assert len(entity_eval.wrong_links(GOLD, ours)) == 1
