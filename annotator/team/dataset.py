"""Reading what agreement compares out of a database.

Documents compared are those **every** compared annotator marked done (``status="done"``)
or, with ``status="any"``, those every one of them touched (a status other than todo, a
span or a document label). Without an explicit list, the compared annotators are those
with the annotator role who have such a document at all; curators are compared only when
named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from annotator.store import ANNOTATOR, DOC, DOCLABEL, LABEL, LABELSET, SPAN, STATUS, Store
from annotator.team.agreement import Comparison
from annotator.team.errors import TeamError

COMPARE_STATUSES = ("done", "any")
CHUNK = 900  # ids per IN (...) list: below SQLite's host-parameter limit


class AgreementInputError(TeamError):
    """The comparison asked for cannot be made; the message says why."""


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _annotator_ids(
    conn: Connection, names: Sequence[str] | None, status: str, cache: dict[int, set[int]]
) -> dict[str, int]:
    rows = conn.execute(select(ANNOTATOR.c.name, ANNOTATOR.c.id, ANNOTATOR.c.role)).all()
    by_name = {name: (aid, role) for name, aid, role in rows}
    if names:
        unknown = [n for n in names if n not in by_name]
        if unknown:
            known = ", ".join(sorted(by_name)) or "none"
            raise AgreementInputError(f"unknown annotator(s) {', '.join(unknown)} (known: {known})")
        if len(set(names)) != len(names):
            raise AgreementInputError("an annotator is named twice in --annotators")
        return {n: by_name[n][0] for n in names}
    chosen = {}
    for name, (aid, role) in sorted(by_name.items()):
        if role == "annotator" and _touched(conn, aid, status, cache):
            chosen[name] = aid
    return chosen


def _touched(
    conn: Connection, annotator_id: int, status: str, cache: dict[int, set[int]] | None = None
) -> set[int]:
    """Documents this annotator marked done (``done``) or touched at all (``any``)."""
    if cache is not None:
        if annotator_id not in cache:
            cache[annotator_id] = _touched(conn, annotator_id, status)
        return cache[annotator_id]
    if status == "done":
        query = select(STATUS.c.document_id).where(
            STATUS.c.annotator_id == annotator_id, STATUS.c.status == "done"
        )
        return {doc for (doc,) in conn.execute(query).fetchall()}
    docs = set(
        conn.execute(
            select(STATUS.c.document_id).where(
                STATUS.c.annotator_id == annotator_id, STATUS.c.status != "todo"
            )
        ).scalars()
    )
    docs.update(
        conn.execute(
            select(SPAN.c.document_id).where(SPAN.c.annotator_id == annotator_id).distinct()
        ).scalars()
    )
    docs.update(
        conn.execute(
            select(DOCLABEL.c.document_id).where(DOCLABEL.c.annotator_id == annotator_id).distinct()
        ).scalars()
    )
    return docs


def load_comparison(
    conn: Connection,
    *,
    annotators: Sequence[str] | None = None,
    labelset: str | None = None,
    status: str = "done",
) -> tuple[Comparison, str | None]:
    """The :class:`Comparison` to compute on, and the label-set name it covers."""
    if status not in COMPARE_STATUSES:
        raise AgreementInputError(
            f"--status must be one of {', '.join(COMPARE_STATUSES)}, not {status!r}"
        )
    cache: dict[int, set[int]] = {}
    ids = _annotator_ids(conn, annotators, status, cache)
    if len(ids) < 2:
        found = ", ".join(ids) or "none"
        raise AgreementInputError(
            f"agreement needs at least two annotators with {status} documents (found: {found}); "
            "name them with --annotators"
        )
    names = list(ids)
    common: set[int] | None = None
    for aid in ids.values():
        touched = _touched(conn, aid, status, cache)
        common = touched if common is None else common & touched
    doc_ids = sorted(common or ())
    labelset_name = _labelset_name(conn, list(ids.values()), labelset)
    texts: dict[int, str] = {}
    doc_names: dict[int, str] = {}
    for chunk in _chunks(doc_ids):
        for doc_id, corpus, external_id, text in conn.execute(
            select(DOC.c.id, DOC.c.corpus, DOC.c.external_id, DOC.c.text).where(DOC.c.id.in_(chunk))
        ).fetchall():
            texts[doc_id] = text
            doc_names[doc_id] = external_id if corpus == "default" else f"{corpus}/{external_id}"
    name_of = {aid: name for name, aid in ids.items()}
    label_query = select(LABEL.c.id, LABEL.c.key).join(
        LABELSET, LABEL.c.labelset_id == LABELSET.c.id
    )
    if labelset_name is not None:
        label_query = label_query.where(LABELSET.c.name == labelset_name)
    label_keys: dict[int, str] = {lid: key for lid, key in conn.execute(label_query).fetchall()}
    comparison = Comparison(annotators=names, texts=texts, layers={}, names=doc_names)
    index_of = {aid: names.index(name) for aid, name in name_of.items()}
    layers = comparison.layers
    m = len(names)
    # Comparison.add inlined: this loop runs once per span (300,000 in the benchmark)
    for aid, doc_id, label_id, start, end in _raw_span_rows(conn):
        i = index_of.get(aid)
        if i is None or doc_id not in texts:
            continue
        key = label_keys.get(label_id)
        if key is None:
            continue
        by_label = layers.get(doc_id)
        if by_label is None:
            by_label = layers[doc_id] = {}
        lists = by_label.get(key)
        if lists is None:
            lists = by_label[key] = [[] for _ in range(m)]
        lists[i].append((start, end))
    doc_labels: dict[str, dict[int, dict[str, str]]] = {name: {} for name in names}
    dquery = select(
        DOCLABEL.c.annotator_id, DOCLABEL.c.document_id, DOCLABEL.c.key, DOCLABEL.c.value
    ).where(DOCLABEL.c.annotator_id.in_(list(ids.values())))
    if labelset_name is not None:
        dquery = dquery.join(LABELSET, DOCLABEL.c.labelset_id == LABELSET.c.id).where(
            LABELSET.c.name == labelset_name
        )
    for aid, doc_id, key, value in conn.execute(dquery):
        if doc_id in texts:
            doc_labels[name_of[aid]].setdefault(doc_id, {})[key] = value
    comparison.doc_labels = doc_labels
    return comparison, labelset_name


def _raw_span_rows(conn: Connection) -> list[tuple[int, int, int, int, int]]:
    """Every span as (annotator, document, label, start, end), through the driver's own
    cursor: 300,000 rows in one C-level fetch, without per-row result processing. Plain
    SQL without parameters, valid on SQLite and PostgreSQL alike; filtering is the caller's."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute('SELECT annotator_id, document_id, label_id, start, "end" FROM span')
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _labelset_name(conn: Connection, annotator_ids: list[int], wanted: str | None) -> str | None:
    """The label set compared: ``wanted``, else the only one these annotators used.

    Label keys are compared by name, so two sets' spans are never mixed silently.
    """
    used = sorted(
        conn.execute(
            select(LABELSET.c.name)
            .distinct()
            .select_from(SPAN)
            .join(LABEL, SPAN.c.label_id == LABEL.c.id)
            .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
            .where(SPAN.c.annotator_id.in_(annotator_ids))
        ).scalars()
    )
    if wanted is not None:
        known = set(conn.execute(select(LABELSET.c.name).distinct()).scalars())
        if wanted not in known and wanted not in used:
            raise AgreementInputError(
                f"label set {wanted!r} is not used in this database (used: {', '.join(used) or 'none'})"
            )
        return wanted
    if len(used) > 1:
        raise AgreementInputError(
            f"spans of several label sets ({', '.join(used)}): choose one with --labelset"
        )
    return used[0] if used else None


__all__ = ["AgreementInputError", "COMPARE_STATUSES", "load_comparison"]


def agreement_for_store(
    store: Store,
    *,
    annotators: Sequence[str] | None = None,
    labelset: str | None = None,
    status: str = "done",
) -> tuple[dict[str, Any], Comparison]:
    """Agreement figures (with the per-document breakdown) and the comparison they were
    computed on, for front ends that drill down to the disagreeing spans."""
    from annotator.team.agreement import compute_agreement

    with store.engine.connect() as conn:
        comparison, labelset_name = load_comparison(
            conn, annotators=annotators, labelset=labelset, status=status
        )
    result = compute_agreement(comparison, by_document=True)
    result["labelset"] = labelset_name
    result["status"] = status
    return result, comparison
