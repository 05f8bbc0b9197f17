"""The team layer's refusals: user-facing messages, under the core's one error root."""

from __future__ import annotations

from annotator.errors import AnnotatorError


class TeamError(AnnotatorError):
    """A team operation (assign, agreement, adjudicate, merge, server set-up) was refused."""
