"""A database with every kind of content an export must write exactly (shared by the
export tests and the engine comparison of the read queries)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.importing import ImportOptions, import_path
from annotator.labelsets import parse_labelset
from annotator.store import Store

# Keys deliberately not in alphabetical order: the label table's ids then sort
# differently from the keys, and ties on (start, end) must be broken by key.
CUSTOM_SET = """\
name: zz-custom
version: 3
language: ar
description: {en: "test set"}
labels:
  - key: ZED
    name: {en: "Zed"}
    color: "#112233"
  - key: ALPHA
    name: {en: "Alpha"}
    color: "#223344"
  - key: beta
    name: {en: "beta"}
    color: "#334455"
    attributes:
      - {key: why, type: text}
document_labels:
  - {key: TONE, type: choice, choices: [calm, angry]}
  - {key: AUDIENCE, type: text}
"""

TEXTS = {
    "emoji": '😀 قصفت 👨‍👩‍👧 الميليشيات الطائفية 🇸🇾 المدينة 𝐀 "مقتبس" \\ نهاية',
    "marks": "سقط شَهِيدًا في غَزوةٍ، وقال: إنّ الثُّوّار\u200cتقدّموا \u200fو\u200eعلامات ـــ ١٤٣٧",
    "plain": "قالت المصادر إن قوات الأسد قصفت الحي",
    "status-only": "وثيقة عليها حالة فقط",
    "doclabel-only": "وثيقة عليها تصنيف للوثيقة فقط",
    "nobody": "وثيقة لم يصنفها أحد",
    "last": "آخر وثيقة 🇸🇾",
}


def _span(store, doc_id, who, ls, label, text, word, **kw):
    start = text.index(word)
    store.add_span(doc_id, who, ls, label, start, start + len(word), **kw)


def fill_rich_store(store: Store, tmp_path: Path) -> None:
    """Documents of every kind of content, spans of three label sets and three annotators,
    statuses and document labels: what an export must get exactly right."""
    src = tmp_path / "docs.jsonl"
    with src.open("w", encoding="utf-8") as out:
        for i, (key, text) in enumerate(TEXTS.items()):
            meta = (
                {
                    "title": f"عنوان {key}",
                    "source": "وكالة" if i % 2 else "",
                    "url": f"https://example.org/{i}",
                    "zeta": {"b": 2, "a": [1, 2.5, None]},
                    "aleph": "ا\u0000ب\nج",
                }
                if i % 3
                else {}
            )
            out.write(
                json.dumps(
                    {"id": key, "text": text, "meta": meta, "format": "annotator-jsonl/1"},
                    ensure_ascii=False,
                )
                + "\n"
            )
    report = import_path(store, src, ImportOptions(format="jsonl"))
    assert report.documents_added == len(TEXTS)
    store.add_labelset(parse_labelset(CUSTOM_SET, "zz-custom.yaml"))
    mb = store.labelset("media-bias-ar")
    pt = store.labelset("persuasion-techniques-23")
    zz = store.labelset("zz-custom")
    ids = {key: store.document_by_external_id(key).id for key in TEXTS}

    t = TEXTS["emoji"]
    d = ids["emoji"]
    _span(
        store,
        d,
        "amal",
        mb,
        "LOADED_TERM",
        t,
        "الميليشيات الطائفية",
        attributes={"target": 'قوات "موالية"', "stance": "pro-opposition"},
        note="ملاحظة\nبسطرين 😀",
    )
    _span(store, d, "amal", mb, "SECTARIAN_FRAMING", t, "الميليشيات الطائفية")
    _span(store, d, "amal", mb, "GLORIFYING_TERM", t, "😀")
    _span(store, d, "amal", mb, "LOADED_TERM", t, '𝐀 "مقتبس" \\')
    _span(store, d, "amal", pt, "Loaded_Language", t, "الميليشيات")
    _span(store, d, "amal", zz, "ZED", t, "المدينة")
    _span(store, d, "amal", zz, "ALPHA", t, "المدينة")
    _span(store, d, "amal", zz, "beta", t, "المدينة", attributes={"why": "سبب"})
    _span(store, d, "bilal", mb, "EUPHEMISM", t, "قصفت", note="n")
    _span(store, d, "gold", pt, "Name_Calling-Labeling", t, "👨‍👩‍👧")
    store.set_status(d, "amal", "done")
    store.set_status(d, "bilal", "in_progress")
    store.set_document_label(d, "amal", mb, "SLANT", "neutral")
    store.set_document_label(d, "amal", zz, "TONE", "angry")
    store.set_document_label(d, "amal", zz, "AUDIENCE", 'عام, "كل" الناس')

    t = TEXTS["marks"]
    d = ids["marks"]
    _span(store, d, "bilal", mb, "GLORIFYING_TERM", t, "شَهِيدًا")
    _span(store, d, "bilal", pt, "Doubt", t, "\u200fو\u200eعلامات")
    _span(store, d, "amal", mb, "LOADED_TERM", t, "ـــ ١٤٣٧")
    store.set_status(d, "bilal", "done")
    store.set_status(d, "gold", "skipped")

    t = TEXTS["plain"]
    _span(store, ids["plain"], "gold", pt, "Loaded_Language", t, "قوات الأسد")
    _span(store, ids["plain"], "gold", pt, "Loaded_Language", t, "ق")  # the very start
    _span(store, ids["plain"], "gold", pt, "Doubt", t, "الحي")  # the very end
    store.set_status(ids["status-only"], "amal", "done")
    store.set_document_label(ids["doclabel-only"], "bilal", mb, "SLANT", "unclear")
    _span(store, ids["last"], "amal", mb, "LOADED_TERM", TEXTS["last"], "🇸🇾")
