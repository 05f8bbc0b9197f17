"""Synthetic Arabic corpora for benchmarks: sentences of the seed article recombined."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from annotator.paths import seeds_dir

SPAN_WORDS = ["الميليشيات الطائفية", "الثوار", "نظام الأسد", "قوات الأسد", "شهداء", "شهيد"]


def seed_sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))
    parts = [s.strip() for s in re.split(r"(?<=[.،!؟])\s+|\n+", text)]
    return [s for s in parts if len(s) > 20]


def articles(
    count: int, *, sentences_per_article: int = 6, seed: int = 7, min_chars: int = 0
) -> Iterator[tuple[str, str]]:
    """``count`` articles of ``sentences_per_article`` seed sentences, more while shorter
    than ``min_chars`` characters."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    for i in range(count):
        parts = [rng.choice(sentences) for _ in range(sentences_per_article)]
        length = sum(len(p) + 1 for p in parts)
        while length < min_chars:
            parts.append(rng.choice(sentences))
            length += len(parts[-1]) + 1
        yield f"bench-{i:07d}", " ".join(parts)


def write_native_jsonl(
    path: Path, count: int, spans_per_article: int, *, min_chars: int = 0
) -> int:
    """Write a native JSONL corpus with spans on occurrences of loaded terms; returns spans."""
    total = 0
    rng = random.Random(11)
    with path.open("w", encoding="utf-8") as out:
        for external_id, text in articles(count, min_chars=min_chars):
            spans = []
            for word in SPAN_WORDS:
                start = text.find(word)
                while start != -1 and len(spans) < spans_per_article:
                    spans.append(
                        {
                            "start": start,
                            "end": start + len(word),
                            "label": "LOADED_TERM",
                            "text": word,
                            "attributes": {},
                            "note": "",
                        }
                    )
                    start = text.find(word, start + 1)
            # top up with arbitrary word spans so every article has the same count
            words = [m.span() for m in re.finditer(r"\S+", text)]
            while len(spans) < spans_per_article and words:
                s, e = rng.choice(words)
                candidate = {
                    "start": s,
                    "end": e,
                    "label": "GLORIFYING_TERM",
                    "text": text[s:e],
                    "attributes": {},
                    "note": "",
                }
                if candidate not in spans:
                    spans.append(candidate)
            total += len(spans)
            record = {
                "id": external_id,
                "text": text,
                "meta": {"source": "bench", "title": ""},
                "annotator": "bench",
                "status": "done",
                "labelset": {"name": "media-bias-ar", "version": "1"},
                "spans": spans,
                "doc_labels": [],
                "format": "annotator-jsonl/1",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total
