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

# A validated span: (annotator, label key, start, end, attributes, note). A plain tuple:
# an import makes one per span, 100,000s of them, and reads each once.
_ReadySpan = tuple[str, str, int, int, dict[str, Any], str]


@dataclass(slots=True)
class _ReadySpans:
    """A record's validated spans and the label set their keys belong to (None when
    the record has no spans)."""

    labelset: LabelSet | None
    spans: list[_ReadySpan]


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

    def _resolver(self, labelset: LabelSet) -> dict[str, str | None]:
        """label as written → key in ``labelset`` (None: unknown), filled as labels come."""
        cache_key = (labelset.name, labelset.version)
        resolved = self._resolved.get(cache_key)
        if resolved is None:
            resolved = self._resolved[cache_key] = {}
        return resolved

    def ready_spans(self, record: InRecord) -> _ReadySpans | None:
        """Validated spans of a record; None when the whole record must be refused."""
        for message in record.warnings:
            self.problems.warning(
                Notice(record.source_file, record.line, record.external_id, message)
            )
        spans = record.spans
        if not spans:
            return _ReadySpans(None, [])
        try:
            labelset = self.labelset_for(record)
        except StoreError as exc:
            self.refuse_record(record, str(exc))
            return None
        for span in spans:
            if span.text and "\r" in span.text:
                # the document text had its line ends normalised; so must the span's copy
                span.text = span.text.replace("\r\n", "\n").replace("\r", "\n")
        text = record.text
        size = len(text)
        # Nearly every span of a file written by a tool carries its own text, equal to
        # text[start:end]: then there is nothing to realign, no unit to guess and each
        # span is exact (what placements, check_units and place would find one by one).
        all_exact = True
        for span in spans:
            own, start, end = span.text, span.start, span.end
            if not (own and 0 <= start < end <= size and text[start:end] == own):
                all_exact = False
                break
        placements = None if all_exact else self.placements(record)
        if not all_exact:
            self.check_units(record)
        self.report.spans_read += len(spans)
        resolved = self._resolver(labelset)
        fallback = record.annotator or self.options.annotator or DEFAULT_ANNOTATOR
        ready: list[_ReadySpan] = []
        exact = 0
        for index, span in enumerate(spans):
            label = span.label
            if label in resolved:
                key = resolved[label]
            else:
                key = resolved[label] = labelset.resolve(label)
            if key is None:
                self.refuse_span(
                    record,
                    span,
                    f"unknown label (not in label set {labelset.name!r}; "
                    "choose another with --labelset)",
                )
                continue
            attributes = span.attributes
            if attributes:
                problem = _attribute_problem(labelset, key, attributes)
                if problem is not None:
                    self.refuse_span(record, span, problem)
                    continue
                attributes = dict(attributes)
            else:
                attributes = {}
            if all_exact:
                exact += 1
                start, end = span.start, span.end
            else:
                placed = self.place(record, span, placements[index] if placements else None)
                if placed is None:
                    continue
                start, end = placed
            ready.append((span.annotator or fallback, key, start, end, attributes, span.note or ""))
        self.report.spans_exact += exact
        return _ReadySpans(labelset, ready)
