"""The native JSONL export's fast path (annotator.exporting.native._iter_native_chunks) must write
exactly the bytes of the generic path (iter_out_records + NativeFormat.write), keep the
span-text check, and keep cancel / progress / no-partial-output behaviour."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import annotator.exporting.native as export_native
import annotator.exporting.records as export_records
from annotator.exporting import ExportCancelled, ExportError, ExportOptions, export_to
from annotator.formats.base import FormatError
from annotator.importing import ImportOptions, import_path
from annotator.labelsets import parse_labelset
from annotator.store import SPAN, Store
from tests.core.formats.rich_corpus import CUSTOM_SET, fill_rich_store


@pytest.fixture
def rich_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(str(tmp_path / "rich.db"))
    fill_rich_store(store, tmp_path)
    yield store
    store.close()


def _both(store: Store, tmp_path: Path, monkeypatch, options: ExportOptions) -> tuple[bytes, bytes]:
    generic = tmp_path / "generic.jsonl"
    fast = tmp_path / "fast.jsonl"
    monkeypatch.setattr(export_native, "FAST_NATIVE_EXPORT", False)
    rg = export_to(store, generic, options)
    monkeypatch.setattr(export_native, "FAST_NATIVE_EXPORT", True)
    rf = export_to(store, fast, options)
    assert (rf.records, rf.spans, rf.documents) == (rg.records, rg.spans, rg.documents)
    return generic.read_bytes(), fast.read_bytes()


FILTERS = [
    {},
    {"all_docs": True},
    {"annotator": "amal"},
    {"annotator": "bilal", "all_docs": True},
    {"status": "done"},
    {"status": "todo"},
    {"status": "in_progress", "all_docs": True},
    {"status": "skipped"},
    {"labelset": "persuasion-techniques-23"},
    {"labelset": "zz-custom", "all_docs": True},
    {"labelset": "media-bias-ar", "annotator": "amal", "status": "done"},
    {"corpus": "default"},
    {"corpus": "elsewhere", "all_docs": True},
]


@pytest.mark.parametrize(
    "filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none"
)
def test_fast_path_writes_the_generic_bytes(rich_store, tmp_path, monkeypatch, filters):
    generic, fast = _both(
        rich_store, tmp_path, monkeypatch, ExportOptions(format="jsonl", **filters)
    )
    assert fast == generic


def test_fast_path_output_is_complete_and_ordered(rich_store, tmp_path, monkeypatch):
    """Not only equal to the generic path: the content itself is what the format promises."""
    generic, fast = _both(rich_store, tmp_path, monkeypatch, ExportOptions(all_docs=True))
    assert fast == generic
    lines = [json.loads(x) for x in fast.decode("utf-8").splitlines()]
    keys = [(r["id"], r["annotator"], (r["labelset"] or {}).get("name")) for r in lines]
    assert keys[:5] == [
        ("emoji", "amal", "media-bias-ar"),
        ("emoji", "amal", "persuasion-techniques-23"),
        ("emoji", "amal", "zz-custom"),
        ("emoji", "bilal", "media-bias-ar"),
        ("emoji", "gold", "persuasion-techniques-23"),
    ]
    assert ("nobody", None, None) in keys
    assert ("status-only", "amal", None) in keys
    custom = lines[2]
    assert [s["label"] for s in custom["spans"]] == ["ALPHA", "ZED", "beta"]
    assert custom["spans"][2]["attributes"] == {"why": "سبب"}
    assert custom["labelset"] == {"name": "zz-custom", "version": "3"}
    assert custom["doc_labels"] == ['AUDIENCE=عام, "كل" الناس', "TONE=angry"]
    mb = lines[0]
    assert [s["label"] for s in mb["spans"]][:2] == ["GLORIFYING_TERM", "LOADED_TERM"]
    assert mb["status"] == "done" and mb["doc_labels"] == ["SLANT=neutral"]
    loaded = next(s for s in mb["spans"] if s.get("note"))
    assert list(loaded) == ["start", "end", "label", "text", "attributes", "note"]
    assert list(loaded["attributes"]) == ["stance", "target"]
    for record in lines:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]


def test_fast_path_is_used_and_round_trips(rich_store, tmp_path, monkeypatch):
    calls = []
    real = export_native._iter_native_chunks
    monkeypatch.setattr(
        export_native, "_iter_native_chunks", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    first = tmp_path / "first.jsonl"
    export_to(rich_store, first, ExportOptions(all_docs=True))
    assert calls, "the native export did not take the fast path"
    fresh = Store.open(str(tmp_path / "fresh.db"))
    fresh.add_labelset(parse_labelset(CUSTOM_SET, "zz-custom.yaml"))
    import_path(fresh, first, ImportOptions())
    second = tmp_path / "second.jsonl"
    export_to(fresh, second, ExportOptions(all_docs=True))
    fresh.close()
    assert first.read_bytes() == second.read_bytes()


def test_fast_path_refuses_a_corrupt_span_and_leaves_no_file(rich_store, tmp_path, monkeypatch):
    with rich_store.engine.begin() as conn:  # bilal's span copy no longer matches the text
        # (the database itself refuses this update since schema 0004: drop its guard, as a
        # database edited by another tool could be)
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS span_text_matches_document_update")
        conn.execute(SPAN.update().where(SPAN.c.text == "قصفت").values(text="قصف"))
    target = tmp_path / "out.jsonl"
    messages = []
    for fast in (False, True):
        monkeypatch.setattr(export_native, "FAST_NATIVE_EXPORT", fast)
        with pytest.raises(
            FormatError, match=r"document 'emoji': span .*'EUPHEMISM'.*does not match"
        ) as exc:
            export_to(rich_store, target, ExportOptions())
        messages.append(str(exc.value))
        assert not target.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    assert messages[0] == messages[1]
    # a span the export leaves out (another annotator's, another status) does not stop it
    for filters in ({"annotator": "amal"}, {"status": "done"}):
        generic, fast = _both(rich_store, tmp_path, monkeypatch, ExportOptions(**filters))
        assert fast == generic
        assert fast.count(b"\n") >= 2 and b"EUPHEMISM" not in fast


def test_fast_path_cancel_and_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(export_records, "BATCH_SIZE", 7)
    store = Store.open(str(tmp_path / "many.db"))
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as out:
        for i in range(250):
            text = f"نص رقم {i} عن الثوار"
            s = text.index("الثوار")
            out.write(
                json.dumps(
                    {
                        "id": f"d{i}",
                        "text": text,
                        "annotator": "amal",
                        "labelset": {"name": "media-bias-ar", "version": "1"},
                        "spans": [
                            {"start": s, "end": s + 6, "label": "LOADED_TERM", "text": "الثوار"}
                        ],
                        "format": "annotator-jsonl/1",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    import_path(store, src, ImportOptions())
    seen: list[tuple[int, int | None]] = []
    report = export_to(store, tmp_path / "all.jsonl", progress=lambda n, t: seen.append((n, t)))
    assert (report.records, report.spans, report.documents) == (250, 250, 250)
    assert seen == [(100, 250), (200, 250), (250, 250)]
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == [f"d{i}" for i in range(250)]

    asked = [0]

    def cancel() -> bool:
        asked[0] += 1
        return asked[0] > 120

    target = tmp_path / "cancelled.jsonl"
    with pytest.raises(ExportCancelled):
        export_to(store, target, cancel=cancel)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".partial") == []
    with pytest.raises(ExportError, match="nobody"):
        export_to(store, tmp_path / "x.jsonl", ExportOptions(annotator="nobody"))
    assert not (tmp_path / "x.jsonl").exists()
    store.close()
