"""An annotator's keyboard session under a real X server: every step checked on the database
and on what the window reports.

Starts Xvfb, launches the real desktop app (``ui.app.run_app``) on a temporary database
(the sample article plus an article whose paragraphs mix Arabic and Latin script) and drives
it with xdotool only (keys, and clicks on menus where a user would click):

- Find (Ctrl+F): type a term, Enter → the keyboard is in the article with the hit selected,
  the label key stores exactly the hit; F3 goes to the next hit and the key labels it;
  Escape clears the selection, a second Escape closes the bar;
- corpus search (Ctrl+Shift+F): type, Enter searches, Down goes to the results, Enter opens
  the hit in its document with the hit selected; the label key stores it;
- the span editor (Enter on a span) filled and closed with the keyboard, then a window
  shortcut (Ctrl+F) must work again; label help (F1) closed with Escape;
- the interface language switched from the View menu and back: the first visible character
  and the selection must be unchanged, the navigator on the leading side.

A small hook inside the app process writes what the window reports (focus, selection, first
visible character, open menus and where their entries are) to a JSON file several times a
second; the database is read directly. One PASS/FAIL line per check, screenshots in the
output folder (LOOK at them).

    python scripts/xvfb_annotator_session.py [--out DIR] [--display N]

Needs Xvfb, xdotool and ImageMagick's ``import``. Exit code 0 when every check passed.
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
MIXED = (
    "تقدم الثوار في ريف حلب الجنوبي وقطعوا طريق خناصر.\n"
    "Aleppo update: الثوار advance south of the city, cutting the Khanaser road (2016).\n"
    "وقال مدير المكتب الإعلامي إن قوات النظام تراجعت.\n"
    "Reuters reported 42 strikes on Sunday; لم يتسن التحقق من الأرقام."
)

# Runs inside the app's process: the real app, plus a timer that writes what the window
# reports to a state file the checker reads.
_HOOK = r"""
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu
from ui.app import make_application, run_app
from ui.mainwindow import MainWindow

state_path = Path(sys.argv[1]); db = sys.argv[2]
app = make_application()

def window():
    for w in app.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible() and w.relaunch is not None:
            return w
    return None

def menus():
    found = []
    for menu in app.topLevelWidgets():
        if isinstance(menu, QMenu) and menu.isVisible():
            items = []
            for action in menu.actions():
                r = menu.actionGeometry(action)
                if action.isSeparator() or r.isEmpty():
                    continue
                c = menu.mapToGlobal(r.center())
                items.append({"text": action.text().replace("&", "").split("\t")[0],
                              "x": c.x(), "y": c.y()})
            found.append(items)
    return found

def write():
    win = window()
    data = {"ready": False}
    if win is not None:
        view = win.view
        bar = win.search.bar
        focus = QApplication.focusWidget()
        active = QApplication.activeWindow()
        mb = win.menuBar()
        titles = {}
        for action in mb.actions():
            r = mb.actionGeometry(action)
            c = mb.mapToGlobal(r.center())
            titles[action.text().replace("&", "")] = [c.x(), c.y()]
        vp = view.viewport()
        origin = vp.mapToGlobal(vp.rect().topLeft())
        data = {
            "ready": True, "lang": win.lang, "window": int(win.winId()),
            "document": win.session.document_id,
            "first_visible": view.first_visible_offset(),
            "selection": view.selection_range(),
            "selected_span": view.selected_span_id(),
            "focus": type(focus).__name__ if focus is not None else None,
            "focus_is_view": focus is view,
            "active": type(active).__name__ if active is not None else None,
            "find_bar": bool(bar is not None and bar.isVisible()),
            "find_hits": bar.hits() if bar is not None else [],
            "find_query": bar.query() if bar is not None else "",
            "find_current": bar.current_hit() if bar is not None else None,
            "corpus_hits": [[h.document_id, h.start, h.end] for h in
                            (win.last_corpus_search.hits() if getattr(win, "last_corpus_search", None) else [])],
            "menu_titles": titles, "menus": menus(),
            "view_origin": [origin.x(), origin.y()], "view_size": [vp.width(), vp.height()],
            "navigator_x": win.navigator_dock.mapToGlobal(win.navigator_dock.rect().center()).x(),
            "view_x": origin.x(),
        }
    tmp = state_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, state_path)

timer = QTimer()
timer.timeout.connect(write)
timer.start(100)
sys.exit(run_app(db, "huda"))
"""


def make_database(db: Path) -> int:
    """The sample article plus the mixed-script one; returns the mixed article's id."""
    sys.path.insert(0, str(REPO))
    from sqlalchemy import insert

    from annotator.models import Document, utcnow
    from annotator.seed import ensure_seeded
    from annotator.store import Store
    from annotator.textio import sha256_text

    store = Store.open(str(db))
    try:
        ensure_seeded(store)
        row = dict(
            corpus="mixed",
            external_id="mixed-1",
            title="Mixed",
            text=MIXED,
            sha256=sha256_text(MIXED),
            source="check",
            meta={},
            imported_at=utcnow(),
        )
        with store.engine.begin() as conn:
            return int(conn.execute(insert(Document.__table__), [row]).inserted_primary_key[0])
    finally:
        store.close()


class Session:
    def __init__(self, env: dict[str, str], state: Path, db: Path, out: Path) -> None:
        from annotator.store import Store

        self.env, self.state_path, self.db, self.out = env, state, db, out
        self.store_class = Store
        self.failures = 0

    # ------------------------------------------------------------------ plumbing
    def xdo(self, *args: str) -> None:
        xdo(self.env, *args)

    def key(self, *keys: str, pause: float = 0.35) -> None:
        for k in keys:
            self.xdo("key", k)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "60", text)
        time.sleep(0.4)

    def click(self, x: float, y: float, repeat: int = 1) -> None:
        self.xdo("mousemove", str(round(x)), str(round(y)))
        self.xdo("click", "--repeat", str(repeat), "--delay", "80", "1")
        time.sleep(0.4)

    def state(self) -> dict:
        for _ in range(20):
            try:
                return json.loads(self.state_path.read_text())
            except (OSError, ValueError):
                time.sleep(0.1)
        return {"ready": False}

    def wait(self, predicate, seconds: float = 8.0) -> dict:
        deadline = time.monotonic() + seconds
        st = self.state()
        while time.monotonic() < deadline:
            st = self.state()
            if st.get("ready") and predicate(st):
                return st
            time.sleep(0.15)
        return st

    def stored(self, document: int) -> dict[tuple[int, int], str]:
        store = self.store_class.open(str(self.db))
        try:
            return {(s.start, s.end): s.label for s in store.spans(document, ANNOTATOR)}
        finally:
            store.close()

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.failures += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}", flush=True)
        return ok

    def shot(self, name: str) -> None:
        shot(self.env, self.out / f"{name}.png")

    def focus_window(self) -> None:
        """Xvfb has no window manager to activate the window: give it the X focus."""
        st = self.wait(lambda s: True)
        self.xdo("windowfocus", str(st["window"]))
        time.sleep(0.4)

    def menu_item(self, menu_title: str, *path: str) -> None:
        """Click a menu title, then the entries of ``path`` (submenus open on hover)."""
        st = self.wait(lambda s: menu_title in s["menu_titles"])
        x, y = st["menu_titles"][menu_title]
        self.click(x, y)
        for text in path:
            st = self.wait(lambda s, t=text: any(i["text"] == t for m in s["menus"] for i in m))
            items = [i for m in st["menus"] for i in m if i["text"] == text]
            if not items:
                raise SystemExit(f"no menu entry {text!r} under {menu_title!r}")
            self.click(items[0]["x"], items[0]["y"])

    # ------------------------------------------------------------------ the session
    def find_and_label(self, mixed_id: int) -> None:
        self.focus_window()
        self.key("ctrl+f")
        st = self.wait(lambda s: s["find_bar"])
        self.check("Ctrl+F opens the find bar", st["find_bar"], f"focus {st['focus']}")
        self.type("Khanaser")
        st = self.wait(lambda s: bool(s["find_current"]))
        hit = tuple(st["find_current"] or ())
        self.key("Return")
        st = self.wait(lambda s: s["focus_is_view"])
        self.check(
            "Enter hands the hit to the article",
            st["focus_is_view"] and tuple(st["selection"] or ()) == hit,
            f"focus {st['focus']}, selection {st['selection']}, hit {hit}",
        )
        before = self.stored(mixed_id)
        self.key("1")
        new = set(self.stored(mixed_id)) - set(before)
        self.check("the label key stores exactly the hit", new == {hit}, f"new spans {new}")
        self.shot("find-labelled")
        self.key("Escape", "Escape")
        st = self.wait(lambda s: not s["find_bar"])
        self.check(
            "Escape twice closes the find bar, the article keeps the keyboard",
            not st["find_bar"] and st["focus_is_view"],
            f"bar {st['find_bar']}, focus {st['focus']}",
        )

    def find_next(self, doc: int) -> None:
        self.key("ctrl+f")
        self.wait(lambda s: s["find_bar"])
        for _attempt in range(3):  # xdotool types non-Latin text through a keymap swap
            self.key("ctrl+a")
            self.type("الثوار")
            st = self.wait(lambda s: s["find_query"] == "الثوار", seconds=3)
            if st["find_query"] == "الثوار":
                break
        self.check("the Arabic query is typed", st["find_query"] == "الثوار", st["find_query"])
        st = self.wait(lambda s: len(s["find_hits"]) >= 2)
        hits = [tuple(h) for h in st["find_hits"]]
        self.key("Return", "F3")
        st = self.wait(lambda s: s["focus_is_view"])
        current = tuple(st["find_current"] or ())
        ok = current in hits and hits.index(current) == 1 % len(hits)
        ok = ok and tuple(st["selection"] or ()) == current
        self.check("F3 in the article selects the next hit", ok, f"{st['selection']} of {hits}")
        before = self.stored(doc)
        self.key("2")
        new = set(self.stored(doc)) - set(before)
        self.check("the key labels the F3 hit", new == {current}, f"new spans {new}")
        self.key("Escape", "Escape")

    def corpus_search(self) -> None:
        self.key("ctrl+shift+f")
        st = self.wait(lambda s: s["focus"] == "QLineEdit")
        self.check("corpus search opens with the keyboard in its field", st["focus"] == "QLineEdit")
        self.type("Khanaser")
        self.key("Return")
        st = self.wait(lambda s: bool(s["corpus_hits"]))
        self.key("Down")
        st = self.wait(lambda s: s["focus"] == "QTableWidget")
        self.check("Down goes from the field to the results", st["focus"] == "QTableWidget")
        doc, start, end = st["corpus_hits"][0]
        self.key("Return")
        st = self.wait(lambda s: s["focus_is_view"] and s["document"] == doc)
        self.check(
            "Enter opens the hit, selected, with the keyboard in the article",
            st["focus_is_view"] and tuple(st["selection"] or ()) == (start, end),
            f"document {st['document']}, selection {st['selection']}, focus {st['focus']}",
        )
        self.key("3")
        self.check(
            "the label key relabels the opened hit",
            self.stored(doc).get((start, end)) == "DELEGITIMISING_LABEL",
            f"{self.stored(doc)}",
        )

    def dialogs(self, doc: int) -> None:
        st = self.state()
        if st["selected_span"] is None:
            self.check("a span is selected after labelling", False)
            return
        self.key("Return")  # the span editor
        st = self.wait(lambda s: s["active"] == "SpanEditorDialog")
        self.check("Enter on a span opens the editor", st["active"] == "SpanEditorDialog")
        self.shot("span-editor")
        self.type("FSA")
        self.key("Escape")
        st = self.wait(lambda s: s["focus_is_view"] and s["active"] == "MainWindow")
        self.check(
            "Escape closes the editor and the window is active again",
            st["focus_is_view"] and st["active"] == "MainWindow",
            f"active {st['active']}, focus {st['focus']}",
        )
        self.key("ctrl+f")
        st = self.wait(lambda s: s["find_bar"])
        self.check("a window shortcut works after the dialog", st["find_bar"])
        self.key("Escape")
        self.key("F1")
        st = self.wait(lambda s: s["active"] == "LabelHelpDialog")
        self.check("F1 opens label help with the keyboard in it", st["active"] == "LabelHelpDialog")
        self.shot("label-help")
        self.key("Escape")
        st = self.wait(lambda s: s["active"] == "MainWindow" and s["focus_is_view"])
        self.check(
            "Escape closes label help, the article has the keyboard",
            st["active"] == "MainWindow" and st["focus_is_view"],
            f"active {st['active']}, focus {st['focus']}",
        )

    def language_switch(self, mixed_id: int) -> None:
        self.key("ctrl+Page_Up")  # the long sample article
        self.wait(lambda s: s["document"] != mixed_id)
        for _ in range(3):
            self.key("Page_Down", pause=0.3)
        st = self.wait(lambda s: s["first_visible"] > 0)
        if not self.check("Page Down scrolls the article", st["first_visible"] > 0):
            return
        ox, oy = st["view_origin"]
        w, h = st["view_size"]
        before = st
        for fraction in (0.3, 0.4, 0.5, 0.6):  # a word mid-screen (not a blank line)
            self.click(ox + w * 0.7, oy + h * fraction, repeat=2)
            before = self.wait(lambda s: s["selection"] is not None, seconds=2)
            if before["selection"] is not None:
                break
        if not self.check("a double-click selects a word", before["selection"] is not None):
            return
        place = (before["first_visible"], before["selection"])
        self.shot("before-language-switch")
        self.menu_item("View", "Language", "العربية")
        st = self.wait(
            lambda s: s["lang"] == "ar" and (s["first_visible"], s["selection"]) == place
        )
        self.shot("arabic")
        self.check(
            "switching to Arabic keeps the first visible character and the selection",
            st["lang"] == "ar" and (st["first_visible"], st["selection"]) == place,
            f"before {place}, after {(st['first_visible'], st['selection'])}",
        )
        self.check(
            "the navigator moves to the leading (right) side",
            st["navigator_x"] > st["view_x"],
            f"navigator x {st['navigator_x']}, article x {st['view_x']}",
        )
        self.menu_item("عرض", "اللغة", "English")
        st = self.wait(
            lambda s: s["lang"] == "en" and (s["first_visible"], s["selection"]) == place
        )
        self.check(
            "and back to English, still the same place",
            st["lang"] == "en" and (st["first_visible"], st["selection"]) == place,
            f"before {place}, after {(st['first_visible'], st['selection'])}",
        )
        self.shot("english-again")

    def run(self, mixed_id: int) -> None:
        self.wait(lambda s: s["document"] is not None, seconds=30)
        st = self.state()
        if st.get("document") != mixed_id:
            self.focus_window()
            self.key("ctrl+Page_Down")
        self.find_and_label(mixed_id)
        self.find_next(mixed_id)
        self.corpus_search()
        self.dialogs(mixed_id)
        self.language_switch(mixed_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="folder for screenshots (default: temp)")
    parser.add_argument("--display", type=int, default=83, help="first display number to try")
    args = parser.parse_args()
    tool = missing_tool()
    if tool is not None:
        print(f"missing {tool}: apt-get install xvfb xdotool imagemagick", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="xvfb-session-"))
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)
    display = free_display(args.display)
    env = isolated_env(display, work)
    db = work / "study.db"
    mixed_id = make_database(db)
    state = work / "state.json"
    with app_on_xvfb(display, env, _HOOK, [str(state), str(db)]):
        print(f"display :{display}, database {db}", flush=True)
        session = Session(env, state, db, out)
        session.run(mixed_id)
        print(f"{'ALL PASSED' if session.failures == 0 else f'{session.failures} FAILED'}")
        return 0 if session.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
