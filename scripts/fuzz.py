"""Seeded fuzzing of every importer and of the label-set loader.

    python scripts/fuzz.py --seed 1 --imports 20000 --labelsets 2000 [--save DIR]

Each import input starts as a small valid file of one format (our JSONL, doccano,
Prodigy, Label Studio, ArAIEval, PTC, txt, CSV) and gets a few random mutations: byte
flips and cuts, invalid UTF-8, BOMs, CR-only line ends, NUL characters, JSON nested past
the recursion limit, numbers with thousands of digits, escaped emoji and lone surrogates,
wrong types, blank names, huge offsets, ids that walk out of a folder, file names that are
not UTF-8. The import runs with random options (skip-invalid, strict, UTF-16 offsets) into
a fresh SQLite database. Label sets start from the shipped ones and get YAML-level
mutations (aliases, anchors, tags, deep nesting, billion laughs, duplicate keys…).

Counted, per format:
- tracebacks: any exception other than the documented refusals (ImportFailed,
  ImportCancelled, FormatError for imports; LabelSetError for label sets);
- slow: runs over ``--slow`` seconds (default 5);
- partial: a refused import that changed the database (any row added or changed);
- bad spans: a committed import that stored a span whose text is not ``text[start:end]``
  of its document, or whose database then fails to export.

Exit status 1 when any of these is non-zero. ``--save DIR`` keeps every failing input.
The test suite runs a small seeded sample (tests/core/test_fuzz_sample.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from annotator.exporting import ExportError, ExportOptions, export_to  # noqa: E402
from annotator.formats.base import FormatError  # noqa: E402
from annotator.importing import (  # noqa: E402
    ImportCancelled,
    ImportFailed,
    ImportOptions,
    import_path,
)
from annotator.labelsets import LabelSetError, parse_labelset  # noqa: E402
from annotator.paths import shipped_labelsets_dir  # noqa: E402
from annotator.store import Store  # noqa: E402

TEXTS = [
    "قال ناشطون إن الميليشيات الطائفية قصفت المدينة",
    "سقط عشرات الشهداء والجرحى في قصف نظام الأسد 😀 على الريف",
    "The regime's forces shelled the town.\nA second line.",
    "نصٌّ مُشكَّل بالحركات ـــ وتطويل، وعلامات «تنصيص»",
]
LABELS = ["LOADED_TERM", "EUPHEMISM", "Loaded_Language", "Name_Calling-Labeling", "X", ""]
TABLES = ("document", "span", "document_label", "annotation_status", "suggestion")


class Timeout(Exception):
    pass


# ------------------------------------------------------------------ valid starting points
def _spans(rng: random.Random, text: str) -> list[tuple[int, int, str]]:
    out = []
    for _ in range(rng.randint(0, 3)):
        start = rng.randint(0, max(0, len(text) - 2))
        end = rng.randint(start + 1, len(text))
        out.append((start, end, rng.choice(LABELS[:4])))
    return out


def _doc(rng: random.Random, i: int) -> tuple[str, str, list[tuple[int, int, str]]]:
    text = rng.choice(TEXTS)
    return f"d{i}", text, _spans(rng, text)


def make_native(rng: random.Random, n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rid, text, spans = _doc(rng, i)
        rows.append(
            {
                "id": rid,
                "text": text,
                "title": f"t{i}",
                "annotator": "amal",
                "labelset": "media-bias-ar",
                "status": "done",
                "meta": {"k": i},
                "spans": [
                    {"start": s, "end": e, "label": lb, "text": text[s:e], "note": ""}
                    for s, e, lb in spans
                ],
                "doc_labels": ["SLANT=neutral"],
            }
        )
    return rows


def make_doccano(rng: random.Random, n: int) -> list[dict]:
    return [
        {"id": rid, "text": text, "label": [[s, e, lb] for s, e, lb in spans]}
        for rid, text, spans in (_doc(rng, i) for i in range(n))
    ]


def make_prodigy(rng: random.Random, n: int) -> list[dict]:
    return [
        {
            "text": text,
            "meta": {"id": rid},
            "_annotator_id": "amal",
            "answer": "accept",
            "spans": [{"start": s, "end": e, "label": lb} for s, e, lb in spans],
        }
        for rid, text, spans in (_doc(rng, i) for i in range(n))
    ]


def make_araieval(rng: random.Random, n: int) -> list[dict]:
    return [
        {
            "id": rid,
            "text": text,
            "type": "paragraph",
            "labels": [
                {"start": s, "end": e, "technique": "Loaded_Language", "text": text[s:e]}
                for s, e, _ in spans
            ],
        }
        for rid, text, spans in (_doc(rng, i) for i in range(n))
    ]


def make_labelstudio(rng: random.Random, n: int) -> list[dict]:
    tasks = []
    for i in range(n):
        rid, text, spans = _doc(rng, i)
        result = [
            {
                "id": f"r{j}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": s, "end": e, "text": text[s:e], "labels": [lb]},
            }
            for j, (s, e, lb) in enumerate(spans)
        ]
        tasks.append(
            {
                "id": i + 1,
                "data": {"text": text, "id": rid},
                "annotations": [{"completed_by": {"email": "amal@example.org"}, "result": result}],
            }
        )
    return tasks


def make_armpro(rng: random.Random, n: int) -> list[dict]:
    return [
        {
            "paragraph_id": rid,
            "paragraph": text,
            "page_domain": "example.org",
            "page_title": f"t{i}",
            "page_url": "https://example.org/a",
            "page_id": i,
            "labels": [
                {"technique": "Loaded_Language", "text": text[s:e], "start": s, "end": e}
                for s, e, _ in spans
            ],
        }
        for i, (rid, text, spans) in enumerate(_doc(rng, i) for i in range(n))
    ]


def make_semeval2021(rng: random.Random, n: int) -> list[dict]:
    return [
        {
            "id": rid,
            "text": text,
            "labels": [
                {"start": s, "end": e, "technique": "Loaded Language", "text_fragment": text[s:e]}
                for s, e, _ in spans
            ],
        }
        for rid, text, spans in (_doc(rng, i) for i in range(n))
    ]


# the "fields" format reads any layout through field options (--text-field body …)
FIELDS_OPTIONS = {"text": "body", "id": "key", "spans": "marks", "label": "tag"}


def make_fields(rng: random.Random, n: int) -> list[dict]:
    return [
        {
            "key": rid,
            "body": text,
            "marks": [{"start": s, "end": e, "tag": lb, "text": text[s:e]} for s, e, lb in spans],
        }
        for rid, text, spans in (_doc(rng, i) for i in range(n))
    ]


# ------------------------------------------------------------------ mutations
HOSTILE_JSON = [
    "[" * 3000 + "]" * 3000,
    "9" * 5000,
    "-" + "1" * 4400,
    '"\\ud83d\\ude00"',
    '"\\ud800"',
    '"\\u0000"',
    "1e999",
    "NaN",
    "true",
    "null",
    '""',
    '"   "',
    "{}",
    "[]",
    '{"a": ' * 700 + "1" + "}" * 700,
    '"' + "ا" * 2000 + '"',
    '"../../outside/secret"',
    "-1",
    "1.5",
    '["x", 1, null]',
]
FIELD_NAMES = [
    "id",
    "text",
    "title",
    "meta",
    "annotator",
    "labelset",
    "status",
    "spans",
    "label",
    "labels",
    "start",
    "end",
    "technique",
    "doc_labels",
    "data",
    "annotations",
    "result",
    "value",
    "choices",
    "_annotator_id",
    "answer",
    "attributes",
    "note",
    "type",
]


def mutate_value(rng: random.Random, value):
    """Replace a random nested value by a hostile one (structure-aware JSON mutation)."""
    if isinstance(value, dict) and value and rng.random() < 0.7:
        key = rng.choice(list(value))
        value[key] = mutate_value(rng, value[key])
        return value
    if isinstance(value, list) and value and rng.random() < 0.7:
        i = rng.randrange(len(value))
        value[i] = mutate_value(rng, value[i])
        return value
    return _Raw(rng.choice(HOSTILE_JSON))


class _Raw(str):
    """A JSON fragment to splice in verbatim (json.dumps cannot write these)."""


def dumps_raw(value) -> str:
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(k, ensure_ascii=False)}: {dumps_raw(v)}" for k, v in value.items()
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(dumps_raw(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(9)
        pos = rng.randint(0, len(b)) if b else 0
        if kind == 0 and b:  # flip a byte
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif kind == 1:  # invalid UTF-8
            b[pos:pos] = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf0\x9f"])
        elif kind == 2:  # cut
            del b[pos : pos + rng.randint(1, 40)]
        elif kind == 3:  # CR-only line ends
            b = bytearray(bytes(b).replace(b"\n", b"\r"))
        elif kind == 4:
            b[0:0] = b"\xef\xbb\xbf"
        elif kind == 5:
            b[pos:pos] = b"\x00"
        elif kind == 6:  # duplicate a line
            lines = bytes(b).split(b"\n")
            if lines:
                j = rng.randrange(len(lines))
                lines.insert(j, lines[j])
            b = bytearray(b"\n".join(lines))
        elif kind == 7:
            b[pos:pos] = rng.choice(HOSTILE_JSON).encode()
        else:
            b[pos:pos] = b"\r\n"
    return bytes(b)


def json_records(rng: random.Random, original: list[dict]) -> list:
    """The records with up to three of them mutated (each from its clean copy)."""
    rows: list = list(original)
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(rows))
        base = json.loads(json.dumps(original[i]))
        if rng.random() < 0.3:
            base[rng.choice(FIELD_NAMES)] = _Raw(rng.choice(HOSTILE_JSON))
        else:
            base = mutate_value(rng, base)
        rows[i] = base
    if rng.random() < 0.15 and len(rows) > 1 and all(isinstance(r, dict) for r in rows[:2]):
        rows[1] = {**rows[1], "id": rows[0].get("id"), "text": TEXTS[-1]}  # same id, new text
    return rows


# ------------------------------------------------------------------ inputs per format
@dataclass
class Case:
    fmt: str
    path: Path
    options: ImportOptions


def write_jsonl_case(
    rng: random.Random, folder: Path, fmt: str, make: Callable[[random.Random, int], list[dict]]
) -> Path:
    rows = json_records(rng, make(rng, rng.randint(1, 4)))
    data = "".join(dumps_raw(r) + "\n" for r in rows).encode("utf-8", "surrogatepass")
    if rng.random() < 0.4:
        data = mutate_bytes(rng, data)
    array = fmt in ARRAY_FORMATS
    path = folder / f"in.{'json' if array else 'jsonl'}"
    if array:
        data = ("[" + ", ".join(dumps_raw(r) for r in rows) + "]").encode("utf-8", "surrogatepass")
        if rng.random() < 0.4:
            data = mutate_bytes(rng, data)
    path.write_bytes(data)
    return path


def write_csv_case(rng: random.Random, folder: Path) -> Path:
    lines = ["id,title,text"] + [f'd{i},t{i},"{rng.choice(TEXTS)}"' for i in range(3)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    data = mutate_bytes(rng, data) if rng.random() < 0.7 else data
    path = folder / "in.csv"
    path.write_bytes(data)
    return path


def write_txt_case(rng: random.Random, folder: Path) -> Path:
    target = folder / "texts"
    target.mkdir()
    for i in range(rng.randint(1, 3)):
        data = f"عنوان {i}\n{rng.choice(TEXTS)}\n".encode()
        if rng.random() < 0.5:
            data = mutate_bytes(rng, data)
        name = f"doc{i}.txt".encode()
        if rng.random() < 0.1:
            name = b"\xff\xfe" + name
        with open(os.path.join(os.fsencode(target), name), "wb") as handle:
            handle.write(data)
    return target


def write_ptc_case(rng: random.Random, folder: Path) -> Path:
    target = folder / "ptc"
    target.mkdir()
    rows = []
    for i in range(rng.randint(1, 3)):
        text = rng.choice(TEXTS)
        (target / f"article{i}.txt").write_bytes(
            mutate_bytes(rng, text.encode()) if rng.random() < 0.2 else text.encode()
        )
        for s, e, _ in _spans(rng, text):
            rows.append(f"{i}\tLoaded_Language\t{s}\t{e}")
    if rng.random() < 0.3:
        rows.append(
            rng.choice(
                [
                    "/../../outside/secret\tLoaded_Language\t0\t3",
                    "1\tLoaded_Language\t" + "9" * 5000 + "\t3",
                    "²\tLoaded_Language\t0\t1",
                    "1\tLoaded_Language\t3",
                    "\t\t\t",
                    "1\tLoaded_Language\t-1\t2",
                ]
            )
        )
    data = ("\n".join(rows) + "\n").encode()
    if rng.random() < 0.4:
        data = mutate_bytes(rng, data)
    (target / "labels.tsv").write_bytes(data)
    return target


ARRAY_FORMATS = ("labelstudio", "semeval2021")
MAKERS = {
    "armpro": make_armpro,
    "semeval2021": make_semeval2021,
    "fields": make_fields,
    "jsonl": make_native,
    "doccano": make_doccano,
    "prodigy": make_prodigy,
    "araieval": make_araieval,
    "labelstudio": make_labelstudio,
}
FORMATS = [
    "jsonl",
    "doccano",
    "prodigy",
    "labelstudio",
    "araieval",
    "ptc",
    "txt",
    "csv",
    "armpro",
    "semeval2021",
    "fields",
]


def make_case(rng: random.Random, folder: Path, fmt: str) -> Case:
    if fmt in MAKERS:
        path = write_jsonl_case(rng, folder, fmt, MAKERS[fmt])
    elif fmt == "csv":
        path = write_csv_case(rng, folder)
    elif fmt == "txt":
        path = write_txt_case(rng, folder)
    else:
        path = write_ptc_case(rng, folder)
    options = ImportOptions(
        format=fmt if rng.random() < 0.8 else None,
        annotator=rng.choice([None, "amal", "  "]) if rng.random() < 0.5 else None,
        skip_invalid=rng.random() < 0.5,
        strict=rng.random() < 0.2,
        offsets="utf16" if rng.random() < 0.2 else "codepoints",
        update=rng.random() < 0.1,
    )
    if fmt == "fields":  # chosen by its options, never detected
        options.format = "fields"
        options.fields = dict(FIELDS_OPTIONS)
    return Case(fmt, path, options)


# ------------------------------------------------------------------ running
@dataclass
class Tally:
    runs: Counter = field(default_factory=Counter)
    committed: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    tracebacks: Counter = field(default_factory=Counter)
    slow: Counter = field(default_factory=Counter)
    partial: Counter = field(default_factory=Counter)
    bad_spans: Counter = field(default_factory=Counter)
    slowest: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    examples: list[str] = field(default_factory=list)

    def failures(self) -> int:
        return sum((self.tracebacks + self.slow + self.partial + self.bad_spans).values())


def _db_state(db: Path) -> dict[str, object]:
    """Row counts and a content digest of what an import may write."""
    conn = sqlite3.connect(db)
    try:
        state: dict[str, object] = {}
        for table in TABLES:
            try:
                rows = conn.execute(f"select * from {table} order by id").fetchall()  # noqa: S608
            except sqlite3.OperationalError:
                continue
            state[table] = hash(tuple(map(repr, rows)))
        return state
    finally:
        conn.close()


def _bad_stored_spans(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            'select d.text, s.start, s."end", s.text from span s '
            "join document d on d.id = s.document_id"
        ).fetchall()
    finally:
        conn.close()
    return sum(1 for text, start, end, stext in rows if text[start:end] != stext)


def _alarm(_signum, _frame):
    raise Timeout()


def run_imports(
    count: int,
    seed: int,
    tally: Tally,
    *,
    slow: float,
    save: Path | None,
    template: Path,
    work: Path,
    formats: list[str],
) -> None:
    rng = random.Random(seed)
    for n in range(count):
        fmt = formats[n % len(formats)] if n < len(formats) else rng.choice(formats)
        case_dir = work / f"case{n}"
        case_dir.mkdir()
        db = case_dir / "s.db"
        shutil.copyfile(template, db)
        case = make_case(rng, case_dir, fmt)
        before = _db_state(db)
        store = Store.open(str(db))
        tally.runs[fmt] += 1
        outcome = "?"
        started = time.monotonic()
        signal.alarm(60)
        try:
            report = import_path(store, case.path, case.options)
            outcome = "committed"
        except (ImportFailed, ImportCancelled, FormatError):
            outcome = "refused"
        except Timeout:
            outcome = "timeout"
        except Exception:  # noqa: BLE001 - what the fuzzer is looking for
            outcome = "traceback"
            tally.examples.append(f"[{fmt} #{n}] " + traceback.format_exc(limit=6))
        finally:
            signal.alarm(0)
            elapsed = time.monotonic() - started
        tally.slowest[fmt] = max(tally.slowest[fmt], elapsed)
        failed = outcome in ("traceback", "timeout") or elapsed > slow
        if outcome == "traceback":
            tally.tracebacks[fmt] += 1
        if outcome == "timeout" or elapsed > slow:
            tally.slow[fmt] += 1
        if outcome == "committed":
            tally.committed[fmt] += 1
            bad = _bad_stored_spans(db)
            try:
                if report.spans_added or report.documents_added:
                    export_to(store, case_dir / "out.jsonl", ExportOptions(format="jsonl"))
            except ExportError as exc:
                bad += 1
                tally.examples.append(f"[{fmt} #{n}] export refused: {exc}")
            except Exception:  # noqa: BLE001
                bad += 1
                tally.examples.append(f"[{fmt} #{n}] export: " + traceback.format_exc(limit=6))
            if bad:
                tally.bad_spans[fmt] += 1
                failed = True
        store.close()
        if outcome == "refused":
            tally.refused[fmt] += 1
            if _db_state(db) != before:
                tally.partial[fmt] += 1
                tally.examples.append(f"[{fmt} #{n}] refused import changed the database")
                failed = True
        if failed and save is not None:
            kept = save / f"import-{seed}-{n}-{fmt}"
            shutil.copytree(case_dir, kept, dirs_exist_ok=True)
            (kept / "options.txt").write_text(repr(case.options), encoding="utf-8")
        shutil.rmtree(case_dir, ignore_errors=True)


# ------------------------------------------------------------------ label sets
YAML_SNIPPETS = [
    "x: &r [*r]\n",
    "x: &s {a: *s}\n",
    "x: !!python/object:os.system [ls]\n",
    "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
    "deep: " + "[" * 2000 + "]" * 2000 + "\n",
    "<<: {a: 1}\n",
    "name: name\n",
    "labels: 5\n",
    "labels: []\n",
    "version: [1]\n",
    "\t- tab\n",
    "? [a, b]\n: c\n",
    'key: "\\ud800"\n',
    "n: 9" + "9" * 5000 + "\n",
    "x: &a 1\ny: *a\n",
    "x: !!binary AAAA\n",
    "x: 2001-13-45\n",
    "x: \x00\n",
    "x: '<img src=/etc/passwd>'\n",
]


def mutate_yaml(rng: random.Random, source: str) -> str:
    lines = source.split("\n")
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        i = rng.randrange(len(lines)) if lines else 0
        if kind == 0:
            lines.insert(i, rng.choice(YAML_SNIPPETS).rstrip("\n"))
        elif kind == 1 and lines:
            del lines[i]
        elif kind == 2 and lines:
            lines.insert(i, lines[i])  # duplicate keys
        elif kind == 3 and lines:
            line = lines[i]
            j = rng.randint(0, len(line))
            lines[i] = (
                line[:j]
                + rng.choice(
                    ["&x ", "*x", "!!str ", "{", "]", ": ", "'", "\t", "- ", "#", "\\ud800"]
                )
                + line[j:]
            )
        elif kind == 4 and lines:
            line = lines[i]
            lines[i] = line + " " + rng.choice(["*a", "&a", "[*b]", "!!int x"])
        elif kind == 5:
            lines.append(rng.choice(YAML_SNIPPETS).rstrip("\n"))
        else:
            lines = lines[: rng.randint(0, len(lines))]
    return "\n".join(lines)


def run_labelsets(count: int, seed: int, tally: Tally, *, slow: float, save: Path | None) -> None:
    rng = random.Random(seed + 1)
    sources = [
        p.read_text(encoding="utf-8") for p in sorted(shipped_labelsets_dir().glob("*.yaml"))
    ]
    for n in range(count):
        source = mutate_yaml(rng, rng.choice(sources))
        tally.runs["labelset"] += 1
        started = time.monotonic()
        outcome = "?"
        signal.alarm(60)
        try:
            parse_labelset(source, "fuzz.yaml")
            outcome = "ok"
        except LabelSetError:
            outcome = "refused"
        except Timeout:
            outcome = "timeout"
        except Exception:  # noqa: BLE001
            outcome = "traceback"
            tally.examples.append(f"[labelset #{n}] " + traceback.format_exc(limit=6))
        finally:
            signal.alarm(0)
            elapsed = time.monotonic() - started
        tally.slowest["labelset"] = max(tally.slowest["labelset"], elapsed)
        if outcome == "ok":
            tally.committed["labelset"] += 1
        elif outcome == "refused":
            tally.refused["labelset"] += 1
        elif outcome == "traceback":
            tally.tracebacks["labelset"] += 1
        if outcome == "timeout" or elapsed > slow:
            tally.slow["labelset"] += 1
        if save is not None and (outcome in ("traceback", "timeout") or elapsed > slow):
            (save / f"labelset-{seed}-{n}.yaml").write_text(
                source, encoding="utf-8", errors="surrogatepass"
            )


def fuzz(
    *,
    seed: int,
    imports: int,
    labelsets: int,
    slow: float = 5.0,
    save: Path | None = None,
    formats: list[str] | None = None,
) -> Tally:
    """Run the fuzzer; returns the tally (also used by the test suite's sample)."""
    tally = Tally()
    previous = signal.signal(signal.SIGALRM, _alarm)
    work = Path(tempfile.mkdtemp(prefix="annotator-fuzz-"))
    try:
        template = work / "template.db"
        Store.open(str(template)).close()  # migrate once, copy per case
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
        run_imports(
            imports,
            seed,
            tally,
            slow=slow,
            save=save,
            template=template,
            work=work,
            formats=formats or FORMATS,
        )
        run_labelsets(labelsets, seed, tally, slow=slow, save=save)
    finally:
        signal.signal(signal.SIGALRM, previous)
        shutil.rmtree(work, ignore_errors=True)
    return tally


def print_tally(tally: Tally, seconds: float) -> None:
    kinds = sorted(tally.runs, key=lambda k: (k == "labelset", k))
    print(
        f"{'input':<12}{'runs':>7}{'ok':>7}{'refused':>9}{'tracebk':>9}{'slow':>6}"
        f"{'partial':>9}{'badspan':>9}{'max s':>8}"
    )
    for kind in kinds:
        print(
            f"{kind:<12}{tally.runs[kind]:>7}{tally.committed[kind]:>7}"
            f"{tally.refused[kind]:>9}{tally.tracebacks[kind]:>9}{tally.slow[kind]:>6}"
            f"{tally.partial[kind]:>9}{tally.bad_spans[kind]:>9}"
            f"{tally.slowest[kind]:>8.2f}"
        )
    imports = sum(v for k, v in tally.runs.items() if k != "labelset")
    print(
        f"imports: {imports}, label sets: {tally.runs['labelset']}, "
        f"tracebacks: {sum(tally.tracebacks.values())}, over the time limit: "
        f"{sum(tally.slow.values())}, partial imports: {sum(tally.partial.values())}, "
        f"bad spans/exports: {sum(tally.bad_spans.values())} ({seconds:.0f} s)"
    )
    for example in tally.examples[:10]:
        print("----\n" + example.rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--imports", type=int, default=2000)
    parser.add_argument("--labelsets", type=int, default=500)
    parser.add_argument("--slow", type=float, default=5.0, help="seconds a run may take")
    parser.add_argument("--save", type=Path, default=None, help="keep failing inputs here")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help="comma-separated import formats to fuzz"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    tally = fuzz(
        seed=args.seed,
        imports=args.imports,
        labelsets=args.labelsets,
        slow=args.slow,
        save=args.save,
        formats=args.formats.split(","),
    )
    print_tally(tally, time.monotonic() - started)
    from annotator.formats import import_formats

    missing = sorted(set(import_formats()) - set(FORMATS))
    if missing:  # a format added since this script was written: give it a generator
        print(f"not fuzzed (no generator yet): {', '.join(missing)}")
    return 1 if tally.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
