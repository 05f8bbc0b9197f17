"""Agreement figures against hand-computed cases, published examples and the
``krippendorff`` package (per-character arrays are built here, in the test only)."""

from __future__ import annotations

import math
import random

import pytest

from annotator.team.agreement import Comparison, compute_agreement
from annotator.team.intervals import coverage_masks, covered_length, merge, non_space_count
from annotator.team.measures import alpha_binary, alpha_nominal, kappa_binary, kappa_nominal


def compare(texts: dict[int, str], **layers: dict[int, set]) -> dict:
    return compute_agreement(Comparison.from_spans(list(layers), texts, layers))


def only_pair(result: dict) -> dict:
    (pair,) = result["pairs"]
    return pair


# ---------------------------------------------------------------- intervals
def test_merge_joins_overlapping_and_touching_ranges():
    assert merge([(5, 8), (0, 3), (3, 4), (6, 10), (12, 12)]) == [(0, 4), (5, 10)]


def test_covered_length_counts_each_point_once():
    union = merge([(2, 6), (3, 5)])
    assert covered_length(0, 4, union, [s for s, _ in union]) == 2


def test_non_space_count_uses_unicode_whitespace():
    assert non_space_count("ab\u00a0c\td\u2003e") == 5
    assert non_space_count("ab cd", 1, 4) == 2


def test_coverage_masks_cut_at_every_boundary():
    assert coverage_masks([[(0, 4)], [(2, 6)]]) == [(0, 2, 1), (2, 4, 3), (4, 6, 2)]


# ---------------------------------------------------------------- published examples
def test_cohen_kappa_matches_textbook_example():
    # Wikipedia "Cohen's kappa": 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> κ = 0.4
    assert kappa_binary(20, 5, 10, 15) == pytest.approx(0.4)


def test_alpha_nominal_matches_krippendorff_2011_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal data:
    # 4 coders, 12 units with missing values; published α = 0.743.
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [[r[u] for r in rows if r[u] is not None] for u in range(12)]
    assert alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)


# ---------------------------------------------------------------- exact F1
def test_exact_f1_is_micro_over_documents_and_labels():
    texts = {1: "a" * 10, 2: "b" * 10}
    a = {1: {(0, 2, "X"), (3, 5, "X")}, 2: {(0, 4, "Y")}}
    b = {1: {(0, 2, "X")}, 2: {(0, 4, "Y"), (6, 8, "Y")}}
    pair = only_pair(compare(texts, a=a, b=b))
    assert pair["exact_f1"] == pytest.approx(2 * 2 / 6)
    assert pair["labels"]["X"]["exact_f1"] == pytest.approx(2 / 3)
    assert pair["labels"]["Y"]["exact_f1"] == pytest.approx(2 / 3)
    assert (pair["labels"]["X"]["a_spans"], pair["labels"]["X"]["b_spans"]) == (2, 1)


def test_same_range_with_other_label_is_no_exact_match():
    pair = only_pair(compare({1: "abcdef"}, a={1: {(0, 3, "X")}}, b={1: {(0, 3, "Y")}}))
    assert pair["exact_f1"] == 0
    assert pair["partial_f1"] == 0


# ---------------------------------------------------------------- partial F1
def test_partial_credit_counts_a_point_covered_twice_once():
    # A: [0,4) X. B: [2,6) X and [3,5) X overlapping.
    # A's credit: points 2,3 of 4 -> 0.5.  B's: [2,6) has 2,3 -> 0.5; [3,5) has 3 -> 0.5.
    # The official SemEval scorer would give A 2/4 + 1/4 = 0.75.
    pair = only_pair(
        compare({1: "abcdefghij"}, a={1: {(0, 4, "X")}}, b={1: {(2, 6, "X"), (3, 5, "X")}})
    )
    assert pair["partial_f1"] == pytest.approx(0.5)


def test_partial_f1_of_overlapping_layer_against_itself_is_one():
    spans = {1: {(0, 4, "X"), (2, 6, "X"), (1, 3, "X")}}
    pair = only_pair(compare({1: "abcdefghij"}, a=spans, b=spans))
    assert pair["partial_f1"] == 1.0
    assert pair["exact_f1"] == 1.0


def semeval_partial_f1(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]) -> float:
    """The SemEval-2020 Task 11 formula, written out pair by pair (the reference)."""

    def score(xs, ys):
        total = 0.0
        for s in xs:
            for t in ys:
                if s[2] == t[2]:
                    total += max(0, min(s[1], t[1]) - max(s[0], t[0])) / (s[1] - s[0])
        return total / len(xs)

    p, r = score(a, b), score(b, a)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def random_non_overlapping(rng: random.Random, length: int) -> set[tuple[int, int, str]]:
    spans = set()
    for label in "XY":
        position = rng.randrange(3)
        while position < length - 2:
            start = position + rng.randrange(3)
            end = start + 1 + rng.randrange(4)
            if end > length:
                break
            if rng.random() < 0.6:
                spans.add((start, end, label))
            position = end
    return spans


def test_partial_f1_equals_semeval_formula_without_same_label_overlaps():
    rng = random.Random(4)
    for _ in range(200):
        a = random_non_overlapping(rng, 30)
        b = random_non_overlapping(rng, 30)
        if not a or not b:
            continue
        pair = only_pair(compare({1: "x" * 30}, a={1: a}, b={1: b}))
        assert pair["partial_f1"] == pytest.approx(semeval_partial_f1(sorted(a), sorted(b)))


# ---------------------------------------------------------------- κ
def test_kappa_counts_non_space_points_by_interval():
    # "abcd efgh": 8 non-space points.  A: X [0,4) (4 points), B: X [0,3) (3 points).
    # n11=3 n10=1 n01=0 n00=4; po=7/8, pe=1/2·3/8+1/2·5/8=1/2, κ=0.75.
    pair = only_pair(compare({1: "abcd efgh"}, a={1: {(0, 4, "X")}}, b={1: {(0, 3, "X")}}))
    assert pair["labels"]["X"]["kappa"] == pytest.approx(0.75)


def test_kappa_skips_whitespace_inside_spans():
    # B's [2,7) "cd ef" covers points 2,3,5,6; the space at 4 is no unit.
    # n11=2 (2,3) n10=2 (0,1) n01=2 (5,6) n00=2 (7,8) -> κ=0.
    pair = only_pair(compare({1: "abcd efgh"}, a={1: {(0, 4, "X")}}, b={1: {(2, 7, "X")}}))
    assert pair["labels"]["X"]["kappa"] == pytest.approx(0.0)


def test_label_used_by_one_annotator_only_counts_in_the_pair_mean():
    # X as above (κ=0.75); Y only by A: B never varies -> κ_Y = 0; pair κ = mean = 0.375.
    a = {1: {(0, 4, "X"), (5, 7, "Y")}}
    b = {1: {(0, 3, "X")}}
    pair = only_pair(compare({1: "abcd efgh"}, a=a, b=b))
    assert pair["labels"]["Y"] == {
        "exact_f1": 0.0,
        "partial_f1": 0.0,
        "kappa": 0.0,
        "a_spans": 1,
        "b_spans": 0,
    }
    assert pair["kappa"] == pytest.approx(0.375)


def test_kappa_from_intervals_equals_per_character_kappa():
    rng = random.Random(9)
    text = "كلمة عربية  في نص\tقصير 😀 جدا وآخر"
    for _ in range(100):
        a = {(s, e, "X") for s, e, _ in random_non_overlapping(rng, len(text))}
        b = {(s, e, "X") for s, e, _ in random_non_overlapping(rng, len(text))}
        if not a and not b:
            continue
        pair = only_pair(compare({1: text}, a={1: a}, b={1: b}))
        points = [i for i, ch in enumerate(text) if not ch.isspace()]
        va = [int(any(s <= i < e for s, e, _ in a)) for i in points]
        vb = [int(any(s <= i < e for s, e, _ in b)) for i in points]
        expected = kappa_nominal(va, vb)
        got = pair["labels"]["X"]["kappa"]
        assert (got is None and expected is None) or got == pytest.approx(expected)


# ---------------------------------------------------------------- α
krippendorff = pytest.importorskip("krippendorff")


def test_alpha_from_coverage_counts_equals_krippendorff_package():
    np = pytest.importorskip("numpy")
    rng = random.Random(2)
    text = "abc def ghij klmno pq rstu vwxyz"
    points = [i for i, ch in enumerate(text) if not ch.isspace()]
    for _ in range(60):
        layers = {
            name: {1: {(s, e, "X") for s, e, _ in random_non_overlapping(rng, len(text))}}
            for name in ("a", "b", "c")
        }
        result = compare({1: text}, **layers)
        matrix = np.array(
            [
                [float(any(s <= i < e for s, e, _ in layer[1])) for i in points]
                for layer in layers.values()
            ]
        )
        if len(np.unique(matrix)) < 2:
            assert result["alpha"]["labels"].get("X") is None
            continue
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert result["alpha"]["labels"]["X"] == pytest.approx(expected)


def test_alpha_nominal_equals_package_with_missing_values():
    np = pytest.importorskip("numpy")
    rng = random.Random(5)
    for _ in range(40):
        rows = [[rng.choice([None, 1, 2, 3, 3]) for _ in range(15)] for _ in range(3)]
        units = [[r[u] for r in rows if r[u] is not None] for u in range(15)]
        matrix = np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)
        mine = alpha_nominal(units)
        try:
            expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        except ValueError:
            expected = None
        if mine is None or expected is None or math.isnan(expected):
            continue
        assert mine == pytest.approx(expected)


def test_alpha_binary_two_raters_matches_hand_computation():
    # 4 units: both 1, A only, B only, neither. n=8, n1=4, n0=4, o01=2 -> α = 1 - 7·2/16.
    assert alpha_binary([1, 2, 1], 2) == pytest.approx(1 - 7 * 2 / 16)


# ---------------------------------------------------------------- edge cases
def test_empty_documents_give_null_figures():
    result = compare({1: "", 2: "   "}, a={}, b={})
    pair = only_pair(result)
    assert result["documents"] == 2
    assert pair["exact_f1"] is None and pair["partial_f1"] is None and pair["kappa"] is None
    assert pair["labels"] == {}
    assert result["alpha"] == {"overall": None, "labels": {}}


def test_one_annotator_empty_gives_zero_not_null():
    pair = only_pair(compare({1: "abcd efgh"}, a={1: {(0, 4, "X")}}, b={}))
    assert pair["exact_f1"] == 0.0
    assert pair["partial_f1"] == 0.0
    assert pair["kappa"] == 0.0


def test_document_labels_get_kappa_per_pair_and_alpha_per_key():
    texts = {1: "a", 2: "b", 3: "c", 4: "d"}
    doc_labels = {
        "a": {1: {"stance": "pro"}, 2: {"stance": "anti"}, 3: {"stance": "pro"}},
        "b": {1: {"stance": "pro"}, 2: {"stance": "pro"}, 3: {"stance": "pro"}},
    }
    result = compute_agreement(Comparison.from_spans(["a", "b"], texts, {}, doc_labels))
    # a: pro anti pro none; b: pro pro pro none -> po=3/4; pe=(2·3+1·0+1·1)/16=7/16
    expected = (3 / 4 - 7 / 16) / (1 - 7 / 16)
    assert only_pair(result)["document_labels"]["stance"]["kappa"] == pytest.approx(expected)
    assert result["document_labels"]["alpha"]["stance"] is not None


def test_three_annotators_give_three_pairs_and_one_alpha():
    text = "abcd efgh"
    result = compare({1: text}, a={1: {(0, 4, "X")}}, b={1: {(0, 4, "X")}}, c={1: {(5, 9, "X")}})
    assert [(p["a"], p["b"]) for p in result["pairs"]] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert result["pairs"][0]["exact_f1"] == 1.0
    assert set(result["alpha"]["labels"]) == {"X"}
    assert result["alpha"]["overall"] == result["alpha"]["labels"]["X"]


def test_merged_coverage_masks_equal_the_general_sweep():
    from annotator.team.intervals import merged_coverage_masks

    rng = random.Random(8)
    for _ in range(300):
        layers = [
            merge((s, s + rng.randrange(1, 6)) for s in rng.sample(range(40), rng.randrange(0, 6)))
            for _ in range(3)
        ]

        def squash(pieces):
            out = []
            for start, end, mask in pieces:
                if out and out[-1][1] == start and out[-1][2] == mask:
                    out[-1] = (out[-1][0], end, mask)
                else:
                    out.append((start, end, mask))
            return out

        assert squash(merged_coverage_masks(layers)) == squash(coverage_masks(layers))
