"""Reading what agreement compares out of a database.

Documents compared are those **every** compared annotator marked done (``status="done"``)
or, with ``status="any"``, those every one of them touched (a status other than todo, a
span or a document label). Without an explicit list, the compared annotators are those
with the annotator role who have such a document at all; curators are compared only when
named.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from annotator.storage.agreement import AgreementReader
from annotator.store import Store
from annotator.team.agreement import Comparison
from annotator.team.errors import TeamError

COMPARE_STATUSES = ("done", "any")

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from annotator.storage.connection import Reader


class AgreementInputError(TeamError):
    """The comparison asked for cannot be made; the message says why."""


def _annotator_ids(
    reader: AgreementReader,
    names: Sequence[str] | None,
    status: str,
    cache: dict[int, set[int]],
) -> dict[str, int]:
    by_name = {name: (aid, role) for name, aid, role in reader.annotators()}
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
        if role == "annotator" and _touched(reader, aid, status, cache):
            chosen[name] = aid
    return chosen


def _touched(
    reader: AgreementReader, annotator_id: int, status: str, cache: dict[int, set[int]]
) -> set[int]:
    """Documents this annotator marked done (``done``) or touched at all (``any``)."""
    if annotator_id not in cache:
        if status == "done":
            cache[annotator_id] = reader.done(annotator_id)
        else:
            cache[annotator_id] = reader.touched(annotator_id)
    return cache[annotator_id]


def load_comparison(
    conn: Reader | Connection,
    *,
    annotators: Sequence[str] | None = None,
    labelset: str | None = None,
    status: str = "done",
) -> tuple[Comparison, str | None]:
    """The :class:`Comparison` to compute on, and the label-set name it covers, read
    through ``conn``: a reader of the read seam (``store.database.reading()``), or a
    SQLAlchemy connection whose transaction's view it should see."""
    if status not in COMPARE_STATUSES:
        raise AgreementInputError(
            f"--status must be one of {', '.join(COMPARE_STATUSES)}, not {status!r}"
        )
    if hasattr(conn, "rows"):
        source = cast("Reader", conn)
    else:  # a SQLAlchemy connection
        from annotator.storage.connection import reader_of

        source = reader_of(conn)
    reader = AgreementReader(source)
    cache: dict[int, set[int]] = {}
    ids = _annotator_ids(reader, annotators, status, cache)
    if len(ids) < 2:
        found = ", ".join(ids) or "none"
        raise AgreementInputError(
            f"agreement needs at least two annotators with {status} documents (found: {found}); "
            "name them with --annotators"
        )
    names = list(ids)
    common: set[int] | None = None
    for aid in ids.values():
        touched = _touched(reader, aid, status, cache)
        common = touched if common is None else common & touched
    doc_ids = sorted(common or ())
    labelset_name = _labelset_name(reader, list(ids.values()), labelset)
    texts: dict[int, str] = {}
    doc_names: dict[int, str] = {}
    for doc_id, corpus, external_id, text in reader.documents(doc_ids):
        texts[doc_id] = text
        doc_names[doc_id] = external_id if corpus == "default" else f"{corpus}/{external_id}"
    name_of = {aid: name for name, aid in ids.items()}
    label_keys = reader.label_keys(labelset_name)
    comparison = Comparison(annotators=names, texts=texts, layers={}, names=doc_names)
    index_of = {aid: names.index(name) for aid, name in name_of.items()}
    layers = comparison.layers
    m = len(names)
    # Comparison.add inlined: this loop runs once per span (300,000 in the benchmark)
    for aid, doc_id, label_id, start, end in reader.span_rows():
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
    for aid, doc_id, key, value in reader.document_labels(list(ids.values()), labelset_name):
        if doc_id in texts:
            doc_labels[name_of[aid]].setdefault(doc_id, {})[key] = value
    comparison.doc_labels = doc_labels
    return comparison, labelset_name


def _labelset_name(
    reader: AgreementReader, annotator_ids: list[int], wanted: str | None
) -> str | None:
    """The label set compared: ``wanted``, else the only one these annotators used.

    Label keys are compared by name, so two sets' spans are never mixed silently.
    """
    used = reader.labelsets_used(annotator_ids)
    if wanted is not None:
        known = reader.labelset_names()
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

    with store.database.reading() as conn:
        comparison, labelset_name = load_comparison(
            conn, annotators=annotators, labelset=labelset, status=status
        )
    result = compute_agreement(comparison, by_document=True)
    result["labelset"] = labelset_name
    result["status"] = status
    return result, comparison
