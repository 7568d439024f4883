"""Edges a fresh re-check of issue 13 found (s9): invisible format characters at the END of header
lines, and a symbolic link to a folder inside the corpus or the authority folder."""

from __future__ import annotations

import pytest
from conftest import encode_text, tree_of, xp

from tei_encoder.inputs import CORPUS_SUFFIXES, LINKED_FOLDER, not_taken


@pytest.mark.parametrize("mark", ["\u200e", "\ufeff", "\u200b", "\u00ad", "\u202e", "\u200e \u2060"])
def test_invisible_format_characters_after_header_lines_do_not_hide_them(tmp_path, mark):
    text = (
        f"June 9, 1961\n\n**A Record About Grain**{mark}\n\n<https://example.org/document/77>{mark}\n\n"
        f"Summary:{mark}\n\nThe grain summary.\n\nCredits:{mark}\n\n"
        "This document was made possible with support from the Grain Trust\n\n"
        f"Original Language:{mark}\n\nRussian\n\nThe ships were loaded.{mark}\n"
    )
    result = encode_text(tmp_path, text)
    tree = tree_of(result)
    assert xp(tree, "string(//t:titleStmt/t:title[1])") == "A Record About Grain"
    assert xp(tree, "//t:ptr/@target") == ["https://example.org/document/77"]
    assert xp(tree, "normalize-space(//t:abstract)") == "The grain summary."
    assert xp(tree, "//t:langUsage/t:language/@ident") == ["ru"]
    assert xp(tree, "normalize-space(//t:funder)") == "Grain Trust"
    # the document keeps its own characters; the header's are said
    assert xp(tree, "//t:body//t:p/text()") == [f"The ships were loaded.{mark}"]
    assert any("end with invisible format characters" in w for w in result.warnings), result.warnings


def test_plain_trailing_spaces_are_no_invisible_characters(tmp_path):
    text = "June 9, 1961\n\n**A Record About Grain** \n\nSummary:  \n\nThe grain summary.\n\nThe ships were loaded.\n"
    result = encode_text(tmp_path, text)
    assert xp(tree_of(result), "normalize-space(//t:abstract)") == "The grain summary."
    assert not any("invisible" in w for w in result.warnings), result.warnings


def test_a_link_to_a_folder_of_records_is_named_not_passed_over(tmp_path):
    corpus, elsewhere, empty = tmp_path / "corpus", tmp_path / "elsewhere", tmp_path / "empty"
    for folder in (corpus, elsewhere, empty):
        folder.mkdir()
    (elsewhere / "a.txt").write_text("x", encoding="utf-8")
    (corpus / "more").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "nothing").symlink_to(empty, target_is_directory=True)  # holds no record: nothing to say
    (corpus / "authority").symlink_to(elsewhere, target_is_directory=True)  # a shared authority: never a record
    assert not_taken(corpus, CORPUS_SUFFIXES) == [(corpus / "more", LINKED_FOLDER)]
    # commands that search sub-folders report links where they search (inputs.collect_files)
    assert not_taken(corpus, CORPUS_SUFFIXES, sub_folders=False) == []


def test_authority_check_names_a_link_to_a_folder_in_the_authority_folder(tmp_path):
    from click.testing import CliRunner

    from tei_encoder.cli import main

    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "authority").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "people.xml").write_text("<listPerson/>", encoding="utf-8")
    (corpus / "authority" / "more").symlink_to(elsewhere, target_is_directory=True)
    result = CliRunner().invoke(main, ["authority", "check", str(corpus)])
    assert result.exit_code != 0
    assert "more" in result.output and "symbolic link to a folder" in result.output, result.output
