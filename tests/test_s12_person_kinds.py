"""Person kinds from unseen real records (issue 12, session 12): a speaker named in brackets after the side
("North (KIM):"), names after a role and the body it serves ("Deputy Chief of the Soviet Army Gorbunov"), an
initial completed in brackets before its full stop ("V[asily]. Pisarev"), names spelt syllable by syllable and
marked [sic], copies listed after "FYI:", a capitals family name before an older romanization ("CHOI Kyu-hah"),
"General Staff" no person. Constructed record n29 with gold, invented wording."""

import sys

from conftest import ROOT, SETTINGS, dated_record, encode_text, tree_of, xp

from tei_encoder.pipeline import encode_record

sys.path.insert(0, str(ROOT / "benchmarks"))
import entity_eval  # noqa: E402


def _persons(tmp_path, body: str) -> list[tuple[str, str]]:
    found = entity_eval.ours(tree_of(encode_text(tmp_path, dated_record(body, "May 5, 1972", "Russian"))))
    return [(t, r) for k, t, r in found if k == "person"]


def test_a_speaker_named_in_brackets_after_the_side_is_a_person(tmp_path):
    assert _persons(tmp_path, "North (KIM): We agree.\n\nSouth (LEE): We do not.\n") == [("KIM", ""), ("LEE", "")]


def test_a_name_after_a_role_and_the_body_it_serves_is_a_person(tmp_path):
    body = "The Deputy Chief of the Soviet Army Gorbunov came; the Minister of the Interior Affairs Committee spoke.\n"
    assert _persons(tmp_path, body) == [("Gorbunov", "")]


def test_an_initial_completed_before_its_full_stop_is_in_the_name(tmp_path):
    tree = tree_of(encode_text(tmp_path, dated_record("V[asily]. Pisarev replied.\n", "May 5, 1972")))
    names = xp(tree, "//t:text//t:persName")
    assert len(names) == 1 and names[0].get("ref") == "#pisarev" and names[0].xpath("string()") == "Vasily. Pisarev"
    assert xp(tree, "//t:persName/t:supplied[@reason='expansion']")


def test_names_spelt_by_syllables_and_marked_sic_are_persons(tmp_path):
    persons = _persons(tmp_path, "The guests Sai-hu [sic] and Yi-sa Ma-di [sic] were late; Zhuo-ge-luo [sic] too.\n")
    assert [t for t, _ in persons] == ["Sai-hu", "Yi-sa Ma-di", "Zhuo-ge-luo"]


def test_names_after_a_copies_cue_are_persons(tmp_path):
    assert [t for t, _ in _persons(tmp_path, "FYI: Trojanowski, Chodorek\n")] == ["Trojanowski", "Chodorek"]


def test_an_older_romanization_of_a_given_name_keeps_the_name_whole(tmp_path):
    assert _persons(tmp_path, "Later CHOI Kyu-hah spoke.\n") == [("CHOI Kyu-hah", "")]


def test_general_staff_is_no_person(tmp_path):
    body = "Nobody from the Intelligence Department of the General Staff of the KPA came. The General Staff met.\n"
    assert _persons(tmp_path, body) == []


def test_the_constructed_record_scores_as_its_gold():
    gold = entity_eval.load_gold(ROOT / "tests" / "fixtures" / "gold" / "n29_labels_roles_sic.tsv")
    record = ROOT / "tests" / "fixtures" / "names" / "n29_labels_roles_sic.txt"
    scored = entity_eval.score(gold, entity_eval.ours(tree_of(encode_record(record, SETTINGS))), linking=True)
    assert scored["all"]["f1"] == 1.0 and not scored["wrong_links"]
