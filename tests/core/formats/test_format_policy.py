"""Which options apply to which format is declared on the format objects (the dialogs
and the pipelines ask them instead of keeping lists of names)."""

from __future__ import annotations

from annotator.formats import all_formats


def _having(attribute: str) -> set[str]:
    return {name for name, fmt in all_formats().items() if getattr(fmt, attribute)}


def test_offsets_apply_to_formats_whose_spans_carry_no_text():
    assert _having("takes_offsets") == {"doccano", "ptc", "fields"}


def test_documents_only_formats_hold_no_spans():
    assert {n for n, f in all_formats().items() if not f.has_spans} == {"txt", "csv"}


def test_only_label_studio_maps_annotators_to_user_accounts():
    assert _having("maps_annotators") == {"labelstudio"}


def test_only_the_fields_format_reads_through_a_user_field_map():
    assert _having("takes_field_map") == {"fields"}


def test_formats_holding_one_annotator_are_declared():
    assert _having("single_annotator") == {"doccano", "ptc", "araieval"}
