"""The repositories behind :class:`annotator.store.Store`: the only modules that write SQL.

One repository per kind of row (documents, spans, suggestions, label sets, statuses and
document labels, annotators), each a small class over the shared database. Callers outside
this package never build a statement or hold a connection of their own: they call the
Store, which delegates here. Import, accept-all and label-all store spans through one
path (:meth:`SpanRepository.insert_rows`), so its checks (offsets inside the text, the
text equal to ``text[start:end]``, column limits) hold for every writer.

Reads that read-only commands need are SQL text run through the read seam
(:mod:`annotator.storage.connection`) on stdlib ``sqlite3`` or SQLAlchemy alike; this
package's ``__init__`` imports nothing, so those commands never load SQLAlchemy. The
tables' short names are in :mod:`annotator.storage.tables`.
"""
