"""The repositories behind :class:`annotator.store.Store`: the only modules that write SQL.

One repository per kind of row (documents, spans, suggestions, label sets, statuses and
document labels, annotators), each a small class over the shared engine. Callers outside
this package never build a statement or hold a connection of their own: they call the
Store, which delegates here. Import, accept-all and label-all store spans through one
path (:meth:`SpanRepository.insert_rows`), so its checks (offsets inside the text, the
text equal to ``text[start:end]``, column limits) hold for every writer.
"""

from annotator.storage.tables import (
    ANNOTATOR,
    DOC,
    DOCLABEL,
    LABEL,
    LABELSET,
    REJECTION,
    SPAN,
    STATUS,
    SUGGESTION,
)

__all__ = [
    "ANNOTATOR",
    "DOC",
    "DOCLABEL",
    "LABEL",
    "LABELSET",
    "REJECTION",
    "SPAN",
    "STATUS",
    "SUGGESTION",
]
