"""The `dev` script's check for Qt's X11 libraries must not report present libraries as missing.

`ldconfig -p | grep -q` under `set -o pipefail` fails whenever grep exits on its first match
before ldconfig has finished writing (SIGPIPE), so `./dev run` sometimes reinstalled the libraries.
A fake `ldconfig` that prints every library first and then a long tail makes that race certain.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIBS = ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_present_libraries_are_never_reported_missing(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lines = "".join(f"\t{lib} (libc6,x86-64) => /usr/lib/{lib}\\n" for lib in LIBS)
    (bin_dir / "ldconfig").write_text(
        "#!/usr/bin/env bash\n"
        f"printf '{lines}'\n"
        'for i in $(seq 1 20000); do echo "\tlibfiller$i.so (libc6,x86-64) => /usr/lib/x"; done\n'
    )
    called = tmp_path / "apt-get-called"
    (bin_dir / "apt-get").write_text(f"#!/usr/bin/env bash\ntouch '{called}'\n")
    for tool in ("ldconfig", "apt-get"):
        (bin_dir / tool).chmod(0o755)
    script = (
        "set -euo pipefail\n"
        f"source <(sed -n '/^qt_system_libs()/,/^}}/p' '{REPO / 'dev'}')\n"
        "qt_system_libs\n"
        "echo CHECK-DONE\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    for _ in range(5):
        run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
        output = run.stdout + run.stderr
        assert "CHECK-DONE" in output, output
        assert "missing" not in output, output
        assert not called.exists(), "apt-get was run although every library is present"
