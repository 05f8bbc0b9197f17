"""Raw ↔ stored offsets around a BOM and CRLF / lone CR line ends, both ways."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.formats._newlines import RawLayout, stored_text_and_map
from annotator.textio import to_stored_text

raw_texts = st.text(alphabet="ab \r\n\ufeffع😀", max_size=40)


@given(raw_texts)
def test_layout_gives_back_the_file_text_from_the_stored_text(raw: str):
    stored = to_stored_text(raw)
    layout = RawLayout.of_raw(raw)
    assert layout.raw_text(stored) == raw


@given(raw_texts)
def test_layout_kept_in_meta_reads_back_the_same(raw: str):
    stored = to_stored_text(raw)
    layout = RawLayout.of_raw(raw)
    kept = layout.line_ends_meta(stored)
    assert RawLayout.from_meta(layout.bom or None, kept, stored) == layout


@given(raw_texts)
def test_stored_offsets_counted_as_the_file_map_back_to_themselves(raw: str):
    stored, omap = stored_text_and_map(raw)
    layout = RawLayout.of_raw(raw)
    for pos in range(len(stored) + 1):
        assert omap.start(layout.to_raw(pos)) == pos
        assert omap.end(layout.to_raw(pos)) == pos


def test_all_crlf_is_kept_as_one_word():
    raw = "a\r\nb\r\n"
    assert RawLayout.of_raw(raw).line_ends_meta(to_stored_text(raw)) == "crlf"


def test_meta_that_does_not_fit_the_text_is_read_as_plain_lf():
    stored = "ab\ncd"
    assert RawLayout.from_meta(None, {"crlf": [0]}, stored) == RawLayout()
    assert RawLayout.from_meta(None, {"crlf": [2, 2]}, stored) == RawLayout()
    assert RawLayout.from_meta(True, {"cr": ["2"]}, stored) == RawLayout(True)
    assert RawLayout.from_meta(None, ["crlf"], stored) == RawLayout()
    assert RawLayout.from_meta(None, {"cr": [2]}, stored).raw_text(stored) == "ab\rcd"
