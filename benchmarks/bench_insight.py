"""Insight timings: ``stats --by source`` and the HTML report, small and large corpora.

    python benchmarks/bench_insight.py                   # both sizes below
    python benchmarks/bench_insight.py --only small
    python benchmarks/bench_insight.py --demo-db demo.db # just build the small corpus (docs)

* small: ~700 Arabic paragraphs from ~180 outlets with ~1,500 spans → report ≤ 2 s
* large: 100,000 documents / 1,000,000 spans → ``stats --by source`` ≤ 5 s, report ≤ 15 s

The corpus is synthetic but shaped like the real question: outlets lean one way or another
and name the same actors accordingly (الثوار / الإرهابيين / مقاتلي المعارضة…), three
annotators label most namings over several days and miss some. Rows are written straight
through sqlite3 (the import pipeline has its own benchmark), with ``word_count`` filled as
the column default would. Timings are wall clock of the same calls the CLI makes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.insight.counts import by_source  # noqa: E402
from annotator.insight.html import render_report  # noqa: E402
from annotator.insight.report import gather  # noqa: E402
from annotator.insight.words import count_words  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.textio import sha256_text  # noqa: E402

NAMED_OUTLETS = [
    "الجزيرة",
    "العربية",
    "سانا",
    "الميادين",
    "عنب بلدي",
    "تلفزيون سوريا",
    "الوطن",
    "روسيا اليوم",
    "بي بي سي عربي",
    "فرانس 24",
    "الشرق الأوسط",
    "القدس العربي",
    "المدن",
    "العربي الجديد",
    "زمان الوصل",
    "سبوتنيك",
    "المنار",
    "الأخبار",
]
LEANINGS = {
    "opposition": {
        "fighters": ["الثوار", "الجيش الحر", "المجاهدين"],
        "government": ["قوات الأسد", "جيش النظام", "الشبيحة"],
        "dead": ["شهداء"],
        "gain": ["تحرير"],
    },
    "government": {
        "fighters": ["الإرهابيين", "المسلحين", "العصابات المسلحة", "التكفيريين"],
        "government": ["الجيش العربي السوري", "الجيش"],
        "dead": ["قتلى"],
        "gain": ["تطهير"],
    },
    "neutral": {
        "fighters": ["مقاتلي المعارضة", "فصائل المعارضة المسلحة"],
        "government": ["القوات الحكومية"],
        "dead": ["قتلى", "ضحايا"],
        "gain": ["سيطرة"],
    },
}
# slot → (label, target) when it is labelled; the neutral wording is never labelled
SLOT_LABELS = {
    "fighters": ("LOADED_TERM", "مقاتلو المعارضة"),
    "government": ("DELEGITIMISING_LABEL", "الحكومة"),
    "dead": ("GLORIFYING_TERM", "القتلى"),
    "gain": ("GLORIFYING_TERM", "السيطرة"),
}
TEMPLATES = [
    "قال ناشطون إن {fighters} تصدوا لهجوم {government} على ريف حلب الجنوبي.",
    "سقط عشرة {dead} بقصف {government} على أحياء المدينة صباح اليوم.",
    "وأعلنت مصادر ميدانية {gain} عدة قرى بعد اشتباكات عنيفة مع {fighters}.",
    "وأفاد مراسلنا بأن {fighters} استهدفوا مواقع {government} بالقذائف.",
    "ودعت منظمات إنسانية إلى حماية المدنيين في المناطق التي يسيطر عليها {fighters}.",
    "وتحدثت مصادر محلية عن {dead} بين المدنيين في الريف الشرقي.",
]
ANNOTATORS = ["amal", "omar", "lina"]
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def outlets(count: int) -> list[tuple[str, str]]:
    names = NAMED_OUTLETS + [f"مصدر {i}" for i in range(len(NAMED_OUTLETS) + 1, count + 1)]
    kinds = list(LEANINGS)
    return [(name, kinds[i % len(kinds)]) for i, name in enumerate(names[:count])]


def paragraph(rng: random.Random, leaning: str, sentences: int) -> tuple[str, list]:
    """Text and its slots [(start, end, slot)]."""
    vocab = LEANINGS[leaning]
    text, slots = "", []
    for _ in range(sentences):
        template = rng.choice(TEMPLATES)
        pos = 0
        piece = ""
        while True:
            i = template.find("{", pos)
            if i < 0:
                piece += template[pos:]
                break
            j = template.index("}", i)
            slot = template[i + 1 : j]
            word = rng.choice(vocab[slot])
            piece += template[pos:i]
            start = len(text) + (1 if text else 0) + len(piece)
            slots.append((start, start + len(word), slot))
            piece += word
            pos = j + 1
        text = f"{text} {piece}" if text else piece
    return text, slots


def build(
    path: Path,
    *,
    documents: int,
    outlet_count: int,
    sentences: int,
    label_rate: float,
    seed: int = 5,
) -> tuple[int, int]:
    """Fill a fresh database; returns (documents, spans)."""
    store = Store.open(str(path))
    ls = store.labelset()
    label_ids = {key: store.label_id(ls, key) for key, _t in SLOT_LABELS.values()}
    annotator_ids = [store.annotator_id(name) for name in ANNOTATORS]
    store.close()
    rng = random.Random(seed)
    sources = outlets(outlet_count)
    start_day = dt.datetime(2026, 11, 20, 9, 0)
    conn = sqlite3.connect(path)
    doc_rows, span_rows, status_rows = [], [], []
    now = start_day.strftime(STAMP)
    for n in range(documents):
        source, leaning = sources[n % len(sources)] if n < len(sources) else rng.choice(sources)
        text, slots = paragraph(rng, leaning, sentences)
        doc_rows.append(
            (
                n + 1,
                "default",
                f"doc-{n:07d}",
                "",
                text,
                sha256_text(text),
                source,
                "{}",
                now,
                count_words(text),
            )
        )
        who = annotator_ids[n % len(annotator_ids)]
        if rng.random() < 0.8:  # most documents are finished, over ten days
            done = start_day + dt.timedelta(days=n * 10 // max(1, documents), minutes=n % 600)
            status_rows.append((n + 1, who, "done", done.strftime(STAMP)))
        for start, end, slot in slots:
            if leaning == "neutral" or rng.random() > label_rate:
                continue
            label, target = SLOT_LABELS[slot]
            when = (
                start_day + dt.timedelta(days=n * 10 // max(1, documents), minutes=n % 600)
            ).strftime(STAMP)
            span_rows.append(
                (
                    n + 1,
                    who,
                    label_ids[label],
                    start,
                    end,
                    text[start:end],
                    json.dumps({"target": target}, ensure_ascii=False),
                    "",
                    when,
                    when,
                )
            )
        if len(doc_rows) >= 20_000:
            _flush(conn, doc_rows, span_rows, status_rows)
    _flush(conn, doc_rows, span_rows, status_rows)
    spans = conn.execute("SELECT count(*) FROM span").fetchone()[0]
    conn.close()
    return documents, spans


def _flush(conn: sqlite3.Connection, docs: list, spans: list, statuses: list) -> None:
    with conn:
        conn.executemany(
            "INSERT INTO document (id, corpus, external_id, title, text, sha256, "
            "source, meta, imported_at, word_count) VALUES (?,?,?,?,?,?,?,?,?,?)",
            docs,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO span (document_id, annotator_id, label_id, "
            'start, "end", text, attributes, note, created_at, updated_at) '
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            spans,
        )
        conn.executemany(
            "INSERT INTO document_status (document_id, annotator_id, status, "
            "updated_at) VALUES (?,?,?,?)",
            statuses,
        )
    docs.clear()
    spans.clear()
    statuses.clear()


def timed(what: str, fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    print(f"  {what}: {seconds:.2f} s")
    return seconds, result


def run(name: str, folder: Path, **shape) -> None:
    path = folder / f"{name}.db"
    t0 = time.perf_counter()
    docs, spans = build(path, **shape)
    print(
        f"{name}: {docs:,} documents, {spans:,} spans, "
        f"{shape['outlet_count']} outlets (built in {time.perf_counter() - t0:.1f} s)"
    )
    store = Store.open(str(path))
    try:
        timed("stats --by source", lambda: by_source(store))
        out = folder / f"{name}.html"
        _s, html = timed("report (gather + render)", lambda: render_report(gather(store)))
        out.write_text(str(html), encoding="utf-8")
        print(f"  report size: {out.stat().st_size / 1e6:.2f} MB")
    finally:
        store.close()


SMALL = {"documents": 700, "outlet_count": 180, "sentences": 2, "label_rate": 0.95}
LARGE = {"documents": 100_000, "outlet_count": 180, "sentences": 10, "label_rate": 0.9}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=("small", "large"))
    parser.add_argument("--demo-db", type=Path, help="build the small corpus here and stop")
    parser.add_argument("--large-db", type=Path, help="build the large corpus here and stop")
    args = parser.parse_args()
    if args.demo_db:
        if args.demo_db.exists():
            parser.error(f"{args.demo_db} exists; give a new file")
        print(build(args.demo_db, **SMALL))
        return
    if args.large_db:
        if args.large_db.exists():
            parser.error(f"{args.large_db} exists; give a new file")
        print(build(args.large_db, **LARGE))
        return
    with tempfile.TemporaryDirectory(prefix="bench-insight-") as tmp:
        if args.only in (None, "small"):
            run("small", Path(tmp), **SMALL)
        if args.only in (None, "large"):
            run("large", Path(tmp), **LARGE)


if __name__ == "__main__":
    main()
