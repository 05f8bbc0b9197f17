"""The self-contained HTML report: one file, no network, Arabic first, English beside.

``dir="rtl" lang="ar"`` on the page so the browser shapes and orders Arabic; every heading
carries its English name; charts come from charts.py (HTML/CSS and inline SVG, no script).
When the project's Arabic font (Noto Naskh Arabic, OFL) is present it is embedded as a data
URL, so the report looks the same on a machine without Arabic fonts; otherwise the
browser's own Arabic fonts are used.
"""

from __future__ import annotations

import base64
import functools
from html import escape
from pathlib import Path

from annotator.insight.charts import PALETTE, Bar, Dot, bar_chart, dot_plot, line_chart
from annotator.insight.naming import Naming
from annotator.insight.report import ConcordanceSection, ReportData

FONT_FILE = Path(__file__).resolve().parents[2] / "ui" / "fonts" / "NotoNaskhArabic-Regular.ttf"
MAX_SOURCE_BARS = 40
TOP_TERMS_PER_LABEL = 10
TOP_SOURCES_PER_LABEL = 8
DOTS_PER_SOURCE = 3
SOURCES_PER_NAMING = 8

CSS = """
body{font-family:"Report Naskh","Noto Naskh Arabic","Noto Sans Arabic","Geeza Pro",Tahoma,
"DejaVu Sans",sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#222;
line-height:1.6;background:#fff}
h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.3em;border-bottom:2px solid #ddd;
margin-top:2em;padding-bottom:.2em}h3{font-size:1.05em;margin:1.2em 0 .4em}
.en{display:inline-block;color:#666;font-family:"DejaVu Sans",Arial,sans-serif;
font-size:.7em;font-weight:normal;margin:0 .8em}
.meta{color:#666;font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.5em,1fr));gap:.6em}
.card{border:1px solid #ddd;border-radius:6px;padding:.5em .8em}
.card b{display:block;font-size:1.5em}
.bar-row,.dot-row{display:grid;grid-template-columns:minmax(9em,24em) 1fr 4.5em;gap:.6em;
align-items:center;min-height:1.7em}
.bar-label,.dot-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar-track{background:#f1f1f1;height:1.1em;border-radius:3px;display:block}
.bar{display:block;height:100%;border-radius:3px}
.bar-value{font-variant-numeric:tabular-nums;direction:ltr;text-align:left}
.dot-row{grid-template-columns:minmax(6em,11em) minmax(6em,11em) 1fr 4em}
.dot-group{font-weight:bold;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.dot-track{position:relative;height:1.2em;direction:ltr;display:block;
border-bottom:1px dotted #eee}
.dot-zero{position:absolute;top:0;bottom:0;border-left:1px solid #888}
.dot-sig{position:absolute;top:0;bottom:0;background:#f3f3f3}
.dot{position:absolute;top:.2em;width:.8em;height:.8em;border-radius:50%;
margin-left:-.4em}
.dot-axis{color:#666;font-size:.8em}
.dot-ticks{position:relative;direction:ltr;height:1.2em;display:block}
.dot-ticks span{position:absolute;transform:translateX(-50%)}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
th,td{border-bottom:1px solid #e4e4e4;padding:.2em .6em;text-align:start;vertical-align:top}
td.num{direction:ltr;text-align:end;font-variant-numeric:tabular-nums}
.kwic td.before{text-align:end;color:#444}.kwic td.after{text-align:start;color:#444}
.kwic td.match{font-weight:bold;white-space:nowrap}
.kwic tr.missed td.match{background:#fff3c4}
.missed-tag{color:#a15c00;font-size:.85em}
.legend{display:flex;flex-wrap:wrap;gap:1em;font-size:.9em}
.swatch{display:inline-block;width:.8em;height:.8em;margin-inline-end:.3em;border-radius:2px}
.line-chart{max-width:680px;font-family:"DejaVu Sans",Arial,sans-serif;font-size:11px}
.chart-caption,.note{color:#666;font-size:.88em}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
.cols .bar-row{grid-template-columns:minmax(6em,11em) 1fr 3.5em}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
details summary{cursor:pointer;color:#1b6ca8}
.empty{color:#999}
"""


@functools.cache
def _font_face() -> str:
    try:
        data = FONT_FILE.read_bytes()
    except OSError:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        '@font-face{font-family:"Report Naskh";font-weight:400 700;'
        f'src:url(data:font/ttf;base64,{encoded}) format("truetype")}}'
    )


def _h(level: int, ar: str, en: str, anchor: str = "") -> str:
    ident = f' id="{anchor}"' if anchor else ""
    return (
        f'<h{level}{ident}>{escape(ar)}<span class="en" lang="en" dir="ltr">{escape(en)}'
        f"</span></h{level}>"
    )


def _num(value: float) -> str:
    if isinstance(value, float) and value % 1:
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _source_name(source: str) -> str:
    return source or "(بلا مصدر · no source)"


def _overview(data: ReportData) -> str:
    names = [
        ("documents", "الوثائق", "documents"),
        ("words", "الكلمات", "words"),
        ("spans", "المقاطع الموسومة", "labelled spans"),
        ("sources", "المصادر", "sources"),
        ("annotators", "المُعلِّمون", "annotators"),
        ("labels", "الوسوم المستخدمة", "labels"),
        ("suggestions", "اقتراحات معلّقة", "suggestions"),
    ]
    cards = "".join(
        f'<div class="card">{escape(ar)}<b>{_num(data.overview[key])}</b>'
        f'<span class="en" lang="en">{escape(en)}</span></div>'
        for key, ar, en in names
    )
    return (
        _h(2, "نظرة عامة على المدوّنة", "Corpus overview", "overview")
        + f'<div class="cards">{cards}</div>'
    )


def _progress(data: ReportData) -> str:
    rows = "".join(
        f"<tr><td>{escape(r['annotator'])}</td><td class=num>{r['documents']}</td>"
        f"<td class=num>{r['spans']}</td><td class=num>{r['per_1000_words']}</td>"
        f"<td>{escape(', '.join(f'{k} {v}' for k, v in sorted(r['status'].items())))}</td></tr>"
        for r in data.annotators
    )
    table = (
        "<table><tr><th>المُعلِّم · annotator</th><th>وثائق · documents</th>"
        "<th>مقاطع · spans</th><th>لكل 1000 كلمة · per 1,000 words</th>"
        f"<th>الحالة · status</th></tr>{rows}</table>"
    )
    return (
        _h(2, "تقدّم المُعلِّمين عبر الزمن", "Progress per annotator over time", "progress")
        + '<p class="note">مجموع الوثائق المُنجزة يوماً بعد يوم · cumulative documents marked '
        "done per day</p>" + line_chart(data.progress) + table
    )


def _labels(data: ReportData) -> str:
    bars = [
        Bar(
            f"{data.label_info[r['label']].name_ar} · {r['label']}",
            r["spans"],
            _num(r["spans"]),
            f"{r['label']}: {r['spans']} spans in {r['documents']} documents, "
            f"{r['sources']} sources, {r['per_1000_words']} per 1,000 words",
            data.label_info[r["label"]].color,
        )
        for r in data.labels
    ]
    return _h(2, "توزيع الوسوم", "Label distribution", "labels") + bar_chart(bars)


def _density(data: ReportData) -> str:
    ranked = sorted(
        (r for r in data.sources if r["words"]), key=lambda r: (-r["per_1000_words"], r["source"])
    )
    bars = [
        Bar(
            _source_name(r["source"]),
            r["per_1000_words"],
            f"{r['per_1000_words']:.1f}",
            f"{_source_name(r['source'])}: {r['spans']} spans / {r['words']} words "
            f"in {r['documents']} documents",
        )
        for r in ranked[:MAX_SOURCE_BARS]
    ]
    more = (
        f" (أعلى {MAX_SOURCE_BARS} · top {MAX_SOURCE_BARS})"
        if len(ranked) > MAX_SOURCE_BARS
        else ""
    )
    keys = sorted({k for r in data.sources for k in r["labels"]})
    head = "".join(f"<th>{escape(k)}</th>" for k in keys)
    rows = "".join(
        f"<tr><td>{escape(_source_name(r['source']))}</td><td class=num>{r['documents']}</td>"
        f"<td class=num>{r['words']}</td><td class=num>{r['spans']}</td>"
        f"<td class=num>{r['per_1000_words']}</td>"
        + "".join(f"<td class=num>{r['labels'].get(k, 0)}</td>" for k in keys)
        + "</tr>"
        for r in data.sources
    )
    table = (
        f"<details><summary>الجدول الكامل · full table ({len(data.sources)})</summary>"
        "<table><tr><th>المصدر · source</th><th>documents</th><th>words</th><th>spans</th>"
        f"<th>per 1,000</th>{head}</tr>{rows}</table></details>"
    )
    return (
        _h(2, "كثافة الوسوم لكل مصدر", "Density per source (spans per 1,000 words)", "density")
        + bar_chart(bars, caption=escape(more))
        + table
    )


def _top_terms(data: ReportData) -> str:
    parts = [_h(2, "أكثر المصطلحات لكل وسم ومصدر", "Top terms per label per source", "terms")]
    by_label: dict[str, list[dict]] = {}
    for row in data.terms:
        by_label.setdefault(row["label"], []).append(row)
    for label, rows in sorted(by_label.items(), key=lambda kv: -sum(r["spans"] for r in kv[1])):
        info = data.label_info.get(label)
        rows = sorted(rows, key=lambda r: (-r["spans"], r["term"]))
        bars = [
            Bar(
                next(iter(r["forms"]), r["term"]),
                r["spans"],
                _num(r["spans"]),
                "; ".join(f"{_source_name(s)} {n}" for s, n in list(r["sources"].items())[:10]),
                info.color if info else "#888",
            )
            for r in rows[:TOP_TERMS_PER_LABEL]
        ]
        per_source: dict[str, list[tuple[str, int]]] = {}
        for r in rows:
            for source, n in r["sources"].items():
                per_source.setdefault(source, []).append((next(iter(r["forms"]), r["term"]), n))
        ranked = sorted(per_source.items(), key=lambda kv: -sum(n for _, n in kv[1]))
        trs = "".join(
            f"<tr><td>{escape(_source_name(s))}</td><td class=num>{sum(n for _, n in terms)}</td>"
            f"<td>{escape('، '.join(f'{t} ({n})' for t, n in sorted(terms, key=lambda x: -x[1])[:4]))}"
            "</td></tr>"
            for s, terms in ranked[:TOP_SOURCES_PER_LABEL]
        )
        name = f"{info.name_ar} · {label}" if info else label
        parts.append(
            f"<h3>{escape(name)}</h3><div class=cols><div>{bar_chart(bars)}</div><div>"
            "<table><tr><th>المصدر · source</th><th>spans</th><th>المصطلحات · terms</th>"
            f"</tr>{trs}</table></div></div>"
        )
    return "".join(parts)


def _naming_chart(naming: Naming, data: ReportData) -> str:
    info = data.label_info.get(naming.label)
    spans = {s: sum(c.values()) for s, c in naming.counts.items()}
    sources = sorted(spans, key=lambda s: (-spans[s], s))[:SOURCES_PER_NAMING]
    dots = []
    for k, source in enumerate(sources):
        mine = [s for s in naming.scores if s.source == source and s.count > 0]
        for score in sorted(mine, key=lambda s: -s.z)[:DOTS_PER_SOURCE]:
            form = naming.display.get(score.term, score.term)
            dots.append(
                Dot(
                    form,
                    _source_name(source),
                    score.z,
                    f"{_source_name(source)} · {form}: {score.count} here, {score.rest} "
                    f"elsewhere; log-odds {score.log_odds:+.3f}, z {score.z:+.2f}",
                    PALETTE[k % len(PALETTE)],
                )
            )
    name = f"{info.name_ar} · {naming.label}" if info else naming.label
    if naming.target:
        name += f" — الهدف · target: {naming.target}"
    return f"<h3>{escape(name)}</h3>" + dot_plot(dots)


def _naming(data: ReportData) -> str:
    intro = (
        '<p class="note">لكل مصدر، المصطلحات الأكثر تميّزاً له مقارنة ببقية المصادر '
        "(لوغاريتم نسبة الأرجحية الموزون مع توزيع ديريشليه مسبق). النقطة خارج الشريط "
        "الرمادي (±1.96) فرقٌ مؤكد بنسبة 95٪ تقريباً.</p>"
        '<p class="note" lang="en" dir="ltr">Per source, its most distinctive terms against '
        "all other sources: weighted log-odds with an informative Dirichlet prior (Monroe, "
        "Colaresi &amp; Quinn 2008). A dot beyond the grey band (±1.96) is about 95 % sure."
        "</p>"
    )
    charts = "".join(_naming_chart(n, data) for n in data.namings) or '<p class="empty">—</p>'
    return _h(2, "تباين التسمية بين المصادر", "Naming divergence", "naming") + intro + charts


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))


def _agreement(data: ReportData) -> str:
    agreement = data.agreement
    if not agreement:
        return ""
    parts = [
        _h(2, "الاتفاق بين المُعلِّمين", "Inter-annotator agreement", "agreement"),
        f'<p class="note">{agreement["documents"]} وثيقة أنجزها أكثر من مُعلِّم · '
        f"documents marked done by several annotators; Krippendorff's α (overall): "
        f"{_cell(agreement['alpha'])}</p>",
    ]
    for key in ("pairs", "labels"):
        header, body = agreement[key]
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        trs = "".join(
            "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in body
        )
        parts.append(f"<table><tr>{head}</tr>{trs}</table>")
    return "".join(parts)


def _kwic(section: ConcordanceSection) -> str:
    rows = []
    for o in section.lines:
        labels = ", ".join(f"{lb.annotator}: {lb.label}" for lb in o.labels)
        cls = "" if o.labelled else ' class="missed"'
        tag = escape(labels) if labels else '<span class="missed-tag">غير موسوم · unlabelled</span>'
        rows.append(
            f"<tr{cls}><td>{escape(_source_name(o.source))}</td>"
            f"<td class=before>{escape(o.left)}</td><td class=match>{escape(o.match)}</td>"
            f"<td class=after>{escape(o.right)}</td><td>{tag}</td></tr>"
        )
    note = (
        f"{section.seen} occurrences met, {section.unlabelled} unlabelled · "
        f"{section.spans} labelled spans in all"
    )
    return (
        f"<h3>{escape(section.term)}</h3><p class=note>{escape(note)}</p>"
        f'<table class="kwic">{"".join(rows)}</table>'
    )


def _concordance(data: ReportData) -> str:
    if not data.concordance:
        return ""
    intro = (
        f'<p class="note">الورود غير الموسوم أولاً · unlabelled occurrences first; scan of '
        f"{data.concordance_documents} documents</p>"
    )
    return (
        _h(2, "سياقات أكثر المصطلحات وروداً", "Concordance of the top terms", "concordance")
        + intro
        + "".join(_kwic(s) for s in data.concordance)
    )


def render_report(data: ReportData, *, embed_font: bool = True) -> str:
    """The whole report as one HTML string."""
    font = _font_face() if embed_font else ""
    title = data.title or "تقرير التغطية"
    nav = " · ".join(
        f'<a href="#{a}">{escape(t)}</a>'
        for a, t in (
            ("overview", "overview"),
            ("progress", "progress"),
            ("labels", "labels"),
            ("density", "density"),
            ("terms", "terms"),
            ("naming", "naming"),
            ("concordance", "concordance"),
        )
    )
    body = "".join(
        [
            f"<header><h1>{escape(title)}<span class=en lang=en dir=ltr>Coverage report</span></h1>"
            f'<p class="meta" dir="ltr">{escape(data.generated)} · {nav}</p></header>',
            _overview(data),
            _progress(data),
            _labels(data),
            _density(data),
            _top_terms(data),
            _naming(data),
            _agreement(data),
            _concordance(data),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{font}{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


__all__ = ["render_report"]
