"""Editing in the core: every change an annotator makes, with its inverse and one history.

Anki's model: operations live in the library and return a description of what changed
(:class:`OpChanges`); a front end only triggers them and refreshes from that description.

- :mod:`~annotator.editing.operations` — the operation protocol, the span operations (add /
  delete / update) and :class:`EditRefused`; :mod:`~annotator.editing.document_ops` status
  and document labels; :mod:`~annotator.editing.suggestion_ops` accept / reject suggestions.
- :mod:`~annotator.editing.rules` — what a label key does, who may edit a span, clamping.
- :mod:`~annotator.editing.label_all` — label-all preview (rejected and done marks).
- :mod:`~annotator.editing.history` — the undo / redo history.
- :mod:`~annotator.editing.editor` — :class:`Editor`, the session object front ends hold.
- :mod:`~annotator.editing.navigation` — "done, next": the next document not done.
- :mod:`~annotator.editing.watcher` — notice commits made by other connections.

How to add an undoable operation (e.g. a curator taking annotator A's span into the
gold layer):

1. Subclass :class:`Operation` in a module of this package. Keep plain records only
   (``SpanData``, ids, values), never widgets. Implement ``_do(store)`` (the do *and* every
   redo: create rows the first time, restore the same rows by id afterwards) and
   ``_undo(store)``; both return an :class:`OpChanges` naming the rows written.
   For "take A's span": ``AddSpans(doc, curator, labelset, [SpanSpec(doc, span.label,
   span.start, span.end, span.attributes, span.note)])`` already is that operation; a
   subclass only adds provenance (e.g. a comment naming A's span) in ``_do``/``_undo``.
2. Before an undo deletes or rewrites a row, call :func:`verify_unchanged` so a row
   changed by another writer is refused with a reason instead of overwritten.
3. Put the rule that decides *whether* the edit is allowed in :mod:`rules` (ownership:
   :func:`check_owner`), and a method on :class:`Editor` that builds the operation and
   calls :meth:`Editor.perform`. The Qt window then needs one action-table row whose
   handler calls that method; undo, redo, refresh and error display come for free.
4. Test it headless in ``tests/core/editing/``: do, undo, redo against a real Store,
   and the refusal when the row changed in between.
"""

from __future__ import annotations

from annotator.editing.changes import OpChanges
from annotator.editing.document_ops import SetDocumentLabel, SetStatus
from annotator.editing.editor import Editor
from annotator.editing.history import History
from annotator.editing.label_all import (
    LABEL_ALL_MAX_WORDS,
    LabelAllPreview,
    Occurrence,
    check_query,
    preview_label_all,
)
from annotator.editing.navigation import NextDocument, next_not_done
from annotator.editing.operations import (
    AddSpans,
    DeleteSpans,
    EditRefused,
    Operation,
    SpanSpec,
    UpdateSpan,
    verify_unchanged,
)
from annotator.editing.rules import (
    Target,
    active_suggestions,
    check_owner,
    clamp_boundary,
    label_key_operation,
    may_edit,
)
from annotator.editing.suggestion_ops import AcceptSuggestions, RejectSuggestions
from annotator.editing.watcher import ExternalChangeWatcher

__all__ = [
    "LABEL_ALL_MAX_WORDS",
    "AcceptSuggestions",
    "AddSpans",
    "DeleteSpans",
    "EditRefused",
    "Editor",
    "ExternalChangeWatcher",
    "History",
    "LabelAllPreview",
    "NextDocument",
    "OpChanges",
    "Occurrence",
    "Operation",
    "RejectSuggestions",
    "SetDocumentLabel",
    "SetStatus",
    "SpanSpec",
    "Target",
    "UpdateSpan",
    "active_suggestions",
    "check_owner",
    "check_query",
    "clamp_boundary",
    "label_key_operation",
    "may_edit",
    "next_not_done",
    "preview_label_all",
    "verify_unchanged",
]
