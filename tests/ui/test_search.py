"""In-article search bar, corpus search dialog and the core corpus scan."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from annotator.models import Document
from annotator.search import CorpusScan, find_in_text, make_snippet, search_corpus
from annotator.textio import sha256_text
from ui.corpus_search import CorpusSearchDialog
from ui.search import SearchBar


def add_docs(store, texts: list[str], corpus: str = "default") -> list[int]:
    """Insert documents directly: importing is another module's job."""
    with store.engine.begin() as conn:
        ids = []
        for i, text in enumerate(texts):
            ids.append(
                conn.execute(
                    insert(Document.__table__).values(
                        corpus=corpus,
                        external_id=f"{corpus}-{i}",
                        title=f"title {i}",
                        text=text,
                        sha256=sha256_text(text),
                        source="",
                        meta={},
                    )
                ).inserted_primary_key[0]
            )
    return ids


def type_text(widget, text: str) -> None:
    """Type like a user on an Arabic layout: QTest.keyClicks asserts on non-Latin-1 text."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


# ---------------------------------------------------------------- core


def test_find_in_text_plain_and_case_insensitive():
    assert find_in_text("Aleppo and aleppo", "ALEPPO") == [(0, 6), (11, 17)]
    assert find_in_text("حلب حلب", "حلب") == [(0, 3), (4, 7)]
    assert find_in_text("anything", "   ") == []


def test_find_in_text_offsets_are_code_points_after_astral_chars():
    text = "😀😀 حلب"
    [(s, e)] = find_in_text(text, "حلب")
    assert text[s:e] == "حلب" and s == 3


def test_find_in_text_forgives_tanwin():
    text = "سقط شهيداً في حلب"
    hits = find_in_text(text, "شهيد")
    assert hits and text[hits[0][0] : hits[0][1]].startswith("شهيد")


def test_make_snippet_points_at_match_and_is_one_line():
    text = "سطر أول\n" + "ب" * 100 + " الهدف " + "ج" * 100
    start = text.index("الهدف")
    snippet, s, e = make_snippet(text, start, start + 5, context=10)
    assert snippet[s:e] == "الهدف"
    assert "\n" not in snippet and snippet.startswith("…") and snippet.endswith("…")


def test_corpus_scan_streams_batches_and_stops_at_limit(store):
    ids = add_docs(store, [f"نص رقم {i} عن حلب وحلب" for i in range(25)])
    hits = list(search_corpus(store, "حلب", limit=7, batch_size=4))
    assert len(hits) == 7
    assert [h.document_id for h in hits] == [ids[0], ids[0], ids[1], ids[1], ids[2], ids[2], ids[3]]
    scan = CorpusScan(store, "حلب", limit=1000, batch_size=4)
    total = []
    while not scan.done:
        total += scan.step(3)
    assert len(total) == 50 and scan.docs_scanned == 25 and not scan.truncated
    for hit in total:
        assert store.document(hit.document_id).text[hit.start : hit.end] == "حلب"
        assert hit.snippet[hit.snippet_start : hit.snippet_end] == "حلب"


def test_corpus_scan_truncated_flag_and_corpus_filter(store):
    add_docs(store, ["حلب", "حلب", "حلب"], corpus="a")
    b_ids = add_docs(store, ["حلب في b"], corpus="b")
    scan = CorpusScan(store, "حلب", limit=2)
    while not scan.done:
        scan.step()
    assert scan.truncated and scan.hit_count == 2
    only_b = list(search_corpus(store, "حلب", corpus="b"))
    assert [h.document_id for h in only_b] == b_ids


# ---------------------------------------------------------------- search bar


def test_search_bar_finds_and_cycles_with_keys(qtbot):
    bar = SearchBar()
    qtbot.addWidget(bar)
    bar.show()
    text = "حلب ثم حلب ثم حلب"
    bar.set_text(text)
    emitted = []
    bar.hitsChanged.connect(emitted.append)
    type_text(bar.edit, "حلب")
    assert emitted[-1] == [(0, 3), (7, 10), (14, 17)] == bar.hits()
    assert bar.current_hit() == (0, 3)
    assert bar.count_label.text() == "1 of 3"
    # Enter hands the hit shown as current to the article, then goes on to the next one.
    with qtbot.waitSignal(bar.hitChosen) as chosen:
        QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    assert chosen.args == [0, 3]
    with qtbot.waitSignal(bar.currentHitChanged) as cur, qtbot.waitSignal(bar.hitChosen) as chosen:
        QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    assert cur.args == chosen.args == [7, 10]
    QTest.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.current_hit() == (14, 17)
    QTest.keyClick(bar.edit, Qt.Key.Key_F3)  # wraps around
    assert bar.current_hit() == (0, 3)
    with qtbot.waitSignal(bar.hitChosen) as chosen:  # F3 only showed it: Enter takes it
        QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert chosen.args == [0, 3]
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_hit() == (14, 17)
    QTest.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_hit() == (7, 10)
    assert bar.count_label.text() == "2 of 3"


def test_search_bar_no_match_new_article_and_escape(qtbot):
    bar = SearchBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.set_text("نص")
    bar.set_query("حلب")
    assert bar.hits() == [] and bar.count_label.text() == "No matches"
    with qtbot.waitSignal(bar.hitsChanged) as sig:
        bar.set_text("في حلب")
    assert sig.args[0] == [(3, 6)]
    with qtbot.waitSignal(bar.hitsChanged) as cleared:
        QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert cleared.args[0] == [] and bar.isHidden()


def test_search_bar_origin_picks_first_hit_after_visible_text(qtbot):
    bar = SearchBar()
    qtbot.addWidget(bar)
    bar.set_text("حلب ثم حلب ثم حلب")
    bar.set_origin(8)
    bar.set_query("حلب")
    assert bar.current_hit() == (14, 17)


def test_search_bar_matches_shahid_in_shahidan(qtbot, seed_text):
    bar = SearchBar()
    qtbot.addWidget(bar)
    text = "قُتل شهيداً في المعركة"
    bar.set_text(text)
    bar.set_query("شهيد")
    [(s, e)] = bar.hits()
    assert text[s:e].startswith("شهيد")


# ---------------------------------------------------------------- corpus dialog


def test_corpus_search_dialog_lists_hits_and_opens_one(qtbot, store):
    ids = add_docs(store, ["لا شيء هنا", "قوات النظام في حلب", "حلب مرة أخرى"])
    dlg = CorpusSearchDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.show()
    type_text(dlg.edit, "حلب")
    QTest.keyClick(dlg.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=3000)
    assert dlg.table.rowCount() == 2
    assert "2 matches in 2 documents" in dlg.status_label.text()
    assert dlg.table.item(0, 1).text() == "title 1"
    assert "حلب" in dlg.table.item(0, 2).text()
    dlg.table.setCurrentCell(1, 0)
    with qtbot.waitSignal(dlg.documentChosen) as chosen:
        dlg.open_button.click()
    assert chosen.args == [ids[2], 0, 3]
    assert dlg.result() == dlg.DialogCode.Accepted


def test_corpus_search_dialog_limit_and_stop(qtbot, store):
    add_docs(store, ["حلب " * 50 for _ in range(10)])
    dlg = CorpusSearchDialog(None, store, limit=30)
    qtbot.addWidget(dlg)
    dlg.edit.setText("حلب")
    dlg.start_search()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=3000)
    assert len(dlg.hits()) == 30 and "limit reached" in dlg.status_label.text()
    dlg.start_search()
    dlg.stop_search()
    assert not dlg.is_running() and "(stopped)" in dlg.status_label.text()


def _ellipsis_right_of_text(text: str, font) -> bool:
    """Lay ``text`` out as the results table does in an English interface (a left-to-right
    paragraph) and say whether its leading "…" is drawn right of the letters after it."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(10000)
    layout.endLayout()
    dots = text.index("…")

    def drawn_x(i: int) -> float:
        [run] = layout.glyphRuns(i, 1)
        return run.positions()[0].x()

    return drawn_x(dots) > drawn_x(dots + 1)


def test_corpus_search_context_reads_in_its_own_direction(qtbot, store):
    arabic = "كلام " * 20 + "قوات النظام في حلب" + " كلام" * 20
    latin = "word " * 20 + "Aleppo update from the city" + " word" * 20
    add_docs(store, [arabic, latin])
    dlg = CorpusSearchDialog(None, store)
    qtbot.addWidget(dlg)
    rows = {}
    for query in ("حلب", "Aleppo"):
        dlg.edit.setText(query)
        dlg.start_search()
        qtbot.waitUntil(lambda: not dlg.is_running(), timeout=3000)
        item = dlg.table.item(0, 2)
        rows[query] = (item.text(), item.textAlignment())
    font = dlg.table.font()
    (ar, ar_align), (en, en_align) = rows["حلب"], rows["Aleppo"]
    # An Arabic excerpt starts ("…" before its first word) at the right and is
    # right-aligned; a Latin one starts at the left and is left-aligned.
    assert _ellipsis_right_of_text(ar, font)
    assert not _ellipsis_right_of_text(en, font)
    assert ar_align & Qt.AlignmentFlag.AlignRight
    assert en_align & Qt.AlignmentFlag.AlignLeft
    assert "قوات النظام في حلب" in ar and "Aleppo update" in en
