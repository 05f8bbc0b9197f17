"""From a record's spans to validated spans ready to store: label set, label, placement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.formats import get_format
from annotator.formats.base import InRecord
from annotator.importing.checks import _attribute_problem
from annotator.importing.options import DEFAULT_ANNOTATOR
from annotator.importing.placement import _SpanPlacement
from annotator.labelsets import DEFAULT_LABELSET, LabelSet
from annotator.reports import Notice
from annotator.store import StoreError


@dataclass(slots=True)
class _ReadySpan:
    annotator: str
    labelset: LabelSet
    label: str
    start: int
    end: int
    attributes: dict[str, Any]
    note: str


class _SpanReader(_SpanPlacement):
    """Chooses each record's label set and turns its spans into _ReadySpan rows."""

    # --------------------------------------------------------------- label sets
    def _guess_labelset(self, record: InRecord) -> str:
        """The label set for a file that names none: the first (format default, default
        set, every other known set) whose keys are exactly the record's labels, else
        the first that resolves them through aliases, else the format default. The
        choice is made once, on the first record with labels, and kept for the import
        (one file, one scheme), so PTC files with the 2020 names land in
        propaganda-semeval2020-14 and ArAIEval files in persuasion-techniques-23."""
        if self._guessed is not None:
            return self._guessed
        default = get_format(self.report.format).default_labelset or DEFAULT_LABELSET
        labels = {span.label for span in record.spans}
        if not labels:
            return default
        names = [default, DEFAULT_LABELSET] + [i.name for i in self.store.labelsets()]
        candidates = []
        for name in dict.fromkeys(names):
            try:
                candidates.append(self.store.labelset(name))
            except StoreError:
                continue
        exact = [ls for ls in candidates if labels <= set(ls.keys)]
        aliased = [ls for ls in candidates if all(ls.resolve(lb) for lb in labels)]
        chosen: LabelSet | None = next(iter(exact or aliased), None)
        self._guessed = chosen.name if chosen is not None else default
        if chosen is not None and chosen.name != default:
            self.problems.warning(
                Notice(
                    self.path.name,
                    0,
                    None,
                    f"labels read as label set {chosen.name!r} (the one "
                    "whose keys they are; --labelset to choose another)",
                )
            )
        return self._guessed

    def labelset_for(self, record: InRecord) -> LabelSet:
        if self.options.labelset:
            name, version = self.options.labelset, None
        elif record.labelset:
            name, version = record.labelset, record.labelset_version
        else:
            name = self._guess_labelset(record)
            version = None
        try:
            return self.store.labelset(name, version)  # parsed once, cached by the store
        except StoreError:
            if version is None:
                raise
            # An older version named by the file: the current one still has the labels
            # if they kept their keys (aliases map renamed ones).
            return self.store.labelset(name)

    def _resolve(self, labelset: LabelSet, label: str) -> str | None:
        cache_key = (labelset.name, labelset.version, label)
        if cache_key not in self._resolved:
            self._resolved[cache_key] = labelset.resolve(label)
        return self._resolved[cache_key]

    def ready_spans(self, record: InRecord) -> list[_ReadySpan] | None:
        """Validated spans of a record; None when the whole record must be refused."""
        for message in record.warnings:
            self.problems.warning(
                Notice(record.source_file, record.line, record.external_id, message)
            )
        if not record.spans:
            return []
        try:
            labelset = self.labelset_for(record)
        except StoreError as exc:
            self.refuse_record(record, str(exc))
            return None
        ready: list[_ReadySpan] = []
        for span in record.spans:
            if span.text and "\r" in span.text:
                # the document text had its line ends normalised; so must the span's copy
                span.text = span.text.replace("\r\n", "\n").replace("\r", "\n")
        placements = self.placements(record)
        self.check_units(record)
        for index, span in enumerate(record.spans):
            self.report.spans_read += 1
            key = self._resolve(labelset, span.label)
            if key is None:
                self.refuse_span(
                    record,
                    span,
                    f"unknown label (not in label set {labelset.name!r}; "
                    "choose another with --labelset)",
                )
                continue
            problem = (
                _attribute_problem(labelset, key, span.attributes) if span.attributes else None
            )
            if problem is not None:
                self.refuse_span(record, span, problem)
                continue
            placed = self.place(record, span, placements[index] if placements else None)
            if placed is None:
                continue
            annotator = (
                span.annotator or record.annotator or self.options.annotator or DEFAULT_ANNOTATOR
            )
            ready.append(
                _ReadySpan(
                    annotator,
                    labelset,
                    key,
                    placed[0],
                    placed[1],
                    dict(span.attributes or {}),
                    span.note or "",
                )
            )
        return ready
