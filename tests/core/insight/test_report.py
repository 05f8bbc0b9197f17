"""The HTML report: its figures, self-containment, and rendering in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.insight.html import render_report
from annotator.insight.report import gather
from tests.core.insight.corpus import SOURCE_A, build

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


def test_gathered_figures_match_the_hand_counts(store):
    build(store)
    data = gather(store)
    assert data.overview == {
        "documents": 5,
        "words": 33,
        "spans": 9,
        "sources": 3,
        "annotators": 2,
        "labels": 3,
        "suggestions": 1,
    }
    assert sum(n for _day, n in data.progress["amal"]) == 3  # documents marked done
    assert sum(n for _day, n in data.progress["omar"]) == 1
    omar = next(r for r in data.annotators if r["annotator"] == "omar")
    assert omar["status"] == {"done": 1, "in_progress": 1}
    assert [n.label for n in data.namings][:1] == ["LOADED_TERM"]
    assert any(n.target == "fighters" for n in data.namings)
    thuwar = next(s for s in data.concordance if s.term == "الثوار")
    assert (thuwar.spans, thuwar.seen, thuwar.unlabelled) == (4, 3, 0)
    army = [s for s in data.concordance if s.term == "الجيش"]
    assert army == []  # only a suggestion: not a labelled term
    # a1 is the one document both amal and omar marked done: agreement on it
    assert data.agreement is not None and data.agreement["documents"] == 1
    header, pairs = data.agreement["pairs"]
    pair = dict(zip(header, pairs[0], strict=True))
    # amal: الثوار + قوات الأسد on a1; omar: الثوار → exact F1 = 2·1 / (2 + 1)
    assert (pair["a"], pair["b"], pair["exact_f1"]) == ("amal", "omar", 2 / 3)


def test_report_is_one_self_contained_right_to_left_file(store):
    build(store)
    html = render_report(gather(store, title="تقرير تجريبي"))
    assert html.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert "<script" not in html and not re.search(r"(src|href)=\"https?:", html)
    assert "url(http" not in html and "@import" not in html
    for english in (
        "Corpus overview",
        "Progress per annotator over time",
        "Label distribution",
        "Density per source",
        "Top terms per label per source",
        "Naming divergence",
        "Concordance of the top terms",
    ):
        assert english in html
    # density bars carry their figures on hover and beside the bar
    assert f'title="{SOURCE_A}: 5 spans / 15 words in 2 documents"' in html
    assert ">333.3<" in html
    assert "font/ttf;base64," in html  # the Arabic font travels inside
    assert "font/ttf" not in render_report(gather(store), embed_font=False)


def test_report_command_refuses_the_database_and_writes_atomically(
    store, db_path, tmp_path, capsys
):
    build(store)
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(db_path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []
    before = db_path.read_bytes()
    assert main(["report", "--db", str(db_path), "-o", str(db_path)]) == 2
    assert "refusing to write over the database" in capsys.readouterr().err
    assert db_path.read_bytes() == before
    assert main(["report", "--db", str(db_path), "-o", str(tmp_path / "no" / "r.html")]) == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_report_renders_in_headless_chromium(store, tmp_path):
    build(store)
    page = tmp_path / "report.html"
    page.write_text(render_report(gather(store)), encoding="utf-8")
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'dir="rtl"' in dom and 'id="naming"' in dom and "الثوار" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [*flags, "--window-size=1200,1800", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a drawn page, not blank
