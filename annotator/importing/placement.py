"""Span placement: offsets to code points, realignment of spans whose text disagrees.

The realignment rules themselves live in annotator.realign; this is the glue that
counts what happened in the report and refuses what cannot be placed.
"""

from __future__ import annotations

from annotator.formats.base import InRecord, InSpan
from annotator.importing.state import _ImportState
from annotator.realign import Placement, boundary_warnings, place_spans, unit_evidence
from annotator.reports import Notice, Realignment
from annotator.text.units import span_to_codepoints, utf16_length


class _SpanPlacement(_ImportState):
    """Places a record's spans in its text (mixed into the importer)."""

    def placements(self, record: InRecord) -> list[Placement | None] | None:
        """Realign all spans of a record together (a shift seen on one span disambiguates
        another); None when no span carries text that disagrees with its offsets."""
        text = record.text
        if not any(
            sp.text and text[max(sp.start, 0) : max(sp.end, 0)] != sp.text for sp in record.spans
        ):
            return None
        if self.options.strict:
            return None
        return place_spans(text, [(sp.start, sp.end, sp.text or "") for sp in record.spans])

    def place(
        self, record: InRecord, span: InSpan, placement: Placement | None = None
    ) -> tuple[int, int] | None:
        """Code-point range of ``span`` in the record's text, realigning when it carries text."""
        text = record.text
        start, end = span.start, span.end
        if span.text is not None and span.text != "":
            exact = 0 <= start < end <= len(text) and text[start:end] == span.text
            if exact:
                self.report.spans_exact += 1
                return start, end
            if self.options.strict:
                actual = text[max(start, 0) : max(end, 0)]
                self.refuse_span(
                    record,
                    span,
                    f"text[{start}:{end}] is {actual!r}, not the "
                    f"span's text {span.text!r} (--strict: not realigned)",
                )
                return None
            if placement is None:
                self.refuse_span(
                    record, span, f"cannot place span text {span.text!r} in the document"
                )
                return None
            if placement.rule == "exact":
                self.report.spans_exact += 1
                return placement.start, placement.end
            realignment = Realignment(
                record.source_file,
                record.line,
                record.external_id,
                span.label,
                (start, end),
                (placement.start, placement.end),
                placement.rule,
            )
            self.report.realigned[placement.rule] = self.report.realigned.get(placement.rule, 0) + 1
            if len(self.report.realignments) < 10_000:
                self.report.realignments.append(realignment)
            if self.sink:
                self.sink(realignment.as_dict())
            return placement.start, placement.end
        unit = self.report.offsets
        if end <= start:
            self.refuse_span(record, span, "end ≤ start")
            return None
        if unit != "codepoints":
            try:
                start, end = span_to_codepoints(text, start, end, unit)
            except ValueError as exc:
                self.refuse_span(record, span, f"{unit} offsets: {exc}")
                return None
        if not (0 <= start < end <= len(text)):
            reason = (
                "end ≤ start" if end <= start else f"out of range (text has {len(text)} characters)"
            )
            if end > len(text) and unit == "codepoints" and end <= utf16_length(text):
                reason += (
                    "; the text has emoji or other characters outside the BMP and the "
                    "offsets fit its UTF-16 length: written by a UTF-16 tool? try "
                    "--offsets utf16"
                )
            self.refuse_span(record, span, reason)
            return None
        self.report.spans_unchecked += 1
        file, line = span.place or (record.source_file, record.line)
        for warning in boundary_warnings(text, start, end):
            self.problems.warning(
                Notice(file, line, record.external_id, warning, span.label, (start, end))
            )
        return start, end

    def check_units(self, record: InRecord) -> None:
        """Warn when the record's unchecked spans fit words and characters better read in
        another unit: evidence, not the mere presence of emoji."""
        given = [(sp.start, sp.end) for sp in record.spans if not sp.text]
        if not given:
            return
        message = unit_evidence(record.text, given, self.report.offsets)
        if message is not None:
            self.problems.warning(
                Notice(record.source_file, record.line, record.external_id, message)
            )
