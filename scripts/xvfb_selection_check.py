"""Check under a real X server that what the article view highlights is what gets stored.

Starts Xvfb on a free display, launches the desktop app on a temporary database (seeded with
the sample article), and drives it with xdotool like a user: drags that start 1-3 px either
side of the و|ا boundary of «والميليشيات» (found from the app's own text layout), a
double-click, the label key, undo. After every action the database is read (and the range the
view draws, which the app reports through a small hook) and one PASS/FAIL line is printed.
Screenshots go to the output folder (default: a temp folder; LOOK at them).

    python scripts/xvfb_selection_check.py [--out DIR] [--display N]

Needs Xvfb, xdotool and ImageMagick's ``import`` (Debian: xvfb xdotool imagemagick).
Exit code 0 when every check passed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _xvfb import REPO, app_on_xvfb, free_display, isolated_env, missing_tool, shot, xdo

ANNOTATOR = "huda"
PHRASE = "والميليشيات الطائفية"

# Runs inside the app's process: launches the real app (ui.app.run_app) and, once the window
# is up, writes the geometry of the phrase in screen coordinates, then every range the view
# draws as selected, to files the checker reads.
_HOOK = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import make_application, run_app
from ui.mainwindow import MainWindow

out = Path(sys.argv[1]); db = sys.argv[2]; phrase = sys.argv[3]
app = make_application()

def window():
    for w in app.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            return w
    return None

def report():
    win = window()
    if win is None:
        QTimer.singleShot(200, report)
        return
    win.move(0, 0)
    win.resize(1300, 850)
    app.processEvents()
    view = win.view
    text = view.article_text()
    start = text.index(phrase, text.index(phrase) + 1)
    end = start + len(phrase)
    view.scroll_to(start, center=True)
    app.processEvents()
    vp = view.viewport()
    (waw,) = view.range_rects(start, start + 1)
    (alef,) = view.range_rects(start + 1, start + 2)
    (last,) = view.range_rects(end - 1, end)
    (inside,) = view.range_rects(start + 4, start + 5)
    origin = vp.mapToGlobal(vp.rect().topLeft())
    def drawn(*_):
        (out / "drawn.json").write_text(json.dumps(view.drawn_selection_range()))
    view.selectionRangeChanged.connect(drawn)
    (out / "geometry.json").write_text(json.dumps({
        "document": win.session.document_id, "start": start, "end": end,
        "word_end": start + len("والميليشيات"),
        "boundary_x": origin.x() + waw.left(), "y": origin.y() + waw.center().y(),
        "waw_width": waw.width(), "alef_width": alef.width(),
        "end_x": origin.x() + last.left() + 1.0,
        "inside_x": origin.x() + inside.center().x(),
    }))

QTimer.singleShot(300, report)
sys.exit(run_app(db, "huda"))
"""


def wait_for(path: Path, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"the app did not write {path.name} within {seconds:.0f} s")
        time.sleep(0.2)


class Checker:
    def __init__(self, db: Path, out: Path, env: dict[str, str]) -> None:
        sys.path.insert(0, str(REPO))
        from annotator.store import Store

        self.store_class = Store
        self.db, self.out, self.env = db, out, env
        self.failures = 0
        self.geometry = json.loads((out / "geometry.json").read_text())

    def stored(self) -> set[tuple[int, int]]:
        store = self.store_class.open(str(self.db))
        try:
            spans = store.spans(self.geometry["document"], ANNOTATOR)
            return {(s.start, s.end) for s in spans}
        finally:
            store.close()

    def drawn(self) -> tuple[int, int] | None:
        path = self.out / "drawn.json"
        value = json.loads(path.read_text()) if path.exists() else None
        return tuple(value) if value else None

    def report(self, name: str, ok: bool, detail: str) -> None:
        self.failures += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)

    def label_and_check(self, name: str, expected: tuple[int, int]) -> None:
        time.sleep(0.3)
        drawn = self.drawn()
        before = self.stored()
        xdo(self.env, "key", "1")
        time.sleep(0.6)
        new = self.stored() - before
        ok = drawn == expected and new == {expected}
        self.report(name, ok, f"drawn {drawn}, stored {sorted(new)}, expected {expected}")
        xdo(self.env, "key", "ctrl+z")
        time.sleep(0.5)
        self.report(f"{name} / undo", self.stored() == before, f"{len(self.stored())} spans")

    def drag(self, x0: float, y: float, x1: float) -> None:
        xdo(self.env, "mousemove", str(round(x0)), str(round(y)))
        xdo(self.env, "mousedown", "1")
        for k in range(1, 6):
            x = x0 + (x1 - x0) * k / 5
            xdo(self.env, "mousemove", str(round(x)), str(round(y)))
            time.sleep(0.05)
        xdo(self.env, "mouseup", "1")

    def run(self) -> None:
        g = self.geometry
        without = (g["start"] + 1, g["end"])
        for d in (1, 2, 3):
            for side, width, glyph in ((+1, g["waw_width"], "و"), (-1, g["alef_width"], "ا")):
                name = f"drag from {side * d:+d} px of the و|ا boundary (inside {glyph})"
                if d >= width / 2:
                    print(f"SKIP  {name}: the {glyph} is {width:.1f} px wide, nearer its far edge")
                    continue
                self.drag(g["boundary_x"] + side * d, g["y"], g["end_x"])
                if d == 1 and side == 1:
                    shot(self.env, self.out / "drag-selection.png")
                self.label_and_check(name, without)
        xdo(self.env, "mousemove", str(round(g["inside_x"])), str(round(g["y"])))
        xdo(self.env, "click", "--repeat", "2", "--delay", "80", "1")
        self.label_and_check("double-click on «والميليشيات»", (g["start"] + 1, g["word_end"]))
        # Leave one labelled span on screen for the screenshot.
        self.drag(g["boundary_x"] + 1, g["y"], g["end_x"])
        time.sleep(0.3)
        xdo(self.env, "key", "1")
        time.sleep(0.6)
        shot(self.env, self.out / "labelled.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="folder for screenshots (default: temp)")
    parser.add_argument("--display", type=int, default=83, help="first display number to try")
    args = parser.parse_args()
    tool = missing_tool()
    if tool is not None:
        print(f"missing {tool}: apt-get install xvfb xdotool imagemagick", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="xvfb-selection-"))
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("geometry.json", "drawn.json"):
        (out / stale).unlink(missing_ok=True)
    display = free_display(args.display)
    env = isolated_env(display, work)
    db = work / "study.db"
    with app_on_xvfb(display, env, _HOOK, [str(out), str(db), PHRASE]):
        wait_for(out / "geometry.json")
        time.sleep(1.0)
        print(f"display :{display}, database {db}", flush=True)
        checker = Checker(db, out, env)
        checker.run()
        print(f"{'ALL PASSED' if checker.failures == 0 else f'{checker.failures} FAILED'}")
        return 0 if checker.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
