"""What the Xvfb scripts share: a free display, an environment that keeps the user's
settings out, Xvfb and the app started and always stopped, xdotool and screenshots.

The scripts drive the real app with real X events (``xvfb_selection_check.py``,
``xvfb_annotator_session.py``); they are run as ``python scripts/NAME.py``, so this module
is found beside them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = ("Xvfb", "xdotool", "import")


def missing_tool() -> str | None:
    """The first tool this machine lacks, or None."""
    return next((tool for tool in TOOLS if shutil.which(tool) is None), None)


def free_display(first: int) -> int:
    for n in range(first, first + 100):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise SystemExit("no free X display number")


def isolated_env(display: int, work: Path) -> dict[str, str]:
    """The app on ``display`` with settings, data and cache under ``work`` (never the
    user's), on the real X server rather than Qt's offscreen platform."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(
        DISPLAY=f":{display}",
        PYTHONPATH=str(REPO),
        XDG_CONFIG_HOME=str(work / "config"),
        XDG_DATA_HOME=str(work / "data"),
        XDG_CACHE_HOME=str(work / "cache"),
    )
    return env


@contextmanager
def app_on_xvfb(
    display: int, env: dict[str, str], hook: str, args: Sequence[str]
) -> Iterator[None]:
    """Xvfb on ``display``, then ``python -c hook *args`` (the app with its test hook);
    both are stopped on the way out, whatever happened."""
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    app = None
    try:
        time.sleep(1.0)
        app = subprocess.Popen([sys.executable, "-c", hook, *args], env=env, cwd=str(REPO))
        yield
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
        xvfb.terminate()
        xvfb.wait(10)


def xdo(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, check=True)


def shot(env: dict[str, str], path: Path) -> None:
    subprocess.run(["import", "-window", "root", str(path)], env=env, check=True)
    print(f"      screenshot: {path}", flush=True)
