#!/usr/bin/env python3
"""Check the main window under a real X server with real key events (xdotool).

    Xvfb :82 -screen 0 1400x900x24 &
    DISPLAY=:82 python scripts/check_window_x11.py --out /tmp/x11-check

Offscreen tests cannot see window-system shortcuts, so this drives the app as a user
would and prints PASS/FAIL per check (exit status 1 on any failure):

- Ctrl+Q quits (a shortcut registered twice is "ambiguous" on X11 and does nothing);
- Ctrl+Enter marks the article done and opens the next one not done;
- the Arabic interface's View menu is opened and captured (shortcuts must read "Ctrl++",
  not "++Ctrl": look at the PNG), as is the header ("1 / N" beside the title).

Everything runs on a temporary database and temporary settings.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's annotator, the one the app runs

APP = """
import sys
from ui.app import run_app
sys.exit(run_app(sys.argv[1], "huda"))
"""


def xdotool(*args: str) -> str:
    return subprocess.run(
        ["xdotool", *args], capture_output=True, text=True, check=False
    ).stdout.strip()


def wait_window(app: subprocess.Popen, timeout: float = 20.0) -> str | None:
    """The app's main window (found by process id: the title is translated)."""
    end = time.time() + timeout
    while time.time() < end:
        found = xdotool("search", "--onlyvisible", "--pid", str(app.pid))
        if found:
            time.sleep(2.0)  # let the first article open and the window settle
            return found.splitlines()[-1]
        time.sleep(0.3)
    return None


def prepare(work: Path, lang: str) -> tuple[str, dict[str, str]]:
    env = dict(
        os.environ,
        XDG_CONFIG_HOME=str(work / f"config-{lang}"),
        XDG_DATA_HOME=str(work / "data"),
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="xcb",
    )
    db = str(work / "study.db")
    setup = (
        "from ui.settings import Settings\n"
        f"s = Settings(); s.set_language({lang!r}); s.set_annotator_name('huda'); s.sync()\n"
        "from annotator.store import Store\n"
        "from annotator.seed import ensure_seeded\n"
        f"st = Store.open({db!r}); ensure_seeded(st); st.close()\n"
    )
    subprocess.run([sys.executable, "-c", setup], env=env, check=True, cwd=ROOT)
    return db, env


def launch(db: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", APP, db],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def check_quit(work: Path, results: list[tuple[str, bool]]) -> None:
    db, env = prepare(work, "en")
    app = launch(db, env)
    window = wait_window(app)
    if window is None:
        results.append(("window appears", False))
        app.kill()
        return
    xdotool("windowfocus", "--sync", window)
    time.sleep(2.0)
    xdotool("key", "ctrl+q")
    try:
        app.wait(timeout=15)
        output = app.stdout.read() if app.stdout else ""
        results.append(("Ctrl+Q quits", "Ambiguous" not in output))
    except subprocess.TimeoutExpired:
        app.kill()
        output = app.stdout.read() if app.stdout else ""
        results.append(("Ctrl+Q quits", False))
    if "Ambiguous" in output or app.returncode not in (0, None):
        print(output[-2000:])


def check_done_next(work: Path, results: list[tuple[str, bool]]) -> None:
    from annotator.store import Store

    db, env = prepare(work, "en")
    store = Store.open(db)
    docs = [r.id for r in store.document_rows(0, 10)]
    store.close()
    app = launch(db, env)
    window = wait_window(app)
    if window is None or not docs:
        results.append(("Ctrl+Enter: done and next", False))
        app.kill()
        return
    xdotool("windowfocus", "--sync", window)
    time.sleep(2.0)
    xdotool("key", "ctrl+Return")
    time.sleep(2.0)
    xdotool("windowfocus", "--sync", window)
    xdotool("key", "ctrl+q")
    try:
        app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.kill()
    store = Store.open(db)
    done = store.status(docs[0], "huda") == "done"
    store.close()
    results.append(("Ctrl+Enter: done and next", done))


def capture_arabic(work: Path, out: Path, results: list[tuple[str, bool]]) -> None:
    db, env = prepare(work, "ar")
    app = launch(db, env)
    window = wait_window(app)
    if window is None:
        results.append(("Arabic window appears", False))
        app.kill()
        return
    xdotool("windowfocus", "--sync", window)
    time.sleep(1.5)
    subprocess.run(["import", "-window", "root", str(out / "arabic-window.png")], check=False)
    geometry = xdotool("getwindowgeometry", window)
    x = y = 0
    width = 1200
    for line in geometry.splitlines():
        if "Position" in line:
            x, y = (int(v) for v in line.split()[1].split(","))
        if "Geometry" in line:
            width = int(line.split()[1].split("x")[0])
    # RTL: the first menu (File) is at the right end of the menu bar; View is the fourth.
    xdotool("mousemove", str(x + width - 25), str(y + 12), "click", "1")
    time.sleep(0.5)
    for _ in range(3):
        xdotool("key", "Left")
        time.sleep(0.3)
    time.sleep(0.5)
    subprocess.run(["import", "-window", "root", str(out / "arabic-view-menu.png")], check=False)
    xdotool("key", "Escape")
    xdotool("key", "Escape")
    xdotool("key", "ctrl+q")
    try:
        app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.kill()
    results.append(("Arabic screenshots written", (out / "arabic-view-menu.png").exists()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="folder for the screenshots")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY to an X server (e.g. Xvfb :82)")
        return 2
    out = Path(args.out or tempfile.mkdtemp(prefix="x11-check-"))
    out.mkdir(parents=True, exist_ok=True)
    results: list[tuple[str, bool]] = []
    for check in (check_quit, check_done_next):
        with tempfile.TemporaryDirectory() as tmp:
            check(Path(tmp), results)
    with tempfile.TemporaryDirectory() as tmp:
        capture_arabic(Path(tmp), out, results)
    for name, ok in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    print(f"screenshots in {out}")
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
