"""Lexicon loading (annotator.lexicon) and Arabic-aware matching (annotator.text.matching)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.labelsets import parse_labelset
from annotator.lexicon import (
    LexiconEntry,
    LexiconError,
    lexicon_from_labelset,
    load_lexicon,
    parse_text_lexicon,
    parse_yaml_lexicon,
)
from annotator.text.matching import Match, Matcher
from annotator.text.normalise import normalize_text

SEED_TERMS = {
    "LOADED_TERM": ["الميليشيات الطائفية", "شهداء", "شهيد", "الثوار", "عصابات", "إرهابيين"],
    "DELEGITIMISING_LABEL": ["نظام الأسد", "قوات الأسد"],
}
PROCLITICS = {"", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "ولل", "فلل"}


def seed_matcher(mode: str = "clitics") -> Matcher:
    return Matcher([LexiconEntry(t, label, mode) for label, ts in SEED_TERMS.items() for t in ts])


def spans_of(matches: list[Match], term: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in matches if m.term == term]


def regex_spans(text: str, *patterns: str) -> list[tuple[int, int]]:
    """Group-1 spans of whole-word regexes over the RAW text: an independent oracle."""
    found = set()
    for pattern in patterns:
        for m in re.finditer(rf"(?<![\w\u064b-\u065f]){pattern}(?![\w\u064b-\u065f])", text):
            found.add(m.span(1))
    return sorted(found)


def _is_wordish(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) == "Mn" or ch == "\u0640"


def assert_word_bounded(text: str, m: Match) -> None:
    """The span ends at a word end, and only proclitics precede it inside its word."""
    assert m.end == len(text) or not _is_wordish(text[m.end]), (text[m.start : m.end + 2], m)
    w = m.start
    while w > 0 and _is_wordish(text[w - 1]):
        w -= 1
    assert normalize_text(text[w : m.start]) in PROCLITICS, (text[w : m.end], m)


# ---------------------------------------------------------------- the seed article
def test_seed_article_every_loaded_term_with_exact_offsets(seed_text):
    matches = seed_matcher().find(seed_text)
    t = seed_text
    militia = spans_of(matches, "الميليشيات الطائفية")
    assert militia == regex_spans(
        t, r"[وف]?[بك]?(الميليشيات الطائفية)", r"[وف]?لل(ميليشيات الطائفية)"
    )
    assert len(militia) == 3 and all(t[s:e] == "الميليشيات الطائفية" for s, e in militia)
    assert all(t[s - 1] == "و" for s, _ in militia)  # all three are written والميليشيات

    rebels = spans_of(matches, "الثوار")
    assert rebels == regex_spans(t, r"[وف]?[بك]?(الثوار)", r"[وف]?لل(ثوار)")
    assert "ثوار" in [t[s:e] for s, e in rebels]  # "للثوار": the span is the stem after لل
    assert (t.index("للثوار") + 2, t.index("للثوار") + 6) in rebels

    martyrs = spans_of(matches, "شهداء")
    assert martyrs == regex_spans(
        t, r"[وف]?[بك]?((?:ال)?شهداء)", r"[وف]?ل(شهداء)", r"[وف]?لل(شهداء)"
    )
    assert {t[s:e] for s, e in martyrs} == {"شهداء", "الشهداء"}
    assert (t.index("والشهداء") + 1, t.index("والشهداء") + 8) in martyrs

    martyr = spans_of(matches, "شهيد")
    assert martyr == regex_spans(t, r"[وف]?[بكل]?((?:ال)?شهيد(?:اً|ًا|ا)?)")
    assert sorted(t[s:e] for s, e in martyr) == ["شهيد", "شهيداً"]

    for term in ("نظام الأسد", "قوات الأسد"):
        found = spans_of(matches, term)
        assert found == regex_spans(t, rf"[وف]?[بكل]?({term})")
        assert found and all(t[s:e] == term for s, e in found)
    assert "نظام بشار الأسد" in t and not any(
        t[s:e].startswith("نظام بشار") for s, e in spans_of(matches, "نظام الأسد")
    )
    # Terms absent from the seed are not invented there.
    assert spans_of(matches, "عصابات") == [] and spans_of(matches, "إرهابيين") == []
    for m in matches:
        assert_word_bounded(t, m)
    assert matches == sorted(matches)


def test_seed_terms_absent_from_seed_are_found_elsewhere():
    text = "هاجمت العصابات المسلحة الحي، وقال إن الإرهابيين وعصابات أخرى فرّوا، وللإرهابيين قاعدة."
    matches = seed_matcher().find(text)
    assert [text[m.start : m.end] for m in matches if m.term == "عصابات"] == ["العصابات", "عصابات"]
    # وللإرهابيين: the preposition ل and the alef are drawn as one lam-alef glyph, so the
    # span cannot start between them: it keeps the ل (and never shows half a ligature).
    assert [text[m.start : m.end] for m in matches if m.term == "إرهابيين"] == [
        "الإرهابيين",
        "لإرهابيين",
    ]


def test_clitic_boundary_never_splits_a_lam_alef_ligature():
    found = find_texts(
        ["الانتخابات", "إرهابيين", "اللاجئين"], "للانتخابات ولإرهابيين للاجئين بالانتخابات"
    )
    assert found == ["لانتخابات", "لإرهابيين", "لاجئين", "الانتخابات"]


# ---------------------------------------------------------------- clitic rules
def find_texts(terms: list[str], text: str, mode: str = "clitics") -> list[str]:
    matcher = Matcher([LexiconEntry(t, "L", mode) for t in terms])
    return [text[m.start : m.end] for m in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("والميليشيات الطائفية", "الميليشيات الطائفية"),
        ("بالميليشيات الطائفية", "الميليشيات الطائفية"),
        ("فبالميليشيات الطائفية", "الميليشيات الطائفية"),
        ("كالميليشيات الطائفية", "الميليشيات الطائفية"),
        ("للميليشيات الطائفية", "ميليشيات الطائفية"),  # ل + ال = لل: the span is the term minus ال
        ("وللميليشيات الطائفية", "ميليشيات الطائفية"),
        ("الميليشيات\n   الطائفية", "الميليشيات\n   الطائفية"),  # any whitespace run
    ],
)
def test_definite_term_through_clitics(text, expected):
    assert find_texts(["الميليشيات الطائفية"], text) == [expected]


def test_definite_term_does_not_match_without_its_article():
    assert find_texts(["الثوار"], "ثوار الجيش الحر") == []
    assert find_texts(["الميليشيات الطائفية"], "ميليشيات طائفية") == []


def test_stem_starting_with_lam_keeps_the_second_lam():
    assert find_texts(["اللاجئين"], "قدمت المساعدات للاجئين") == ["لاجئين"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شهداء", "شهداء"),
        ("الشهداء", "الشهداء"),
        ("والشهداء", "الشهداء"),
        ("بالشهداء", "الشهداء"),
        ("للشهداء", "شهداء"),
        ("لشهداء", "شهداء"),
        ("وشهداء", "شهداء"),
        ("فكشهداء", "شهداء"),
        ("الشُّهَدَاءُ", "الشُّهَدَاءُ"),
        ("شـــهداء", "شـــهداء"),
    ],
)
def test_indefinite_term_with_clitics_and_article(text, expected):
    assert find_texts(["شهداء"], text) == [expected]


@pytest.mark.parametrize("word", ["شهيداً", "شهيدًا", "شهيدا", "والشهيدُ", "شَهِيدٍ"])
def test_tanween_alef_and_diacritics_cover_the_whole_word(word):
    text = f"سقط {word} أمس"
    found = find_texts(["شهيد"], text)
    assert len(found) == 1
    assert found[0] == word.removeprefix("و")


def test_no_tanween_alef_after_teh_marbuta_or_final_alef():
    assert find_texts(["ضحية"], "ضحيةا") == []
    assert find_texts(["ضحية"], "ضحيةً") == ["ضحيةً"]
    assert find_texts(["شهيدا"], "شهيداا") == []


@pytest.mark.parametrize(
    "text",
    [
        "استشهاد",
        "مشهيد",
        "شهيدكم",
        "الشهيدين",
        "شهيدة",
        "رشيد",
        "شهيد_",
        "شهيد2",
    ],
)
def test_never_inside_a_longer_word(text):
    assert find_texts(["شهيد"], f"قال {text} ذلك") == []


def test_stem_letters_are_never_taken_for_clitics():
    # وطن is a word, not و + طن; short terms take no clitics at all.
    assert find_texts(["طن"], "حب الوطن وطن الطن") == []
    assert find_texts(["طن"], "عشرة طن") == ["طن"]
    # ب is a stem letter in بلد: the term لد must not be found in it.
    assert find_texts(["لد"], "بلد") == []


def test_multiword_terms_need_whitespace_and_every_word():
    assert find_texts(["نظام الأسد"], "نظام، الأسد") == []
    assert find_texts(["نظام الأسد"], "نظام بشار الأسد") == []
    assert find_texts(["نظام الأسد"], "نظام") == []
    assert find_texts(["نظام الأسد"], "لنظام \t الأسد.") == ["نظام \t الأسد"]


def test_overlapping_terms_are_all_returned_sorted():
    matches = Matcher(
        [
            LexiconEntry("ميليشيات", "LOADED"),
            LexiconEntry("ميليشيات الأسد", "NAME"),
            LexiconEntry("الأسد", "NAME"),
        ]
    ).find("هاجمت ميليشيات الأسد")
    assert [(m.start, m.end, m.label, m.term) for m in matches] == [
        (6, 14, "LOADED", "ميليشيات"),
        (6, 20, "NAME", "ميليشيات الأسد"),
        (15, 20, "NAME", "الأسد"),
    ]


def test_same_range_two_labels_both_kept():
    matches = Matcher([LexiconEntry("شهداء", "A"), LexiconEntry("شهداء", "B")]).find("شهداء")
    assert [(m.label, m.start, m.end) for m in matches] == [("A", 0, 5), ("B", 0, 5)]


def test_modes():
    text = "شهيد الشهيد شَهِيد شهيداً"
    assert find_texts(["شهيد"], text, "exact") == ["شهيد"]
    assert find_texts(["شَهِيد"], text, "exact") == ["شَهِيد"]
    assert find_texts(["شهيد"], text, "normalized") == ["شهيد", "شَهِيد"]
    assert find_texts(["شهيد"], text, "clitics") == ["شهيد", "الشهيد", "شَهِيد", "شهيداً"]
    m = Matcher([LexiconEntry("شهيد", "L", "exact")]).find("شهيد")[0]
    assert m == Match(0, 4, "L", "شهيد", "exact")


def test_alef_variants_and_ligatures_in_text_and_term():
    assert find_texts(["الأسد"], "الاسد والأسد") == ["الاسد", "الأسد"]
    assert find_texts(["إرهابيين"], "ارهابيين") == ["ارهابيين"]
    assert find_texts(["بلاد"], "ب\ufefbد") == ["ب\ufefbد"]  # lam-alef presentation form


def test_empty_text_and_empty_matcher():
    assert seed_matcher().find("") == []
    assert Matcher([]).find("شهيد") == []


# ---------------------------------------------------------------- properties
WORDS = ["قال", "في", "مدينة", "حلب", "وطن", "استشهاد", "الجيش", "رشيد", "طن", "قتلى"]
TERMS = ["شهيد", "شهداء", "الثوار", "نظام الأسد", "الميليشيات الطائفية", "طن"]
MARKS = ["\u064e", "\u064b", "\u0651", "\u0652", "\u0640", "\u0650"]


@st.composite
def planted_text(draw):
    """Random filler words and planted terms with random clitics, marks and tatweel."""
    parts, planted = [], []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            term = draw(st.sampled_from(TERMS[:-1]))
            prefix = draw(st.sampled_from(["", "و", "ف", "ب", "وب"]))
            parts.append(prefix)
            planted.append(term)
            word = term
        else:
            word = draw(st.sampled_from(WORDS))
        chars = []
        for ch in word:
            chars.append(ch)
            if ch != " " and draw(st.integers(0, 4)) == 0:
                chars.append(draw(st.sampled_from(MARKS)))
        parts.append("".join(chars))
        parts.append(draw(st.sampled_from([" ", "  ", "\n", "، "])))
    return "".join(parts), planted


@given(planted_text())
@settings(max_examples=300, deadline=None)
def test_every_match_normalises_to_its_term(sample):
    text, planted = sample
    matcher = Matcher([LexiconEntry(t, "L") for t in TERMS])
    matches = matcher.find(text)
    for m in matches:
        got = " ".join(normalize_text(text[m.start : m.end]).split())
        term = normalize_text(m.term)
        allowed = {term, "ال" + term, term + "ا", "ال" + term + "ا"}
        if term.startswith("ال"):
            allowed.add(term[2:])
        assert got in allowed, (text, m)
        assert_word_bounded(text, m)
    # Recall: every planted term is found (a term never hides inside filler words).
    found_terms = sorted(m.term for m in matches if m.term != "طن")
    for term in set(planted):
        assert found_terms.count(term) >= planted.count(term), (text, planted, matches)


# ---------------------------------------------------------------- lexicon files
def test_lexicon_from_labelset_terms():
    ls = parse_labelset(
        "name: t\nversion: 1\nlabels:\n"
        "  - {key: A, name: {en: A}, color: '#ff0000', terms: [شهيد, شهداء]}\n"
        "  - {key: B, name: {en: B}, color: '#00ff00'}\n"
    )
    lex = lexicon_from_labelset(ls)
    assert [(e.term, e.label, e.mode) for e in lex.entries] == [
        ("شهيد", "A", "clitics"),
        ("شهداء", "A", "clitics"),
    ]
    assert lexicon_from_labelset(ls, label="B").entries == ()
    assert {e.mode for e in lexicon_from_labelset(ls, mode="exact").entries} == {"exact"}


def test_yaml_lexicon_with_modes(tmp_path):
    path = tmp_path / "lex.yaml"
    path.write_text(
        "mode: normalized\n"
        "LOADED_TERM: [شهداء, شهيد]\n"
        "DELEGITIMISING_LABEL:\n"
        "  mode: exact\n"
        "  terms:\n"
        "    - نظام الأسد\n",
        encoding="utf-8",
    )
    lex = load_lexicon(path)
    assert [(e.term, e.label, e.mode) for e in lex.entries] == [
        ("شهداء", "LOADED_TERM", "normalized"),
        ("شهيد", "LOADED_TERM", "normalized"),
        ("نظام الأسد", "DELEGITIMISING_LABEL", "exact"),
    ]
    assert lex.entries[2].origin == f"{path}:6"
    assert {e.mode for e in load_lexicon(path, mode="clitics").entries} == {"clitics"}
    assert load_lexicon(path, label="LOADED_TERM").labels == ("LOADED_TERM",)


def test_yaml_labelset_file_is_a_lexicon(tmp_path):
    path = tmp_path / "ls.yml"
    path.write_text(
        "name: x\nlabels:\n  - key: A\n    terms: [شهيد]\n  - key: B\n", encoding="utf-8"
    )
    assert [(e.term, e.label) for e in load_lexicon(path).entries] == [("شهيد", "A")]


def test_text_lexicon_comments_blank_lines_and_dedup(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_bytes("\ufeff# loaded terms\r\nشهداء\r\n\r\nالثوار   # rebels\r\nشهداء\r\n".encode())
    lex = load_lexicon(path, label="LOADED_TERM")
    assert [(e.term, e.origin) for e in lex.entries] == [
        ("شهداء", f"{path}:2"),
        ("الثوار", f"{path}:4"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.yaml", "A: [شهيد\nB: x\n", "bad.yaml:2: invalid YAML"),
        ("mode.yaml", "mode: fuzzy\nA: [شهيد]\n", "mode.yaml:1: unknown mode 'fuzzy'"),
        (
            "nested.yaml",
            "A:\n  - شهيد\n  - {x: 1}\n",
            "nested.yaml:3: a term must be a single value",
        ),
        ("key.yaml", "A:\n  termz: [x]\n", "key.yaml:2: unknown key 'termz'"),
        ("empty.yaml", "", "empty.yaml:1: the file is empty"),
        ("list.yaml", "- a\n- b\n", "list.yaml:1: expected a mapping"),
        ("marks.yaml", 'A:\n  - شهيد\n  - "\u064e\u064e"\n', "marks.yaml:3: term"),
        ("none.txt", "# only a comment\n\n", "none.txt:1: no terms"),
    ],
)
def test_bad_lexicon_files_name_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as exc:
        load_lexicon(path, label="A")
    assert message in str(exc.value)
    assert str(path) in str(exc.value)


def test_plain_list_needs_a_label_and_utf8(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("شهيد\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="needs a label"):
        load_lexicon(path)
    path.write_bytes("شهيد\n".encode() + b"\xff\xfe\n")
    with pytest.raises(LexiconError, match=r"t\.txt:2: not valid UTF-8"):
        load_lexicon(path, label="A")
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "missing.txt", label="A")


def test_parse_functions_directly():
    assert len(parse_text_lexicon("a\nb\n", "<s>", "L")) == 2
    assert parse_yaml_lexicon("L: single\n", "<s>").entries[0].term == "single"


def test_hamza_alef_words_are_not_taken_for_the_article():
    # إلغاء normalises to الغاء, but its alef is a hamza, not the article's.
    assert find_texts(["إلغاء"], "طالب بالإلغاء والإلغاء وإلغاء") == ["الإلغاء", "الإلغاء", "إلغاء"]
    assert find_texts(["ألم"], "والألم") == ["الألم"]


def test_offsets_stay_exact_around_astral_and_invisible_characters():
    text = "\ufeff😀 قال\u200f «والثوار» 👍🏽 نظام\u00a0الأسد\u200c، شهيد\u200d"
    matches = seed_matcher().find(text)
    assert [(text[m.start : m.end], m.term) for m in matches] == [
        ("الثوار", "الثوار"),
        ("نظام\u00a0الأسد", "نظام الأسد"),
        ("شهيد", "شهيد"),
    ]


def test_hamza_on_waw_kept_by_default_folded_on_request():
    entries = [LexiconEntry("مسؤول", "L")]
    text = "قال مسوول ومسؤول ومسو\u0654ول"  # bare waw, composed ؤ, decomposed و + hamza above
    assert [text[m.start : m.end] for m in Matcher(entries).find(text)] == ["مسؤول", "مسو\u0654ول"]
    assert [text[m.start : m.end] for m in Matcher(entries, fold_hamza=True).find(text)] == [
        "مسوول",
        "مسؤول",
        "مسو\u0654ول",
    ]
