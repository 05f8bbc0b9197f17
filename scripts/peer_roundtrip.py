"""Round trips against live doccano and Label Studio servers (not run in CI).

Drives the real tools through their HTTP APIs on 127.0.0.1: creates a project, imports
a document, labels words, exports with the tool's own exporter, imports that export
with ``annotator import`` and checks that every span lands on the words that were
labelled; then exports with ``annotator export`` and imports that file back into the
tool through its own importer. With ``--fixtures DIR`` it also saves the tool's own
export files there (how tests/fixtures/peers/ was made).

    python scripts/peer_roundtrip.py --doccano http://127.0.0.1:8077 \\
        --doccano-user admin --doccano-password … \\
        --labelstudio http://127.0.0.1:8088 --labelstudio-token … [--fixtures DIR]

A server that is not given is skipped. Exit status 1 when a round trip lost a span.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The text the issue tried in doccano's web UI: emoji before the spans, a shadda, a ZWJ
# family and a flag (offsets differ in code points, UTF-16 units and graphemes).
TEXT = "عاجل 🔥🔥 قصفت الميليشيات الطائفية حيّ الشهداء 👨\u200d👩\u200d👧 في مدينة حلب 🇸🇾 اليوم"
WORDS = [("الميليشيات الطائفية", "Loaded_Language"), ("مدينة حلب", "Doubt")]
LABELSET = "persuasion-techniques-23"


class Http:
    """Just enough HTTP for two JSON APIs (stdlib only)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        if not base.startswith(("http://127.", "http://localhost")):
            raise SystemExit(f"{base}: only servers on this machine (127.0.0.1) are driven")
        self.base = base.rstrip("/")
        self.headers = dict(headers or {})

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        content_type: str = "application/json",
    ) -> Any:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        for key, value in self.headers.items():
            request.add_header(key, value)
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                payload = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{method} {path}: {exc.code} {exc.read()[:500]!r}") from None
        if "json" in kind:
            return json.loads(payload or b"null")
        return payload

    def upload(
        self, path: str, field: str, name: str, content: bytes, extra: dict[str, str] | None = None
    ) -> Any:
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in (extra or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.call(
            "POST",
            path,
            raw=b"".join(parts),
            content_type=f"multipart/form-data; boundary={boundary}",
        )


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def import_and_check(path: Path, fmt: str, extra: list[str]) -> list[str]:
    """Import with our CLI into a fresh database; the problems found (empty: all good)."""
    from annotator.cli import main
    from annotator.store import Store

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "check.db")
        code = main(
            ["import", str(path), "--db", db, "--format", fmt, "--labelset", LABELSET, *extra]
        )
        if code != 0:
            return [f"annotator import of {path.name} exited {code}"]
        store = Store.open(db)
        try:
            doc = store.document_by_external_id("d1")
            if doc is None:
                return [f"{path.name}: document d1 not found (its id was not kept)"]
            got = sorted((s.text, s.label) for s in store.spans(doc.id))
        finally:
            store.close()
    want = sorted(WORDS)
    if got != want:
        problems.append(f"{path.name}: spans {got} instead of {want}")
    return problems


# ------------------------------------------------------------------ doccano
def doccano_round_trip(
    base: str, user: str, password: str, fixtures: Path | None, grapheme_mode: bool
) -> list[str]:
    http = Http(base)
    key = http.call("POST", "/v1/auth/login/", {"username": user, "password": password})["key"]
    http.headers["Authorization"] = f"Token {key}"
    name = f"peers-{'graphemes' if grapheme_mode else 'utf16'}-{int(time.time())}"
    project = http.call(
        "POST",
        "/v1/projects",
        {
            "name": name,
            "description": "annotator round trip",
            "guideline": "",
            "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject",
            "allow_overlapping": True,
            "grapheme_mode": grapheme_mode,
            "use_relation": False,
        },
    )
    pid = project["id"]
    labels = {}
    for i, (_word, label) in enumerate(WORDS):
        made = http.call(
            "POST",
            f"/v1/projects/{pid}/span-types",
            {
                "text": label,
                "background_color": "#20c997",
                "text_color": "#ffffff",
                "prefix_key": None,
                "suffix_key": "abcdefghij"[i],
            },
        )
        labels[label] = made["id"]
    example = http.call(
        "POST", f"/v1/projects/{pid}/examples", {"text": TEXT, "meta": {"id": "d1"}}
    )
    import regex

    clusters = [m.start() for m in regex.finditer(r"\X", TEXT)] + [len(TEXT)]
    for word, label in WORDS:
        start = TEXT.index(word)
        if grapheme_mode:  # what doccano's UI stores with "count grapheme clusters"
            s, e = clusters.index(start), clusters.index(start + len(word))
        else:  # what its UI stores: JavaScript string (UTF-16) indices
            s, e = utf16(TEXT, start), utf16(TEXT, start + len(word))
        http.call(
            "POST",
            f"/v1/projects/{pid}/examples/{example['id']}/spans",
            {"label": labels[label], "start_offset": s, "end_offset": e},
        )
    exported = doccano_export(http, pid)
    unit = "graphemes" if grapheme_mode else "utf16"
    out_dir = fixtures or Path(tempfile.mkdtemp())
    target = out_dir / f"doccano-1.8.4-{unit}.jsonl"
    target.write_bytes(exported)
    problems = import_and_check(target, "doccano", ["--offsets", unit])
    # and back: our export, imported by doccano's own importer, exported again
    problems += doccano_reimport(http, target, unit, out_dir)
    return problems


def doccano_export(http: Http, pid: int) -> bytes:
    task = http.call(
        "POST", f"/v1/projects/{pid}/download", {"format": "JSONL", "exportApproved": False}
    )["task_id"]
    for _ in range(120):
        got = http.call("GET", f"/v1/projects/{pid}/download?taskId={task}")
        if isinstance(got, bytes):
            with zipfile.ZipFile(io.BytesIO(got)) as archive:
                names = [n for n in archive.namelist() if n.endswith(".jsonl")]
                return b"".join(archive.read(n) for n in names if n != "all.jsonl") or archive.read(
                    names[0]
                )
        time.sleep(1)
    raise RuntimeError("doccano export did not finish in 2 minutes")


def doccano_reimport(http: Http, peer_file: Path, unit: str, out_dir: Path) -> list[str]:
    from annotator.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ours.db")
        main(
            [
                "import",
                str(peer_file),
                "--db",
                db,
                "--format",
                "doccano",
                "--offsets",
                unit,
                "--labelset",
                LABELSET,
                "--annotator",
                "amal",
            ]
        )
        ours = Path(tmp) / "ours-doccano.jsonl"
        if (
            main(["export", "--db", db, "--format", "doccano", "--offsets", unit, "-o", str(ours)])
            != 0
        ):
            return ["annotator export --format doccano failed"]
        content = ours.read_bytes()
    project = http.call(
        "POST",
        "/v1/projects",
        {
            "name": f"peers-back-{unit}-{int(time.time())}",
            "description": "our export",
            "guideline": "",
            "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject",
            "allow_overlapping": True,
            "grapheme_mode": unit == "graphemes",
            "use_relation": False,
        },
    )
    pid = project["id"]
    upload = http.upload("/v1/fp/process/", "filepond", "ours.jsonl", content)
    upload_id = upload.decode() if isinstance(upload, bytes) else str(upload)
    task = http.call(
        "POST",
        f"/v1/projects/{pid}/upload",
        {
            "format": "JSONL",
            "task": "SequenceLabeling",
            "uploadIds": [upload_id],
            "column_data": "text",
            "column_label": "label",
            "delimiter": ",",
            "encoding": "utf_8",
        },
    )["task_id"]
    for _ in range(120):
        status = http.call("GET", f"/v1/tasks/status/{task}")
        if status.get("ready"):
            break
        time.sleep(1)
    if status.get("error"):
        return [f"doccano refused our export: {status['error']}"]
    again = doccano_export(http, pid)
    back = out_dir / f"doccano-1.8.4-{unit}-reimported.jsonl"
    back.write_bytes(again)
    return import_and_check(back, "doccano", ["--offsets", unit])


# ------------------------------------------------------------------ Label Studio
LS_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="Loaded_Language"/><Label value="Doubt"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>"""


def labelstudio_round_trip(base: str, token: str, fixtures: Path | None) -> list[str]:
    http = Http(base, {"Authorization": f"Token {token}"})
    me = http.call("GET", "/api/current-user/whoami")
    project = http.call(
        "POST", "/api/projects", {"title": f"peers-{int(time.time())}", "label_config": LS_CONFIG}
    )
    pid = project["id"]
    # the task as our Label Studio export writes it: data.document_id survives JSON-MIN,
    # whose "id" is Label Studio's task id
    http.call(
        "POST", f"/api/projects/{pid}/import", [{"text": TEXT, "id": "d1", "document_id": "d1"}]
    )
    tasks = http.call("GET", f"/api/projects/{pid}/tasks")
    task = tasks[0] if isinstance(tasks, list) else tasks["tasks"][0]
    result = []
    for i, (word, label) in enumerate(WORDS):
        start = TEXT.index(word)  # regions drawn in its UI are stored in code points
        result.append(
            {
                "id": f"r{i}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {
                    "start": start,
                    "end": start + len(word),
                    "text": word,
                    "labels": [label],
                },
            }
        )
    http.call("POST", f"/api/tasks/{task['id']}/annotations", {"result": result})
    out_dir = fixtures or Path(tempfile.mkdtemp())
    problems = []
    users = f"amal={me['email']}={me['id']}"
    for kind in ("JSON", "JSON_MIN"):
        data = http.call("GET", f"/api/projects/{pid}/export?exportType={kind}")
        target = out_dir / f"labelstudio-1.23.2-{kind.lower().replace('_', '-')}.json"
        target.write_bytes(
            data
            if isinstance(data, bytes)
            else json.dumps(data, ensure_ascii=False, indent=1).encode()
        )
        problems += import_and_check(target, "labelstudio", ["--ls-annotator-map", users])
    # and back: our export (no completed_by) imported by Label Studio's own importer
    from annotator.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ours.db")
        main(
            [
                "import",
                str(out_dir / "labelstudio-1.23.2-json.json"),
                "--db",
                db,
                "--format",
                "labelstudio",
                "--labelset",
                LABELSET,
                "--ls-annotator-map",
                users,
            ]
        )
        ours = Path(tmp) / "ours.json"
        main(["export", "--db", db, "--format", "labelstudio", "-o", str(ours)])
        content = json.loads(ours.read_text(encoding="utf-8"))
    back = http.call(
        "POST",
        "/api/projects",
        {"title": f"peers-back-{int(time.time())}", "label_config": LS_CONFIG},
    )
    try:
        http.call("POST", f"/api/projects/{back['id']}/import", content)
    except RuntimeError as exc:
        return [*problems, f"Label Studio refused our export: {exc}"]
    data = http.call("GET", f"/api/projects/{back['id']}/export?exportType=JSON")
    again = out_dir / "labelstudio-1.23.2-json-reimported.json"
    again.write_bytes(
        data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False, indent=1).encode()
    )
    problems += import_and_check(again, "labelstudio", ["--ls-annotator-map", users])
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--doccano", help="doccano base URL (http://127.0.0.1:PORT)")
    parser.add_argument("--doccano-user", default="admin")
    parser.add_argument("--doccano-password", default="")
    parser.add_argument("--labelstudio", help="Label Studio base URL")
    parser.add_argument("--labelstudio-token", default="")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=None,
        help="save the tools' own export files in this folder",
    )
    args = parser.parse_args(argv)
    if args.fixtures:
        args.fixtures.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    ran = 0
    if args.doccano:
        for grapheme_mode in (False, True):
            found = doccano_round_trip(
                args.doccano, args.doccano_user, args.doccano_password, args.fixtures, grapheme_mode
            )
            mode = "graphemes" if grapheme_mode else "utf16"
            print(f"doccano ({mode}): {'ok' if not found else 'FAILED'}")
            problems += found
            ran += 1
    if args.labelstudio:
        found = labelstudio_round_trip(args.labelstudio, args.labelstudio_token, args.fixtures)
        print(f"Label Studio: {'ok' if not found else 'FAILED'}")
        problems += found
        ran += 1
    for problem in problems:
        print(f"  {problem}")
    if not ran:
        print("no server given (--doccano / --labelstudio): nothing to do")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
