"""The native JSONL export's fast path: the same bytes as the generic path, faster.

The native JSONL export is the one researchers run on whole corpora, so it has its own
path: span rows come from SQLite already grouped and ordered (document, annotator,
label set, start, end, label key), each span becomes its JSON text straight from the
row, and a line is assembled from pre-encoded pieces (annotator.formats.native). The
bytes are those of the generic path (annotator.exporting.records + NativeFormat.write),
which tests/core/formats/test_native_export_fast_path.py checks on a database with
every kind of content.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from annotator.exporting.records import ExportOptions, LabelsetKey, doc_batches, plan_export
from annotator.formats.base import OutRecord, OutSpan
from annotator.reports import ExportReport
from annotator.storage.exports import (
    doclabels_sql,
    id_maps,
    json_object,
    range_params,
    span_groups_sql,
    statuses_sql,
)
from annotator.store import Store

# False sends native JSONL through the generic path (the tests compare the two)
FAST_NATIVE_EXPORT = True


def fast_path_applies(store: Store, options: ExportOptions) -> bool:
    """Whether this export can take the fast path (native JSONL on SQLite)."""
    # ORDER BY label key must sort as Python sorts str: SQLite's BINARY collation on
    # UTF-8 does (code point order); another database's collation might not.
    return FAST_NATIVE_EXPORT and options.format == "jsonl" and store.database.dialect == "sqlite"


def _iter_native_chunks(
    store: Store, options: ExportOptions, on_document: Callable[[], None], totals: list[int]
) -> Iterator[str]:
    """The native JSONL text of the export, one batch of documents per chunk.
    ``totals`` receives [records, spans] as they are produced."""
    from annotator.formats import native

    plan = plan_export(store, options)
    sql = span_groups_sql(plan.annotator_id)
    status_sql = statuses_sql(plan.annotator_id)
    doclabel_sql = doclabels_sql(plan.annotator_id)
    with store.repos.exports.reading() as reader:
        annotator_names, labelsets, label_rows = id_maps(reader)
        label_keys = {label_id: key for label_id, (_ls, key) in label_rows.items()}
        label_fragments = {
            label_id: native.label_fragment(key) for label_id, key in label_keys.items()
        }
        wanted_sets = {
            ls_id
            for ls_id, (name, _v) in labelsets.items()
            if plan.labelset_name is None or name == plan.labelset_name
        }
        labelset_json: dict[LabelsetKey, str] = {
            key: native.labelset_json(*key) for key in labelsets.values()
        }
        labelset_json[(None, None)] = "null"
        span_json = native.span_json
        encode_str = native.encode_basestring
        for docs in doc_batches(reader, plan):
            ids = [d[0] for d in docs]
            texts = {d[0]: d[3] for d in docs}
            params = range_params(ids[0], ids[-1], plan.annotator_id)
            # doc id -> annotator id -> label set id -> span JSON texts, in output order
            span_groups: dict[int, dict[int, dict[int, list[str]]]] = {}
            frags: list[str] | None = None
            cur_doc = cur_who = cur_set = None
            doc_text = ""
            doc_len = 0
            # frags.append, bound once per group: called once per span; set whenever
            # frags is not None (rows are skipped while it is None)
            add: Callable[[str], None]
            broken: dict[int, tuple[int, int, int, str, str]] = {}
            for doc_id, who_id, ls_id, start, end, label_id, text, attributes, note in reader.rows(
                sql, params
            ):
                if ls_id != cur_set or who_id != cur_who or doc_id != cur_doc:
                    cur_doc, cur_who, cur_set = doc_id, who_id, ls_id
                    if doc_id in texts and ls_id in wanted_sets:
                        doc_text = texts[doc_id]
                        doc_len = len(doc_text)
                        frags = []
                        add = frags.append
                        span_groups.setdefault(doc_id, {}).setdefault(who_id, {})[ls_id] = frags
                    else:
                        frags = None
                if frags is None:
                    continue
                if not (0 <= start < end <= doc_len) or doc_text[start:end] != text:
                    # refused when (and only if) its record is written, as checked_spans does
                    broken.setdefault(id(frags), (doc_id, start, end, label_keys[label_id], text))
                if attributes is None and note is None:
                    # native.span_json's common case, inlined: it runs once per span
                    add(
                        f'{{"start": {start}, "end": {end}, {label_fragments[label_id]}"text": '
                        f"{encode_str(text)}}}"
                    )
                else:
                    add(
                        span_json(
                            start,
                            end,
                            label_fragments[label_id],
                            text,
                            json_object(attributes),
                            note or "",
                        )
                    )
            # (rows of documents in the id range but outside the batch are never looked up)
            doc_labels: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
            for doc_id, who_id, ls_id, key, value in reader.rows(doclabel_sql, params):
                if ls_id in wanted_sets:
                    doc_labels[doc_id].append(
                        (
                            annotator_names[who_id],
                            *labelsets[ls_id],
                            f"{key}={value}" if value else key,
                        )
                    )
            statuses: dict[int, dict[str, str]] = defaultdict(dict)
            for doc_id, who_id, st in reader.rows(status_sql, params):
                statuses[doc_id][annotator_names[who_id]] = st

            lines: list[str] = []
            for doc_id, external_id, title, text, source, meta in docs:
                # (annotator name) -> (label set name, version) -> [span JSON, doc labels]
                entries: dict[str, dict[LabelsetKey, tuple[list[str], list[str]]]] = {}
                for who_id, by_set in span_groups.get(doc_id, {}).items():
                    entries[annotator_names[who_id]] = {
                        labelsets[ls_id]: (set_frags, []) for ls_id, set_frags in by_set.items()
                    }
                for who, ls_name, ls_version, label in doc_labels.get(doc_id, ()):
                    entries.setdefault(who, {}).setdefault((ls_name, ls_version), ([], []))[
                        1
                    ].append(label)
                doc_statuses = statuses.get(doc_id, {})
                for who in doc_statuses:
                    entries.setdefault(who, {})
                annotators = sorted(entries)
                if plan.status is not None:
                    if plan.status == "todo":
                        annotators = [
                            a for a in annotators if doc_statuses.get(a, "todo") == "todo"
                        ]
                    else:
                        annotators = [a for a in annotators if doc_statuses.get(a) == plan.status]
                on_document()
                if not annotators and not plan.include_unlabelled:
                    continue
                opening = native.line_opening(
                    external_id, text, native.meta_json(title, source, json_object(meta))
                )
                if not annotators:
                    lines.append(native.line_json(opening, None, None, "null", [], []))
                    continue
                for who in annotators:
                    sets: dict[LabelsetKey, tuple[list[str], list[str]]] = entries[who] or {
                        (None, None): ([], [])
                    }
                    for key in sorted(sets, key=_set_order):
                        frags_, labels = sets[key]
                        if broken and id(frags_) in broken:
                            _mismatch(docs, *broken[id(frags_)])
                        labels.sort()
                        lines.append(
                            native.line_json(
                                opening,
                                who,
                                doc_statuses.get(who, "todo"),
                                labelset_json.get(key) or native.labelset_json(*key),
                                frags_,
                                labels,
                            )
                        )
                        totals[1] += len(frags_)
            totals[0] += len(lines)
            if lines:
                yield "".join(lines)


class NativeRecords:
    """The records of a native JSONL export. Iterating gives OutRecords as for any
    format; the native writer asks for ``native_chunks()`` instead: (text, spans) pairs
    of whole lines, the same bytes, several times faster."""

    def __init__(
        self,
        records: Iterator[OutRecord],
        store: Store,
        options: ExportOptions,
        on_document: Callable[[], None],
        report: ExportReport,
    ) -> None:
        self._records = records
        self._args = store, options, on_document
        self._report = report

    def __iter__(self) -> Iterator[OutRecord]:
        return iter(self._records)

    def native_chunks(self) -> Iterator[tuple[str, int]]:
        totals = [0, 0]
        spans = 0
        for chunk in _iter_native_chunks(*self._args, totals):
            self._report.records = totals[0]
            yield chunk, totals[1] - spans
            spans = totals[1]
        self._report.records = totals[0]


def _set_order(key: LabelsetKey) -> tuple[str, str]:
    return key[0] or "", key[1] or ""


def _mismatch(docs, doc_id: int, start: int, end: int, label: str, text: str) -> None:
    """Refuse a span whose stored text does not match its document, with the generic
    path's message (annotator.formats._json_write.checked_spans)."""
    from annotator.formats._json_write import checked_spans

    doc = next(d for d in docs if d[0] == doc_id)
    checked_spans(
        OutRecord(
            external_id=doc[1],
            text=doc[3],
            title=doc[2],
            source=doc[4],
            meta={},
            annotator=None,
            status=None,
            labelset=None,
            labelset_version=None,
            spans=(OutSpan(start, end, label, text),),
        )
    )
    raise AssertionError("unreachable: checked_spans accepted a mismatching span")
