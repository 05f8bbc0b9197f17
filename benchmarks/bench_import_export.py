"""Import and export throughput on a synthetic Arabic corpus.

    python benchmarks/bench_import_export.py                # 10,000 articles / 100,000 spans
    python benchmarks/bench_import_export.py --articles 100000 --spans-per-article 10
    python benchmarks/bench_import_export.py --repeat 3 --compare-generic

Prints articles/s for import, spans/s for export, and the peak memory (RSS) of the
process, which must stay flat as the corpus grows (streaming, not loading everything).
Targets: import >= 5,000 articles/s, export >= 200,000 spans/s (native JSONL, which
takes the fast path of annotator.exporting; --format measures another format, and
--compare-generic also times the generic path and checks both wrote the same bytes).
The machine is often noisy: --repeat N reports the best of N exports.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_native_jsonl  # noqa: E402

from annotator import exporting  # noqa: E402
from annotator.exporting import ExportOptions, export_to  # noqa: E402
from annotator.importing import ImportOptions, import_path  # noqa: E402
from annotator.store import Store  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _same_bytes(a: Path, b: Path) -> bool:
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--spans-per-article", type=int, default=10)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--format", default="jsonl", help="export format (default jsonl)")
    parser.add_argument("--repeat", type=int, default=1, help="export N times, report the best")
    parser.add_argument("--compare-generic", action="store_true",
                        help="also export through the generic path and compare the bytes")
    args = parser.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="annotator-bench-"))
    corpus = work / "corpus.jsonl"
    t0 = time.perf_counter()
    spans = write_native_jsonl(corpus, args.articles, args.spans_per_article)
    size_mb = corpus.stat().st_size / 1e6
    print(f"corpus: {args.articles} articles, {spans} spans, {size_mb:.1f} MB "
          f"(generated in {time.perf_counter() - t0:.1f}s)")
    rss_before = peak_rss_mb()

    store = Store.open(str(work / "bench.db"))
    t0 = time.perf_counter()
    report = import_path(store, corpus, ImportOptions(format="jsonl"))
    import_s = time.perf_counter() - t0
    assert report.documents_added == args.articles, report.summary()
    assert report.spans_added == spans, report.summary()
    print(f"import: {import_s:.2f}s  {args.articles / import_s:,.0f} articles/s  "
          f"{spans / import_s:,.0f} spans/s   (target >= 5,000 articles/s)")

    suffix = "" if args.format == "ptc" else f".{args.format}"
    out = work / f"export{suffix}"
    export_s = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        exported = export_to(store, out, ExportOptions(format=args.format))
        export_s = min(export_s, time.perf_counter() - t0)
    assert exported.spans == spans, (exported.spans, spans)
    print(f"export ({args.format}): {export_s:.2f}s  {spans / export_s:,.0f} spans/s  "
          f"{exported.records / export_s:,.0f} records/s   (target >= 200,000 spans/s)")
    if args.compare_generic:
        generic = work / f"export-generic{suffix}"
        exporting.FAST_NATIVE_EXPORT = False
        t0 = time.perf_counter()
        export_to(store, generic, ExportOptions(format=args.format))
        generic_s = time.perf_counter() - t0
        exporting.FAST_NATIVE_EXPORT = True
        same = out.is_file() and _same_bytes(out, generic)
        print(f"generic path: {generic_s:.2f}s  {spans / generic_s:,.0f} spans/s  "
              f"same bytes: {'yes' if same else 'NO'}")
        if out.is_file() and not same:
            sys.exit("the fast and the generic export differ")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after generating the corpus: {rss_before:.0f} MB)")
    store.close()


if __name__ == "__main__":
    main()
