"""--ls-annotator-map read once in the core, for the CLI and the dialogs alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats import FormatError, parse_annotator_map


def test_pairs_separated_by_commas_map_names_to_emails_and_ids():
    got = parse_annotator_map(" amal=amal@example.org, omar=omar@example.org=7 ,")
    assert got == {"amal": "amal@example.org", "omar": "omar@example.org=7"}


def test_a_file_holds_one_pair_a_line_with_comments(tmp_path: Path):
    path = tmp_path / "users.txt"
    path.write_text("# who is who\namal=amal@example.org\n\nomar=o@example.org=3\n", "utf-8")
    assert parse_annotator_map(str(path)) == {"amal": "amal@example.org", "omar": "o@example.org=3"}


def test_a_bad_item_is_named_by_its_place(tmp_path: Path):
    with pytest.raises(FormatError, match="item 2: 'omar' is not NAME=EMAIL"):
        parse_annotator_map("amal=a@example.org,omar")
    path = tmp_path / "users.txt"
    path.write_text("amal=a@example.org\nomar=no-email\n", "utf-8")
    with pytest.raises(FormatError, match=r"users\.txt:2: 'omar=no-email'"):
        parse_annotator_map(str(path))


def test_nothing_given_is_an_empty_map():
    assert parse_annotator_map(None) == parse_annotator_map("  ") == {}
