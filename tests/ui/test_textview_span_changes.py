"""The article view applies a small change to thousands of drawn spans in place: what it then
holds (ranges found in a window, stacking layers) is what drawing all of them anew gives."""

from __future__ import annotations

import random

import pytest

from ui.textview import ArticleView, SpanView

TEXT = "كلمة عربية قصيرة " * 60


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.set_article(TEXT)
    return v


def random_span(rng: random.Random, ident: int) -> SpanView:
    start = rng.randrange(len(TEXT) - 12)
    end = start + rng.choice((0, 1, 3, 5, 5, 11))
    return SpanView(ident, start, end, rng.choice(("#ff0000", "#0000ff")))


def drawn_state(view: ArticleView, spans: list[SpanView]) -> dict:
    found = [it.view.id for it in view._spans.overlapping(100, 400)]
    return {"layers": {s.id: view.span_layer(s.id) for s in spans}, "window": found}


def test_a_few_spans_changed_among_hundreds_are_layered_as_a_full_redraw_would(view, qtbot):
    rng = random.Random(11)
    spans = [random_span(rng, i) for i in range(300)]
    view.set_spans(spans)
    fresh = ArticleView()
    qtbot.addWidget(fresh)
    fresh.set_article(TEXT)
    next_id = 300
    for _ in range(60):
        spans = list(spans)
        action = rng.choice(("add", "remove", "move", "several"))
        if action in ("add", "several"):
            for _ in range(rng.randint(1, 5)):
                spans.append(random_span(rng, next_id))
                next_id += 1
        if action in ("remove", "several"):
            for _ in range(rng.randint(1, 4)):
                spans.pop(rng.randrange(len(spans)))
        if action == "move":
            i = rng.randrange(len(spans))
            spans[i] = random_span(rng, spans[i].id)
        spans.sort(key=lambda s: (s.start, s.end, s.id))
        view.set_spans(spans)
        fresh.set_article(TEXT)
        fresh.set_spans(spans)
        assert drawn_state(view, spans) == drawn_state(fresh, spans), action
    view.set_spans(list(spans))  # the same spans again (a status change re-lists them)
    assert drawn_state(view, spans) == drawn_state(fresh, spans)


def test_a_removed_span_is_no_longer_drawn_and_a_recoloured_one_is(view):
    rng = random.Random(5)
    spans = [random_span(rng, i) for i in range(200)]
    view.set_spans(spans)
    recoloured = SpanView(7, spans[7].start, spans[7].end, "#00a000")
    view.set_spans([recoloured if s.id == 7 else s for s in spans if s.id != 3])
    assert view.span_layer(3) is None
    assert view._span_by_id[7].view.color == "#00a000"
