"""A small hand-countable corpus shared by the insight tests.

Three outlets, five documents, words counted by hand (whitespace tokens):

* «عنب بلدي»: a1 (8 words), a2 (7 words) → 2 documents, 15 words
* «سانا»: b1 (8 words), b2 (3 words) → 2 documents, 11 words
* «الجزيرة»: c1 (7 words) → 1 document, 7 words

Spans (label set media-bias-ar); ``fighters`` / ``government`` are the ``target``:

* amal: a1 الثوار LOADED_TERM fighters, a1 قوات الأسد DELEGITIMISING_LABEL government,
  a2 شهداء GLORIFYING_TERM, a2 «والثوار» (clitic inside the span) LOADED_TERM fighters,
  b1 الإرهابيين ×2 LOADED_TERM fighters (the second inside «والإرهابيين»),
  c1 المسلحين LOADED_TERM fighters
* omar: a1 الثوار LOADED_TERM fighters, c1 الثوار LOADED_TERM fighters
* statuses: amal marked a1, a2 and b1 done, omar a1 done and c1 in progress.
* one suggestion (b2 الجيش), which never counts.
"""

from __future__ import annotations

from sqlalchemy import insert

from annotator.models import Suggestion, utcnow
from annotator.store import DOC, Store
from annotator.textio import sha256_text

SOURCE_A, SOURCE_B, SOURCE_C = "عنب بلدي", "سانا", "الجزيرة"
TEXTS = {
    "a1": (SOURCE_A, "قال ناشطون إن الثوار صدوا هجوم قوات الأسد"),
    "a2": (SOURCE_A, "سقط شهداء بقصف قوات الأسد والثوار يتقدمون"),
    "b1": (SOURCE_B, "قال الجيش إن الإرهابيين قصفوا المدينة والإرهابيين فروا"),
    "b2": (SOURCE_B, "الجيش يعيد الأمن"),
    "c1": (SOURCE_C, "اشتباكات بين المسلحين والقوات الحكومية ومقتل الثوار"),
}
FIGHTERS = {"target": "fighters"}


def _span(
    store: Store,
    ids: dict[str, int],
    doc: str,
    who: str,
    label: str,
    surface: str,
    nth: int = 0,
    attributes: dict | None = None,
) -> None:
    text = TEXTS[doc][1]
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    store.add_span(
        ids[doc],
        who,
        store.labelset(),
        label,
        start,
        start + len(surface),
        attributes=attributes or {},
    )


def build(store: Store) -> dict[str, int]:
    """Fill ``store`` with the corpus above; returns external id → document id."""
    ids: dict[str, int] = {}
    with store.engine.begin() as conn:
        for ext, (source, text) in TEXTS.items():
            ids[ext] = conn.execute(
                insert(DOC).values(
                    corpus="default",
                    external_id=ext,
                    title=ext,
                    text=text,
                    sha256=sha256_text(text),
                    source=source,
                    meta={},
                    imported_at=utcnow(),
                )
            ).inserted_primary_key[0]
    _span(store, ids, "a1", "amal", "LOADED_TERM", "الثوار", attributes=FIGHTERS)
    _span(
        store,
        ids,
        "a1",
        "amal",
        "DELEGITIMISING_LABEL",
        "قوات الأسد",
        attributes={"target": "government"},
    )
    _span(store, ids, "a2", "amal", "GLORIFYING_TERM", "شهداء")
    _span(store, ids, "a2", "amal", "LOADED_TERM", "والثوار", attributes=FIGHTERS)
    _span(store, ids, "b1", "amal", "LOADED_TERM", "الإرهابيين", attributes=FIGHTERS)
    _span(store, ids, "b1", "amal", "LOADED_TERM", "الإرهابيين", nth=1, attributes=FIGHTERS)
    _span(store, ids, "c1", "amal", "LOADED_TERM", "المسلحين", attributes=FIGHTERS)
    _span(store, ids, "a1", "omar", "LOADED_TERM", "الثوار", attributes=FIGHTERS)
    _span(store, ids, "c1", "omar", "LOADED_TERM", "الثوار", attributes=FIGHTERS)
    for doc in ("a1", "a2", "b1"):
        store.set_status(ids[doc], "amal", "done")
    store.set_status(ids["a1"], "omar", "done")
    store.set_status(ids["c1"], "omar", "in_progress")
    label_id = store.label_id(store.labelset(), "LOADED_TERM")
    with store.engine.begin() as conn:
        conn.execute(
            insert(Suggestion.__table__).values(
                document_id=ids["b2"],
                label_id=label_id,
                start=0,
                end=5,
                text="الجيش",
                term="الجيش",
                source="test",
            )
        )
    return ids
