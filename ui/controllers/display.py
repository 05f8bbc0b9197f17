"""How the article is shown: zoom, exact selection, only my spans (each remembered)."""

from __future__ import annotations

from ui.controllers.base import Controller

DEFAULT_FONT_SIZE = 16.0


class DisplayController(Controller):
    def zoom(self, step: int) -> None:
        """+1 / -1 a step, 0 back to the default size."""
        if step == 0:
            self.view.set_font_point_size(DEFAULT_FONT_SIZE)
        else:
            self.view.zoom(step)
        self.window.settings.set_font_size(self.view.font_point_size())

    def set_exact_selection(self, on: bool) -> None:
        self.view.set_exact_selection(on)
        self.window.settings.set_exact_selection(on)

    def set_only_my_spans(self, on: bool) -> None:
        self.window.settings.set_only_my_spans(on)
        self.session.set_only_my_spans(on)
        action = self.window.only_mine_action
        if action.isChecked() != on:
            action.setChecked(on)
