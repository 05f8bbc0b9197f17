"""The seeded window the controller tests drive (same fixtures as the window tests)."""

from __future__ import annotations

from tests.ui.test_mainwindow import (  # noqa: F401 - pytest fixtures
    seeded,
    seeded_template,
    settings,
    window,
)
