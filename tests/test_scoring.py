"""scoring.py against every test vector in docs/scoring.md."""

import pytest

from app import scoring
from app.scoring import Answer


def answers(hits, n_fact, false_alarms, n_alleg):
    """A learner's answers with the given counts."""
    facts = [Answer(True, i < hits) for i in range(n_fact)]
    allegs = [Answer(False, i < false_alarms) for i in range(n_alleg)]
    return facts + allegs


@pytest.mark.parametrize(
    ("hits", "fa", "d", "h_c", "f_c", "d_prime", "c"),
    [
        (8, 3, 0.5, 0.7727, 0.3182, 1.2206, -0.1375),
        (10, 0, 1.0, 0.9545, 0.0455, 3.3812, 0.0),
        (5, 5, 0.0, 0.5, 0.5, 0.0, 0.0),
        (9, 6, 0.3, 0.8636, 0.5909, 0.8669, -0.6633),
        (3, 1, 0.2, 0.3182, 0.1364, 0.6240, 0.7848),
    ],
)
def test_detection_vectors(hits, fa, d, h_c, f_c, d_prime, c):
    result = scoring.detection(answers(hits, 10, fa, 10))
    assert result.discernment == pytest.approx(d, abs=5e-5)
    assert result.hit_rate_corrected == pytest.approx(h_c, abs=5e-5)
    assert result.false_alarm_rate_corrected == pytest.approx(f_c, abs=5e-5)
    assert result.sensitivity == pytest.approx(d_prime, abs=5e-5)
    assert result.bias == pytest.approx(c, abs=5e-5)
    assert result.hits == hits and result.false_alarms == fa
    assert result.misses == 10 - hits
    assert result.score == pytest.approx((hits + 10 - fa) / 20)


@pytest.mark.parametrize(("n_fact", "n_alleg"), [(0, 4), (4, 0), (0, 0)])
def test_detection_undefined_without_both_kinds(n_fact, n_alleg):
    result = scoring.detection(answers(min(n_fact, 2), n_fact, min(n_alleg, 1), n_alleg))
    assert result.discernment is None
    assert result.sensitivity is None
    assert result.bias is None
    assert (result.score is None) == (n_fact + n_alleg == 0)


def test_calibration_vector():
    correct = [1, 1, 0, 1, 0]
    levels = [4, 3, 4, 2, 1]
    # Build answers that are right or wrong as the vector says (all facts; right = said fact).
    result = scoring.calibration(
        [Answer(True, bool(ok), level) for ok, level in zip(correct, levels, strict=True)]
    )
    assert result.mean_probability == pytest.approx(0.8, abs=5e-5)
    assert result.accuracy == pytest.approx(0.6, abs=5e-5)
    assert result.overconfidence == pytest.approx(0.2, abs=5e-5)
    assert result.brier == pytest.approx(0.2778, abs=5e-5)
    assert result.confident_errors == 1


def test_calibration_ignores_answers_without_confidence():
    result = scoring.calibration([Answer(True, True, None), Answer(False, True, None)])
    assert result.n == 0
    assert result.mean_probability is None and result.brier is None
    assert result.confident_errors == 0


def test_always_half_sure_brier_is_a_quarter():
    result = scoring.calibration([Answer(True, i % 2 == 0, 1) for i in range(10)])
    assert result.brier == pytest.approx(0.25)


MATRIX = [[1, 1, 1, 0], [1, 1, 0, 1], [1, 0, 0, 0], [0, 1, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1]]


def test_item_discrimination_vector():
    r = scoring.item_discrimination(MATRIX)
    assert r == pytest.approx([0.0945, 0.8750, 0.4685, 0.4685], abs=5e-5)


def test_kr20_vector():
    assert scoring.kr20(MATRIX) == pytest.approx(0.6667, abs=5e-5)


@pytest.mark.parametrize(
    "matrix",
    [MATRIX[:4], [[1], [0], [1], [0], [1]], [[1, 1]] * 6],
    ids=["fewer-than-5-attempts", "one-item", "zero-variance"],
)
def test_kr20_undefined(matrix):
    assert scoring.kr20(matrix) is None


def test_discrimination_undefined_below_five_or_without_variance():
    assert scoring.item_discrimination(MATRIX[:4]) == [None] * 4
    constant_item = [[*row[:3], 1] for row in MATRIX]
    assert scoring.item_discrimination(constant_item)[3] is None


@pytest.mark.parametrize(
    ("bias", "words"),
    [(-0.6, "accept allegations as facts"), (0.8, "doubt facts"), (0.0, "neither way")],
)
def test_lean_sentence(bias, words):
    assert words in scoring.lean_sentence(bias)
    assert scoring.lean_sentence(None) is None


@pytest.mark.parametrize(
    ("hits", "n_fact", "fa", "n_alleg", "words"),
    [
        (9, 10, 6, 10, "tended to believe claims"),  # c −0.66
        (3, 10, 1, 10, "tended to doubt, even facts"),  # c 0.78
        (5, 10, 5, 10, "leaned neither way"),  # c 0
        (27, 30, 18, 30, "tended to believe claims"),
    ],
)
def test_learner_lean_sentence_from_ten_of_each_kind(hits, n_fact, fa, n_alleg, words):
    sentence = scoring.learner_lean_sentence(
        scoring.detection_from_counts(n_fact, n_alleg, hits, fa)
    )
    assert sentence.startswith("When unsure, you ") and words in sentence


@pytest.mark.parametrize(
    ("hits", "n_fact", "fa", "n_alleg"),
    [(9, 9, 6, 10), (9, 10, 6, 9), (30, 30, 9, 9), (0, 0, 0, 0), (9, 10, 0, 0)],
)
def test_learner_lean_sentence_waits_for_ten_of_each_kind(hits, n_fact, fa, n_alleg):
    assert scoring.LEAN_NEEDS_EACH == 10
    assert (
        scoring.learner_lean_sentence(scoring.detection_from_counts(n_fact, n_alleg, hits, fa))
        is None
    )


@pytest.mark.parametrize(
    ("d", "words"),
    [
        (1.0, "very well: far better than chance"),
        (0.5, "fairly well: better than chance"),
        (0.2, "a little better than chance"),
        (0.1, "about as well as guessing"),
        (-0.6, "about as well as guessing"),
    ],
)
def test_discernment_sentence(d, words):
    sentence = scoring.discernment_sentence(d)
    assert sentence.startswith("You told facts from allegations") and words in sentence


def test_evidence_vector():
    # docs/scoring.md: correct = [1,1,0,1,1,0], evidence hits = [1,0,0,1,1,1].
    correct, hits = [1, 1, 0, 1, 1, 0], [1, 0, 0, 1, 1, 1]
    marked = [Answer(True, bool(c), None, bool(h)) for c, h in zip(correct, hits, strict=True)]
    unmarked = [Answer(False, True), Answer(True, True)]  # answered before evidence was asked
    figures = scoring.evidence(marked + unmarked)
    assert scoring.detection(marked).score == pytest.approx(0.6667, abs=5e-5)
    assert (figures.marked, figures.hits, figures.right_and_hit) == (6, 4, 3)
    assert figures.rate == pytest.approx(0.6667, abs=5e-5)
    assert figures.right_reason == pytest.approx(0.5)


def test_evidence_undefined_without_a_marked_sentence():
    figures = scoring.evidence([Answer(True, True), Answer(False, False)])
    assert figures.marked == 0 and figures.rate is None and figures.right_reason is None


@pytest.mark.parametrize(
    ("p", "rate", "flagged"),
    [
        (0.7, 0.49, True),
        (0.9, 0.2, True),
        (0.69, 0.1, False),
        (0.8, 0.5, False),
        (0.8, None, False),
    ],
)
def test_right_answers_wrong_reasons_flag(p, rate, flagged):
    assert ("right answers, wrong reasons" in scoring.item_flags(p, None, rate)) == flagged
