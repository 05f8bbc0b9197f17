"""What a rebuilt main window keeps from the one it replaces (the interface language switch).

Switching the language builds a new window, so every string, menu and the layout direction
change at once. The reader must notice nothing else: the same article with the same first
visible character, the same selection (or selected span), and the docks at the same sizes,
mirrored to the other side when the direction changes, so the article keeps its width and
every line wraps where it did. A window settles after it is shown (the window system
resizes it, docks take their sizes): the place is held through those first resizes, until
the reader touches the article or a moment has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

_Area = Qt.DockWidgetArea
_MIRRORED = {
    _Area.LeftDockWidgetArea: _Area.RightDockWidgetArea,
    _Area.RightDockWidgetArea: _Area.LeftDockWidgetArea,
}
_SIDES = (_Area.LeftDockWidgetArea, _Area.RightDockWidgetArea)
HOLD_MS = 1500


@dataclass(frozen=True, slots=True)
class ReadingPlace:
    """Where the reader is: document, first visible character, what is selected."""

    document_id: int | None
    first_visible: int
    selection: tuple[int, int] | None
    selected_span: int | None

    @classmethod
    def of(cls, window: Any) -> ReadingPlace:
        view = window.view
        return cls(
            window.session.document_id,
            view.first_visible_offset(),
            view.selection_range(),
            view.selected_span_id(),
        )

    def apply(self, window: Any) -> bool:
        """Show this place in ``window`` (False when another document is open there)."""
        if self.document_id is None or window.session.document_id != self.document_id:
            return False
        view = window.view
        if self.selection is not None:
            if view.selection_range() != self.selection:
                view.select_range(*self.selection)
        elif self.selected_span is not None and view.selected_span_id() != self.selected_span:
            view.set_selected_span(self.selected_span, scroll=False)
        view.show_from(self.first_visible)
        return True


class _PlaceHolder(QObject):
    """Re-shows a place whenever the new article view is resized, until the reader acts
    (a key, a click, the wheel) or ``HOLD_MS`` have passed."""

    _RESIZE = (QEvent.Type.Resize, QEvent.Type.Show)
    _USER = (
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
    )

    def __init__(self, window: Any, place: ReadingPlace):
        super().__init__(window)
        self.window = window
        self.place = place
        self._watched = (window.view, window.view.viewport())
        for widget in self._watched:
            widget.installEventFilter(self)
        QTimer.singleShot(0, self._reapply)
        QTimer.singleShot(HOLD_MS, self.release)

    def _reapply(self) -> None:
        if self.window is not None:
            self.place.apply(self.window)

    def release(self) -> None:
        if self.window is None:
            return
        for widget in self._watched:
            widget.removeEventFilter(self)
        self.window = None
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in self._USER:
            self.release()
        elif kind in self._RESIZE:
            # after the view has taken its new size (and laid the text out again)
            QTimer.singleShot(0, self._reapply)
        return False


def keep_reading_place(window: Any, place: ReadingPlace) -> None:
    """Show ``place`` in the new ``window`` now and while it settles."""
    place.apply(window)
    _PlaceHolder(window, place)


@dataclass(frozen=True, slots=True)
class _Dock:
    name: str
    area: Qt.DockWidgetArea
    floating: bool
    open: bool  # its View menu entry is checked (it may sit behind another tab)
    shown: bool
    x: int
    y: int
    width: int
    height: int
    tabbed_with: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DockLayout:
    """Where every named dock of a window is, taken before anything changes (switching the
    language changes the direction of every widget, the old window's too)."""

    rtl: bool
    docks: tuple[_Dock, ...]

    @classmethod
    def of(cls, window: QMainWindow) -> DockLayout:
        docks = []
        for d in window.findChildren(QDockWidget):
            if not d.objectName():
                continue
            docks.append(
                _Dock(
                    d.objectName(),
                    window.dockWidgetArea(d),
                    d.isFloating(),
                    d.toggleViewAction().isChecked(),
                    d.isVisible(),
                    d.x(),
                    d.y(),
                    d.width(),
                    d.height(),
                    tuple(t.objectName() for t in window.tabifiedDockWidgets(d)),
                )
            )
        rtl = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        return cls(rtl, tuple(docks))

    def apply(self, window: QMainWindow) -> None:
        """Give each dock of ``window`` the place, tab group, visibility and size of the
        dock of the same name here, on the other side when the direction differs (Qt does
        not mirror dock areas), so the article between them keeps its width."""
        flip = self.rtl != (window.layoutDirection() == Qt.LayoutDirection.RightToLeft)
        found = {d.objectName(): d for d in window.findChildren(QDockWidget) if d.objectName()}
        known = [(d, found[d.name]) for d in self.docks if d.name in found]
        docked = [(d, w) for d, w in known if not d.floating]
        # Re-adding a dock puts it last in its area: add them in the old top-to-bottom order.
        docked.sort(key=lambda p: (p[0].area.value, p[0].y, p[0].x))
        for d, w in docked:
            w.setFloating(False)
            window.addDockWidget(_MIRRORED.get(d.area, d.area) if flip else d.area, w)
        for d, w in docked:
            for name in d.tabbed_with:
                partner = found.get(name)
                if partner is not None and partner not in window.tabifiedDockWidgets(w):
                    window.tabifyDockWidget(w, partner)
        for d, w in known:
            if d.floating:
                w.setFloating(True)
                w.setGeometry(d.x, d.y, d.width, d.height)
            w.setVisible(d.open)
        sides = [(d, w) for d, w in docked if d.shown and d.area in _SIDES]
        if sides:
            window.resizeDocks(
                [w for _d, w in sides], [d.width for d, _w in sides], Qt.Orientation.Horizontal
            )
        stacked = [(d, w) for d, w in sides if not d.tabbed_with]
        if stacked:
            window.resizeDocks(
                [w for _d, w in stacked], [d.height for d, _w in stacked], Qt.Orientation.Vertical
            )
