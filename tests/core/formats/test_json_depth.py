"""JSON nested deeper than MAX_JSON_DEPTH is refused, whatever else the line holds; the
walk that measures it may be skipped only where the text cannot nest that deep."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.formats._fields import RecordError
from annotator.formats._json_read import MAX_JSON_DEPTH, json_depth_exceeds, parse_json


def _nested(depth: int, kinds: list[bool]) -> object:
    value: object = "x"
    for level in range(depth):
        value = {"k": value} if kinds[level % len(kinds)] else [value]
    return value


@given(
    depth=st.integers(min_value=1, max_value=MAX_JSON_DEPTH + 20),
    kinds=st.lists(st.booleans(), min_size=1, max_size=5),
    noise=st.text(alphabet='{[]}"\\ab', max_size=150),
)
def test_a_value_is_refused_exactly_when_it_nests_too_deeply(depth, kinds, noise):
    line = json.dumps({"noise": noise, "value": _nested(depth, kinds)})
    value = json.loads(line)
    if json_depth_exceeds(value):
        with pytest.raises(RecordError, match="nested more than"):
            parse_json(line)
    else:
        assert parse_json(line) == value


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH])
def test_nesting_up_to_the_limit_is_read(depth: int):
    # the record object itself is one level
    assert parse_json(json.dumps(_nested(depth, [True, False])))


def test_one_level_more_is_refused_even_without_other_brackets():
    with pytest.raises(RecordError, match=f"nested more than {MAX_JSON_DEPTH}"):
        parse_json(json.dumps(_nested(MAX_JSON_DEPTH + 1, [False])))


def test_brackets_inside_strings_never_make_a_shallow_value_refused():
    line = json.dumps({"text": "{[" * 500, "spans": [{"label": "]}" * 300}]})
    assert parse_json(line)["text"].startswith("{[")
