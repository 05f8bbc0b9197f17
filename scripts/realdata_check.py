"""Import real public data sets through the CLI and check every span (not run in CI).

    python scripts/realdata_check.py DATA_DIR [--labelsets DIR] [--keep DIR]

DATA_DIR holds one folder per data set, named as below (what is absent is skipped):

    araieval24/          ArAIEval 2024 task 1 JSONL (*.jsonl)
    armpro/              ArMPro JSONL (*.jsonl)
    semeval2021_task6/   SemEval-2021 task 6 / WANLP-2022 JSON arrays (*.txt, *.json)
    ptc2020/             SemEval-2020 task 11 as downloaded (train-articles/, labels folders)
    fignews2024/         FIGNEWS 2024 TSV (*.tsv; columns Text and ID)
    prodigy*/            Prodigy db-out JSONL (*.jsonl); labels from --labelsets
    doccano*/, labelstudio*/   exports of those tools (detected)

Each input is imported with ``python -m annotator import`` into a scratch database, then
read back and compared with the file as parsed here, independently of the importers:
records in the file, documents stored, spans, and per span whether it landed exactly
where the data says (``exact``), was moved onto the data's own span text (``realigned``:
the data's offsets disagree with its text), kept its offsets against a stale text the
data's tokens contradict (``kept``), was refused with a reason (``refused``), or is
``wrong`` (lost, or on other characters). Every stored span is also checked for
``text[start:end] == span text``. Where the format can be written, the data is exported
back and compared span by span (``export diff``). Exit status 1 when a span is wrong, an
import crashed, or an export differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.store import Store  # noqa: E402

# (start, end, text or None); labels are compared only through the export, because
# label sets map older technique names onto current ones by alias
Span = tuple[int, int, "str | None"]


@dataclass
class Expected:
    """One data set input as parsed here: document texts with their spans."""

    records: int = 0
    docs: dict[str, list[Span]] = field(default_factory=dict)

    def add(self, text: str, spans: list[Span]) -> None:
        self.records += 1
        self.docs.setdefault(text, []).extend(spans)


def _json_values(path: Path) -> Iterator[dict]:
    raw = path.read_text(encoding="utf-8-sig")
    if raw.lstrip().startswith("["):
        yield from json.loads(raw)
        return
    for line in raw.splitlines():
        if line.strip():
            yield json.loads(line)


def json_layout(text_key: str, spans_key: str, span_text_key: str | None) -> Callable:
    def read(path: Path) -> Expected:
        got = Expected()
        for obj in _json_values(path):
            spans = [
                (s["start"], s["end"], s.get(span_text_key) if span_text_key else None)
                for s in obj.get(spans_key) or []
                if isinstance(s, dict)
            ]
            got.add(obj[text_key].replace("\r\n", "\n"), spans)
        return got

    return read


def prodigy(path: Path) -> Expected:
    got = Expected()
    for obj in _json_values(path):
        if obj.get("answer") in ("reject", "ignore"):
            got.add(obj["text"], [])
            continue
        got.add(obj["text"], [(s["start"], s["end"], s.get("text")) for s in obj["spans"]])
    return got


def fignews(path: Path) -> Expected:
    got = Expected()
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            got.add(row["Text"].replace("\r\n", "\n"), [])
    return got


def ptc(root: Path) -> Expected:
    got = Expected()
    articles = {p.stem[len("article") :]: p for p in root.rglob("article*.txt")}
    rows: dict[str, list[Span]] = {}
    for labels in root.rglob("*.labels"):
        for line in labels.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) == 4:  # technique files; span-only (3 columns) are not imported
                rows.setdefault(cells[0], []).append((int(cells[2]), int(cells[3]), None))
    for article_id, file in sorted(articles.items()):
        raw = file.read_text(encoding="utf-8")
        if raw.startswith("\ufeff") or "\r" in raw:
            got.records += 1  # offsets count the BOM/CR: compared by the export only
            continue
        spans = [(s, e, raw[s:e]) for s, e, _ in rows.get(article_id, [])]
        got.add(raw, spans)
    return got


@dataclass
class Layout:
    folder: str  # a folder name, or a prefix ending in "*"
    pattern: str  # glob of inputs inside it; "" = the folder itself
    read: Callable[[Path], Expected]
    options: tuple[str, ...] = ()
    export: str | None = None


LAYOUTS = [
    Layout("araieval24", "*.jsonl", json_layout("text", "labels", "text"), export="araieval"),
    Layout("armpro", "*.jsonl", json_layout("paragraph", "labels", "text"), export="jsonl"),
    Layout("semeval2021_task6", "*.txt", json_layout("text", "labels", "text_fragment")),
    Layout("ptc2020", "", ptc, export="ptc"),
    Layout("fignews2024", "*.tsv", fignews, ("--text-column", "Text", "--id-column", "ID")),
    Layout("prodigy*", "*.jsonl", prodigy, export="prodigy"),
]


@dataclass
class Result:
    name: str
    records: int = 0
    documents: int = 0
    spans: int = 0
    counts: Counter = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def run_cli(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def stored(db: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    """Document text -> its spans (start, end, text, label), as the database holds them."""
    store = Store.open(str(db))
    try:
        out: dict[str, list[tuple[int, int, str, str]]] = {}
        for row in store.document_rows(0, 1_000_000):
            doc = store.document(row.id)
            spans = out.setdefault(doc.text, [])
            for span in store.spans(doc.id):
                spans.append((span.start, span.end, span.text, span.label))
        return out
    finally:
        store.close()


def compare(result: Result, expected: Expected, got: dict, refused_places: int) -> None:
    result.records += expected.records
    result.documents += len(got)
    for text, spans in got.items():
        result.spans += len(spans)
        for start, end, span_text, label in spans:
            if text[start:end] != span_text:
                result.counts["wrong"] += 1
                result.problems.append(f"stored {label} {start}-{end} is not its text")
    for text, want in expected.docs.items():
        have = got.get(text)
        if have is None:
            result.problems.append(f"document not stored: {text[:40]!r}")
            explained = min(len(want), refused_places)
            refused_places -= explained
            result.counts["refused"] += explained
            result.counts["wrong"] += len(want) - explained
            continue
        pool = Counter((s, e) for s, e, _, _ in have)
        texts = Counter(t for _, _, t, _ in have)
        for start, end, own in want:
            if pool[(start, end)] and (own is None or text[start:end] == own):
                result.counts["exact"] += 1
                pool[(start, end)] -= 1
            elif own is not None and text[start:end] != own and texts[own]:
                result.counts["realigned"] += 1
                texts[own] -= 1
            elif own is not None and text[start:end] != own and pool[(start, end)]:
                result.counts["kept"] += 1
                pool[(start, end)] -= 1
            elif refused_places:
                result.counts["refused"] += 1
                refused_places -= 1
            else:
                result.counts["wrong"] += 1
                result.problems.append(f"span {start}-{end} {own!r} not found")


def export_diff(fmt: str, db: Path, source: Path, work: Path, moved: set[tuple]) -> list[str]:
    """Differences between the original and our export of it, span by span; a span the
    import realigned (``moved``: old and new offsets, as reported) is no difference."""
    out = work / f"export-{fmt}"
    target = out if fmt == "ptc" else out.with_suffix(".jsonl")
    done = run_cli(["export", "--db", str(db), "--format", fmt, "-o", str(target)])
    if done.returncode != 0 or "Traceback" in done.stderr:
        return [f"export failed: {done.stderr.strip()[-300:]}"]
    if fmt == "ptc":
        original = Counter(_ptc_rows(source))
        exported = Counter(_ptc_rows(target))
    else:
        original = Counter(_json_spans(source))
        exported = Counter(_json_spans(target))
    only_data, only_export = original - exported, exported - original
    for row in list(only_data.elements()):
        for new in list(only_export.elements()):
            if (row[0], row[3]) == (new[0], new[3]) and (*row[1:3], *new[1:3]) in moved:
                only_data[row] -= 1
                only_export[new] -= 1
                break
    diff = [f"only in the data: {row}" for row in +only_data]
    diff += [f"only in the export: {row}" for row in +only_export]
    return diff[:10]


def _ptc_rows(root: Path) -> Iterator[tuple]:
    for labels in sorted(root.rglob("*.labels")) + sorted(root.rglob("*.tsv")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) == 4 and cells[2].isdigit() and cells[3].isdigit():
                yield (cells[0], int(cells[2]), int(cells[3]), cells[1])


def _json_spans(path: Path) -> Iterator[tuple]:
    for obj in _json_values(path):
        text = obj.get("text") or obj.get("paragraph") or ""
        for s in obj.get("labels") or obj.get("spans") or []:
            label = s.get("technique") or s.get("label")
            yield (text[:30], s["start"], s["end"], label)


def inputs(root: Path, layout: Layout) -> Iterator[tuple[str, Path]]:
    if layout.folder.endswith("*"):
        folders = sorted(p for p in root.glob(layout.folder) if p.is_dir())
    else:
        folders = [root / layout.folder] if (root / layout.folder).is_dir() else []
    for folder in folders:
        if not layout.pattern:
            yield folder.name, folder
        for file in sorted(folder.glob(layout.pattern)) if layout.pattern else []:
            yield folder.name, file


def check(name: str, path: Path, layout: Layout, labelsets: Path | None, work: Path) -> Result:
    result = Result(f"{name}/{path.name}" if path.is_file() else name)
    db = work / f"{result.name.replace('/', '_')}.db"
    report = work / f"{result.name.replace('/', '_')}.report.jsonl"
    options = list(layout.options)
    for yaml in sorted(labelsets.glob("*.yaml")) if labelsets else []:
        run_cli(["labelset", "add", "--db", str(db), str(yaml)])
        if name.startswith("prodigy"):
            options += ["--labelset", yaml.stem]
    done = run_cli(["import", "--db", str(db), str(path), "--report", str(report), *options])
    if "Traceback" in done.stderr:
        result.problems.append("import crashed:\n" + done.stderr[-2000:])
        result.counts["wrong"] += 1
        return result
    refused = 0
    moved: set[tuple] = set()
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if entry.get("kind") == "realigned":
                moved.add((*entry["old"], *entry["new"]))
            elif entry.get("kind") not in ("summary", "warning"):
                refused += 1
                result.refused.append(f"{entry.get('file')}:{entry.get('line')}: {entry}")
    if done.returncode != 0:
        result.problems.append(f"import exit {done.returncode}: {done.stderr.strip()[-500:]}")
    compare(result, layout.read(path), stored(db) if db.exists() else {}, refused)
    if layout.export and done.returncode == 0:
        for line in export_diff(layout.export, db, path, work, moved):
            result.problems.append(f"export diff: {line}")
            result.counts["export diff"] += 1
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder with one folder per data set")
    parser.add_argument("--labelsets", type=Path, help="YAML label sets to add (Prodigy)")
    parser.add_argument("--keep", type=Path, help="keep scratch databases and exports here")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="realdata-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for layout in LAYOUTS:
            found = list(inputs(args.data, layout))
            if not found:
                print(f"{layout.folder}: absent, skipped")
            for name, path in found:
                r = check(name, path, layout, args.labelsets, work)
                c = r.counts
                print(
                    f"{r.name}: records {r.records}, documents {r.documents}, spans {r.spans}; "
                    f"exact {c['exact']}, realigned {c['realigned']}, kept {c['kept']}, "
                    f"refused {c['refused']}, wrong {c['wrong']}, export diff {c['export diff']}"
                )
                for line in r.refused[:10]:
                    print(f"  refused: {line}")
                for line in r.problems[:10]:
                    print(f"  {line}")
                failed |= bool(c["wrong"] or c["export diff"] or r.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
