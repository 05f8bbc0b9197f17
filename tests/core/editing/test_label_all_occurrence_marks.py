"""Label-all preview: rejected occurrences unticked, done documents counted."""

from __future__ import annotations

import pytest

from annotator.editing import EditRefused, check_query, preview_label_all
from annotator.editing.label_all import LABEL_ALL_MAX_WORDS
from annotator.lexicon import matcher_for_labelset
from annotator.suggestions import reject, suggest_document, suggestions_for
from tests.core.editing.conftest import ME, SECOND


def test_preview_lists_new_occurrences_and_skips_labelled_ones(editor, store, docs):
    word = "نظام الأسد"
    store.add_span(docs[1], ME, editor.labelset, "DELEGITIMISING_LABEL", 0, len(word))
    preview = preview_label_all(store, docs[1], word, "DELEGITIMISING_LABEL", editor.labelset, ME)
    second = SECOND.index(word, 1)
    assert [(o.start, o.end) for o in preview.occurrences] == [(second, second + len(word))]
    assert all(o.ticked and not o.rejected for o in preview.occurrences)


def test_rejected_occurrences_are_marked_and_unticked(editor, store, docs):
    labelset = editor.labelset
    suggest_document(store, docs[0], matcher_for_labelset(labelset), labelset)
    sug = suggestions_for(store, docs[0], ME)[0]
    reject(store, [sug.id], ME)
    preview = preview_label_all(store, None, sug.text, sug.label, labelset, ME)
    marked = [
        o
        for o in preview.occurrences
        if (o.start, o.end) == (sug.start, sug.end) and o.document_id == docs[0]
    ]
    assert marked and marked[0].rejected and not marked[0].ticked
    assert preview.rejected_count >= 1


def test_preview_counts_done_documents_that_would_change(editor, store, docs):
    store.set_status(docs[1], ME, "done")
    preview = preview_label_all(
        store, None, "نظام الأسد", "DELEGITIMISING_LABEL", editor.labelset, ME
    )
    assert {o.document_id for o in preview.occurrences if o.done} == {docs[1]}
    assert preview.done_documents() == 1
    assert preview.done_documents([o for o in preview.occurrences if not o.done]) == 0


def test_overlong_or_multi_paragraph_queries_are_refused():
    with pytest.raises(EditRefused):
        check_query(" ".join(["كلمة"] * (LABEL_ALL_MAX_WORDS + 1)))
    with pytest.raises(EditRefused):
        check_query("كلمة\n\nكلمة")
    with pytest.raises(EditRefused):
        check_query("   ")
    assert check_query(" نظام الأسد ") == "نظام الأسد"
