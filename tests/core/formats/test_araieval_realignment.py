"""Issue 5 review: ArAIEval-2024-Task-1-like data (built here, never copied) imported through
`annotator import`, repaired and reported, exported back and accepted by the format checker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.araieval_checker import TECHNIQUES_23, check_file
from annotator.cli import main
from annotator.formats import get_format
from annotator.formats.base import FormatError, OutRecord, OutSpan
from annotator.importing import ImportFailed, ImportOptions, import_path
from annotator.realign import boundary_warnings, place_spans, unit_evidence
from annotator.store import Store

LS = "persuasion-techniques-23"


def _utf16(text: str, index: int) -> int:
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


def _label(
    text: str,
    piece: str,
    technique: str,
    *,
    occurrence: int = 0,
    shift: int = 0,
    utf16: bool = False,
) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    end = start + len(piece)
    if utf16:
        start, end = _utf16(text, start), _utf16(text, end)
    return {"start": start + shift, "end": end + shift, "technique": technique, "text": piece}


T1 = "😡😡 الميليشيات الطائفية ترتكب مجزرة جديدة في ريف حلب 🔥 #سوريا"
T2 = "@USER يا له من نظام مجرم يقتل شعبه بدم بارد"
T2_SHIFT = len("@someone_long_name") - len("@USER")
T3 = "اقرأوا التقرير LINK إنها خيانة عظمى للوطن"
T3_SHIFT = len("https://t.co/AbCdEf123") - len("LINK")
T4 = "قالَ الوزيرُ إنَّ الإرهابيّين سيُهزَمون قريباً"
T5 = "إنـــه عـــار على الأمة"
T6 = "الحرية الحرية ولا شيء غير الحرية، هذا ما يريده الشعب الحرية"
T7 = "هذا نص عادي لا يحتوي على العبارة المطلوبة"
T8 = "خبر عادي عن الطقس في دمشق اليوم."
T9 = "خبر بلا أساليب إقناع 🙂"
T10 = "إما معنا أو مع الإرهاب، لا خيار ثالث. يا له من بلد عظيم!"
T11 = "النظام الفاسد يكذب على شعبه كل يوم"

DIRTY = [
    {
        "id": "t1",
        "type": "tweet",
        "text": T1,
        "labels": [
            _label(T1, "الميليشيات الطائفية", "Loaded_Language", utf16=True),
            _label(T1, "مجزرة", "Exaggeration-Minimisation", utf16=True),
        ],
    },
    {
        "id": "t2",
        "type": "tweet",
        "text": T2,
        "labels": [
            _label(T2, "نظام مجرم", "Name_Calling-Labeling", shift=T2_SHIFT),
            _label(T2, "بدم بارد", "Loaded_Language", shift=T2_SHIFT),
        ],
    },
    {
        "id": "t3",
        "type": "tweet",
        "text": T3,
        "labels": [_label(T3, "خيانة عظمى", "Loaded_Language", shift=T3_SHIFT)],
    },
    # diacritic-only difference: the span's text has no shadda, the document has one
    {
        "id": "p4",
        "type": "paragraph",
        "text": T4,
        "labels": [
            {"start": 30, "end": 35, "technique": "Name_Calling-Labeling", "text": "الإرهابيين"}
        ],
    },
    # tatweel difference
    {
        "id": "p5",
        "type": "paragraph",
        "text": T5,
        "labels": [{"start": 3, "end": 9, "technique": "Loaded_Language", "text": "عار"}],
    },
    # the span text occurs four times: the nearest occurrence wins
    {
        "id": "p6",
        "type": "paragraph",
        "text": T6,
        "labels": [{"start": 27, "end": 33, "technique": "Slogans", "text": "الحرية"}],
    },
    # unplaceable
    {
        "id": "p7",
        "type": "paragraph",
        "text": T7,
        "labels": [{"start": 0, "end": 5, "technique": "Doubt", "text": "مؤامرة كونية"}],
    },
    {"id": "p8", "type": "paragraph", "text": T8, "labels": []},
    {
        "id": "t9",
        "type": "tweet",
        "text": T9,
        "labels": [{"start": 0, "end": 0, "technique": "no_technique", "text": ""}],
    },
    # old technique names (aliases)
    {
        "id": "p10",
        "type": "paragraph",
        "text": T10,
        "labels": [
            _label(T10, "إما معنا أو مع الإرهاب", "Black-and-White_Fallacy"),
            _label(T10, "بلد عظيم", "Flag-Waving"),
        ],
    },
    {
        "id": "p11",
        "type": "paragraph",
        "text": T11,
        "labels": [
            _label(T11, "النظام الفاسد", "Name_Calling-Labeling"),
            _label(T11, "يكذب", "Loaded_Language"),
        ],
    },
]

# Where each repaired span really lies (record id -> [(start, end, technique)]).
EXPECTED = {
    "t1": [(3, 22, "Loaded_Language"), (29, 34, "Exaggeration-Minimisation")],
    "t2": [
        (T2.index("نظام مجرم"), T2.index("نظام مجرم") + 9, "Name_Calling-Labeling"),
        (T2.index("بدم بارد"), T2.index("بدم بارد") + 8, "Loaded_Language"),
    ],
    "t3": [(T3.index("خيانة عظمى"), T3.index("خيانة عظمى") + 10, "Loaded_Language")],
    "p4": [(18, 29, "Name_Calling-Labeling")],
    "p5": [(7, 13, "Loaded_Language")],
    "p6": [(26, 32, "Slogans")],
    "p7": [],
    "p8": [],
    "t9": [],
    "p10": [(0, 22, "False_Dilemma-No_Choice"), (47, 55, "Flag_Waving")],
    "p11": [(0, 13, "Name_Calling-Labeling"), (14, 18, "Loaded_Language")],
}


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def dirty(tmp_path: Path) -> Path:
    return _write(tmp_path / "dev.jsonl", DIRTY)


def _import_args(src: Path, db: str, *extra: str) -> list[str]:
    return [
        "import",
        str(src),
        "--format",
        "araieval",
        "--labelset",
        LS,
        "--annotator",
        "gold",
        "--db",
        db,
        *extra,
    ]


def test_all_or_nothing_refuses_the_unplaceable_span_by_line(tmp_path, dirty, capsys):
    db = str(tmp_path / "x.db")
    assert main(_import_args(dirty, db)) == 1
    err = capsys.readouterr().err
    assert "dev.jsonl:7 (id p7)" in err and "'Doubt'" in err and "مؤامرة كونية" in err
    assert "nothing was imported" in err
    assert "no_technique" not in err  # a marker for "no span", not an unknown label
    store = Store.open(db)
    assert store.document_count() == 0
    store.close()


def test_skip_invalid_reports_every_realignment_and_the_summary(tmp_path, dirty, capsys):
    db, report = str(tmp_path / "x.db"), tmp_path / "report.jsonl"
    assert main(_import_args(dirty, db, "--skip-invalid", "--report", str(report))) == 0
    captured = capsys.readouterr()
    summary = captured.out
    assert "11 records" in summary
    assert (
        "spans: 13 read, 12 added, 0 already present, 4 exact, 8 realigned "
        "(nearest 4, normalized 2, utf16 2), 1 refused"
    ) in summary
    assert f"{dirty}:1 (id t1): Loaded_Language 5–24 → 3–22 (utf16)" in captured.err
    assert f"skipped: {dirty}:7 (id p7)" in captured.err
    entries = _read(report)
    realigned = [e for e in entries if e["kind"] == "realigned"]
    assert len(realigned) == 8
    for entry in realigned:
        assert set(entry) >= {"file", "line", "id", "label", "old", "new", "rule"}
        assert entry["file"] == str(dirty)
        record = next(r for r in DIRTY if r["id"] == entry["id"])
        assert DIRTY.index(record) + 1 == entry["line"]
        given = [
            (lab["start"], lab["end"])
            for lab in record["labels"]
            if lab["technique"] == entry["label"]
        ]
        assert tuple(entry["old"]) in given
        assert (*entry["new"], entry["label"]) in EXPECTED[entry["id"]]
    rules = {(e["id"], e["label"]): e["rule"] for e in realigned}
    assert rules[("t1", "Loaded_Language")] == "utf16"
    assert rules[("t2", "Name_Calling-Labeling")] == "nearest"
    assert rules[("t3", "Loaded_Language")] == "nearest"
    assert rules[("p4", "Name_Calling-Labeling")] == "normalized"
    assert rules[("p5", "Loaded_Language")] == "normalized"
    assert rules[("p6", "Slogans")] == "nearest"
    refused = [e for e in entries if e["kind"] == "refused"]
    assert len(refused) == 1 and refused[0]["where"].endswith("dev.jsonl:7 (id p7)")


def test_strict_refuses_instead_of_realigning(tmp_path, dirty, capsys):
    db = str(tmp_path / "s.db")
    assert main(_import_args(dirty, db, "--strict")) == 1
    assert "--strict" in capsys.readouterr().err
    assert main(_import_args(dirty, db, "--strict", "--skip-invalid")) == 0
    out = capsys.readouterr().out
    assert "4 exact, 0 realigned, 9 refused" in out
    store = Store.open(db)
    spans = store.spans(store.document_by_external_id("p11").id)
    assert [(s.start, s.end) for s in spans] == [(0, 13), (14, 18)]
    assert store.spans(store.document_by_external_id("t1").id) == []
    store.close()


def test_export_round_trip_passes_the_checker(tmp_path, dirty, capsys):
    db, out = str(tmp_path / "x.db"), tmp_path / "out.jsonl"
    assert main(_import_args(dirty, db, "--skip-invalid")) == 0
    assert main(["export", "--db", db, "--format", "araieval", "-o", str(out)]) == 0
    lines = _read(out)
    assert [r["id"] for r in lines] == [r["id"] for r in DIRTY]  # one line per input id
    for line, source in zip(lines, DIRTY, strict=True):
        assert line["text"] == source["text"] and line["type"] == source["type"]
        assert [(lab["start"], lab["end"], lab["technique"]) for lab in line["labels"]] == EXPECTED[
            line["id"]
        ]
        for lab in line["labels"]:
            assert lab["technique"] in TECHNIQUES_23
            assert line["text"][lab["start"] : lab["end"]] == lab["text"]
    assert check_file(out) == []
    assert check_file(out, reference=dirty) == []
    # and the repaired file is a clean input: importing it again changes nothing
    again = Store.open(str(tmp_path / "again.db"))
    report = import_path(again, out, ImportOptions(format="araieval", annotator="gold"))
    again.close()
    assert report.realigned == {} and report.spans_exact == 12


def test_clean_file_round_trips_byte_for_byte(tmp_path, capsys):
    clean = [
        {
            "id": "1",
            "text": T11,
            "labels": [
                _label(T11, "النظام الفاسد", "Name_Calling-Labeling"),
                _label(T11, "يكذب", "Loaded_Language"),
            ],
            "type": "paragraph",
        },
        {"id": "2", "text": T8, "labels": [], "type": "paragraph"},
        {
            "id": "3",
            "text": T1,
            "labels": [
                _label(T1, "😡 الميليشيات", "Loaded_Language"),
                _label(T1, "مجزرة", "Exaggeration-Minimisation"),
                _label(T1, "مجزرة", "Loaded_Language"),
            ],
            "type": "tweet",
        },
    ]
    src = tmp_path / "clean.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n" for r in clean),
        encoding="utf-8",
    )
    db, out = str(tmp_path / "c.db"), tmp_path / "out.jsonl"
    assert main(["import", str(src), "--db", db, "--annotator", "gold"]) == 0  # detected
    assert "0 realigned" in capsys.readouterr().out
    assert main(["export", "--db", db, "--format", "araieval", "-o", str(out)]) == 0
    assert out.read_bytes() == src.read_bytes()
    assert check_file(out, reference=src) == []


def test_no_technique_is_not_a_span(tmp_path):
    src = _write(
        tmp_path / "n.jsonl",
        [
            {"id": "a", "text": T9, "labels": [{"technique": "no_technique"}], "type": "tweet"},
            {"id": "b", "text": T8, "labels": ["no_technique"], "type": "paragraph"},
            {
                "id": "c",
                "text": T11,
                "labels": [
                    {"start": 0, "end": 0, "technique": "no_technique", "text": ""},
                    _label(T11, "يكذب", "Loaded_Language"),
                ],
                "type": "paragraph",
            },
        ],
    )
    a, b, c = get_format("araieval").read(src)
    assert a.spans == [] and b.spans == [] and b.doc_labels == []
    assert [(s.start, s.end, s.label) for s in c.spans] == [(14, 18, "Loaded_Language")]


def _out(rid: str, annotator: str, labelset: str, spans: tuple[OutSpan, ...]) -> OutRecord:
    return OutRecord(
        external_id=rid,
        text=T11,
        title="",
        source="",
        meta={},
        annotator=annotator,
        status="done",
        labelset=labelset,
        labelset_version="1",
        spans=spans,
    )


def test_writer_refuses_a_second_line_for_an_id(tmp_path):
    span = OutSpan(14, 18, "Loaded_Language", "يكذب")
    target = tmp_path / "o.jsonl"
    with pytest.raises(FormatError, match=r"'p11'.*'gold' and 'amal'.*--annotator"):
        get_format("araieval").write(
            [_out("p11", "gold", LS, (span,)), _out("p11", "amal", LS, (span,))], target
        )
    with pytest.raises(FormatError, match=r"'p11'.*several label sets.*--labelset"):
        get_format("araieval").write(
            [_out("p11", "gold", LS, (span,)), _out("p11", "gold", "other", ())], target
        )


def test_writer_refuses_a_technique_outside_the_23(tmp_path):
    bad = _out("p11", "gold", "media-bias-ar", (OutSpan(0, 13, "LOADED_TERM", "النظام الفاسد"),))
    with pytest.raises(FormatError, match=r"'p11'.*'LOADED_TERM'.*media-bias-ar.*--labelset"):
        get_format("araieval").write([bad], tmp_path / "o.jsonl")


def test_export_with_gold_in_two_label_sets_and_two_annotators(tmp_path, dirty, capsys):
    db, out = str(tmp_path / "x.db"), tmp_path / "out.jsonl"
    assert main(_import_args(dirty, db, "--skip-invalid")) == 0
    native = _write(
        tmp_path / "mb.jsonl",
        [
            {
                "id": "p11",
                "text": T11,
                "annotator": "gold",
                "format": "annotator-jsonl/1",
                "labelset": {"name": "media-bias-ar", "version": "1"},
                "spans": [{"start": 0, "end": 13, "label": "LOADED_TERM", "text": "النظام الفاسد"}],
            }
        ],
    )
    assert main(["import", str(native), "--db", db]) == 0
    capsys.readouterr()
    # ArAIEval holds persuasion techniques only: without --labelset the export takes that
    # label set's spans and leaves media-bias-ar out, so the checker accepts the file
    assert main(["export", "--db", db, "--format", "araieval", "-o", str(out)]) == 0
    assert check_file(out, reference=dirty) == []
    assert "LOADED_TERM" not in out.read_text(encoding="utf-8")
    # asking for another label set explicitly is refused, naming the fix, with no file left
    out.unlink()
    assert (
        main(
            [
                "export",
                "--db",
                db,
                "--format",
                "araieval",
                "--labelset",
                "media-bias-ar",
                "-o",
                str(out),
            ]
        )
        == 2
    )
    assert "--labelset persuasion-techniques-23" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl*"))
    assert (
        main(["export", "--db", db, "--format", "araieval", "--labelset", LS, "-o", str(out)]) == 0
    )
    assert check_file(out, reference=dirty) == []
    # a second annotator: the format holds one annotator's labels
    other = _write(
        tmp_path / "amal.jsonl",
        [{"id": "p11", "text": T11, "type": "paragraph", "labels": [_label(T11, "يكذب", "Doubt")]}],
    )
    assert (
        main(["import", str(other), "--format", "araieval", "--annotator", "amal", "--db", db]) == 0
    )
    capsys.readouterr()
    assert (
        main(["export", "--db", db, "--format", "araieval", "--labelset", LS, "-o", str(out)]) == 2
    )
    assert "--annotator" in capsys.readouterr().err
    assert (
        main(["export", "--db", db, "--format", "araieval", "--annotator", "amal", "-o", str(out)])
        == 0
    )
    lines = _read(out)
    assert len(lines) == len(DIRTY) and check_file(out, reference=dirty) == []
    assert [lab["technique"] for r in lines for lab in r["labels"]] == ["Doubt"]


def test_repeated_ids_in_an_araieval_file(tmp_path, store: Store):
    same = "الاحتلال الغاشم يواصل عدوانه"
    src = _write(
        tmp_path / "dup.jsonl",
        [
            {
                "id": "d1",
                "text": same,
                "type": "paragraph",
                "labels": [_label(same, "الاحتلال الغاشم", "Loaded_Language")],
            },
            {"id": "d2", "text": T8, "labels": [], "type": "paragraph"},
            {
                "id": "d1",
                "text": same,
                "type": "paragraph",
                "labels": [_label(same, "عدوانه", "Loaded_Language")],
            },
            {"id": "d2", "text": "نص آخر", "labels": [], "type": "paragraph"},
        ],
    )
    with pytest.raises(ImportFailed) as failure:
        import_path(store, src, ImportOptions(format="araieval", annotator="gold"))
    assert any("dup.jsonl:4 (id d2)" in p and "line 2" in p for p in failure.value.report.problems)
    assert store.document_count() == 0
    import_path(store, src, ImportOptions(format="araieval", annotator="gold", skip_invalid=True))
    spans = store.spans(store.document_by_external_id("d1").id)
    assert [s.text for s in spans] == ["الاحتلال الغاشم", "عدوانه"]  # same text: merged
    out = tmp_path / "out.jsonl"
    from annotator.exporting import ExportOptions, export_to

    export_to(store, out, ExportOptions(format="araieval"))
    assert [r["id"] for r in _read(out)] == ["d1", "d2"]
    assert check_file(out) == []
    # the checker names the input's own repetition
    assert any("dup.jsonl:3: duplicate id 'd1'" in p for p in check_file(src))


def test_doccano_surrogate_splitting_offset_and_utf16(tmp_path, capsys):
    text = "🇸🇾🇸🇾 عاشت سوريا حرة أبية 👍🏽 والموت للخونة"
    s1, s2 = text.index("عاشت سوريا حرة"), text.index("للخونة")
    src = _write(
        tmp_path / "d.jsonl",
        [
            {
                "id": 1,
                "text": text,
                "label": [
                    [_utf16(text, s1), _utf16(text, s1 + 14), "Slogans"],
                    [_utf16(text, s2), _utf16(text, s2 + 6), "Name_Calling-Labeling"],
                ],
            },
            {"id": 2, "text": "😀x", "label": [[1, 3, "Loaded_Language"]]},
        ],
    )
    db = str(tmp_path / "d.db")
    args = [
        "import",
        str(src),
        "--format",
        "doccano",
        "--labelset",
        LS,
        "--annotator",
        "gold",
        "--db",
        db,
        "--offsets",
        "utf16",
    ]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "d.jsonl:2 (id 2)" in err and "surrogate pair" in err and "d.jsonl:1" not in err
    assert main([*args, "--skip-invalid"]) == 0
    store = Store.open(db)
    spans = store.spans(store.document_by_external_id("1").id)
    assert [s.text for s in spans] == ["عاشت سوريا حرة", "للخونة"]
    store.close()
    # read as code points, the same offsets are flagged: they cut words there, not in UTF-16
    given = [(_utf16(text, s1), _utf16(text, s1 + 14)), (_utf16(text, s2), _utf16(text, s2 + 6))]
    hint = unit_evidence(text, given, "codepoints")
    assert hint is not None and "--offsets utf16" in hint
    assert unit_evidence(text, given, "utf16") is None


# ------------------------------------------------------------------ realign: record evidence
def test_boundary_warnings_name_cut_diacritics_without_guessing_units():
    text = "😀 كَتَبَ"
    only = boundary_warnings(text, 2, 3)
    assert only and all("--offsets" not in w for w in only)  # the fatha is cut
    assert boundary_warnings(text, 2, 4) == []


def test_emoji_alone_are_no_evidence_of_utf16_offsets():
    text = "عاجل 🔥🔥 قصفت الميليشيات الطائفية حيّ الشهداء"
    s = text.index("الميليشيات الطائفية")
    # code-point offsets on whole words: the text has emoji, but nothing suggests UTF-16
    assert unit_evidence(text, [(s, s + 19)], "codepoints") is None


def test_repetition_spans_read_as_utf16_when_the_record_proves_it():
    # Seven emoji before "الحرية الحرية": the UTF-16 offsets of the first repetition point
    # exactly at the second one (7 extra units = len("الحرية ")), which alone looks "exact".
    text = "😡😡😡😡😡😡😡 الشعب يريد الحرية الحرية الحرية"
    first = text.index("الحرية")
    given = _utf16(text, first)
    assert text[given : given + 6] == "الحرية"  # the coincidence this test is about
    spans = [
        (_utf16(text, first), _utf16(text, first) + 6, "الحرية"),
        (
            _utf16(text, text.index("الشعب يريد")),
            _utf16(text, text.index("الشعب يريد")) + 10,
            "الشعب يريد",
        ),
    ]
    placed = place_spans(text, spans)
    assert placed[1] is not None and placed[1].rule == "utf16"
    assert placed[0] is not None and (placed[0].start, placed[0].rule) == (first, "utf16")


def test_exact_spans_stay_exact_without_utf16_evidence():
    text = "😡 الحرية الحرية"
    placed = place_spans(text, [(2, 8, "الحرية"), (9, 15, "الحرية")])
    assert [(p.start, p.rule) for p in placed] == [(2, "exact"), (9, "exact")]


def test_ambiguous_span_stays_between_its_certain_neighbours():
    # Two user names shortened (shifts 13 then 26); the ambiguous span lies after the second.
    orig = "@someone_long_1 الشعب يريد الحرية @someone_long_2 الحرية الحرية النظام المجرم"
    text = "@USER الشعب يريد الحرية @USER الحرية الحرية النظام المجرم"

    def given(piece: str, k: int = 0) -> tuple[int, int, str]:
        i = -1
        for _ in range(k + 1):
            i = orig.index(piece, i + 1)
        return i, i + len(piece), piece

    placed = place_spans(text, [given("الشعب يريد"), given("الحرية", 1), given("النظام المجرم")])
    second = text.index("الحرية", text.index("@USER", 1))
    assert [p.rule for p in placed] == ["nearest"] * 3
    assert placed[1].start == second
    assert text[placed[2].start : placed[2].end] == "النظام المجرم"


def test_ambiguous_span_never_jumps_over_a_certain_neighbour():
    # Shifts before AND after the ambiguous span, so no neighbour's delta fits it; the plain
    # nearest occurrence (after "هتاف") would reorder the text: the order constraint wins.
    orig = "نظام @aaaaaaaaaaaaaaaaaaaa الحرية @bbbbbbbbbbbbbbbbbbbb هتاف الحرية"
    text = "نظام @USER الحرية @USER هتاف الحرية"
    s = orig.index("الحرية")
    h = orig.index("هتاف")
    placed = place_spans(text, [(0, 4, "نظام"), (s, s + 6, "الحرية"), (h, h + 4, "هتاف")])
    assert placed[1] is not None and placed[1].start == text.index("الحرية")
    assert placed[2] is not None and placed[2].start == text.index("هتاف")


def test_checker_reports_a_non_string_technique_instead_of_crashing(tmp_path):
    src = _write(
        tmp_path / "p.jsonl",
        [
            {"id": "a", "text": T11, "labels": [{"start": 0, "end": 4, "technique": ["Doubt"]}]},
            {"id": "b", "text": T11, "labels": [{"start": 0, "end": 4, "technique": {"x": 1}}]},
        ],
    )
    problems = check_file(src, reference=src)
    assert problems == [
        f"{src}:1: label 0: 'technique' must be a string, got ['Doubt']",
        f"{src}:2: label 0: 'technique' must be a string, got {{'x': 1}}",
    ]
