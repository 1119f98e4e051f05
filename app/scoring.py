"""The maths of docs/scoring.md: pure functions, no Flask, no database.

A value that is undefined (no item of a kind, too few learners, zero variance) is None;
templates show it as "—".
"""

import math
from dataclasses import dataclass
from statistics import NormalDist, fmean
from typing import NamedTuple

CONFIDENCE_PROBABILITY = {1: 0.5, 2: 2 / 3, 3: 5 / 6, 4: 1.0}
CONFIDENT_LEVELS = (3, 4)
MIN_COMPLETE_ATTEMPTS = 5

_z = NormalDist().inv_cdf


class Answer(NamedTuple):
    """One answered item, as scoring needs it: was it a fact, and was "fact" chosen.

    A named tuple rather than a dataclass: a dashboard builds one per answer of a class.
    """

    is_fact: bool
    said_fact: bool
    confidence: int | None = None
    evidence_hit: bool | None = None  # None: no sentence marked

    @property
    def correct(self):
        """Whether the choice matches the label."""
        return self.is_fact == self.said_fact


@dataclass(frozen=True)
class Detection:
    """Signal-detection figures for one learner (a fact is the signal)."""

    n_fact: int
    n_alleg: int
    hits: int
    false_alarms: int
    hit_rate: float | None
    false_alarm_rate: float | None
    discernment: float | None
    hit_rate_corrected: float | None
    false_alarm_rate_corrected: float | None
    sensitivity: float | None  # d′
    bias: float | None  # c: < 0 credulous, > 0 sceptical

    @property
    def misses(self):
        """Facts answered "allegation" (a fact doubted)."""
        return self.n_fact - self.hits

    @property
    def answered(self):
        """How many answers the figures rest on."""
        return self.n_fact + self.n_alleg

    @property
    def correct(self):
        """How many of them were right: facts taken as facts, allegations doubted."""
        return self.hits + self.n_alleg - self.false_alarms

    @property
    def score(self):
        """The share of answers that were right (None with no answer)."""
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class Calibration:
    """How sure a learner was against how often they were right."""

    n: int
    mean_probability: float | None
    accuracy: float | None
    overconfidence: float | None
    brier: float | None
    confident_errors: int


@dataclass(frozen=True)
class Evidence:
    """How often a learner (or a class) pointed to the sentence that decides the answer."""

    marked: int  # answers that carry a marked sentence
    hits: int  # of those, the marked sentence holds the item's quote
    right_and_hit: int  # of those, the verdict was right too
    rate: float | None
    right_reason: float | None  # right for the right reason


def evidence(answers):
    """Return the evidence figures of docs/scoring.md over the answers with a marked sentence."""
    marked = [a for a in answers if a.evidence_hit is not None]
    return evidence_from_counts(
        len(marked),
        sum(a.evidence_hit for a in marked),
        sum(a.evidence_hit and a.correct for a in marked),
    )


def evidence_from_counts(marked, hits, right_and_hit):
    """Evidence rate and right-for-the-right-reason from the three counts they rest on."""
    if not marked:
        return Evidence(0, 0, 0, None, None)
    return Evidence(marked, hits, right_and_hit, hits / marked, right_and_hit / marked)


def detection(answers):
    """Return the per-attempt figures of docs/scoring.md for a list of Answers."""
    facts = [a for a in answers if a.is_fact]
    allegs = [a for a in answers if not a.is_fact]
    hits = sum(a.said_fact for a in facts)
    false_alarms = sum(a.said_fact for a in allegs)
    return detection_from_counts(len(facts), len(allegs), hits, false_alarms)


def detection_from_counts(n_fact, n_alleg, hits, false_alarms):
    """The per-attempt figures of docs/scoring.md from the four counts they rest on."""
    if not (n_fact and n_alleg):
        h = hits / n_fact if n_fact else None
        f = false_alarms / n_alleg if n_alleg else None
        return Detection(n_fact, n_alleg, hits, false_alarms, h, f, *[None] * 5)
    h, f = hits / n_fact, false_alarms / n_alleg
    h_c = (hits + 0.5) / (n_fact + 1)
    f_c = (false_alarms + 0.5) / (n_alleg + 1)
    zh, zf = _z(h_c), _z(f_c)
    return Detection(
        n_fact, n_alleg, hits, false_alarms, h, f, h - f, h_c, f_c, zh - zf, -(zh + zf) / 2
    )


def brier_term(level, correct):
    """One rated answer's contribution to the Brier score: (p − o)²."""
    return (CONFIDENCE_PROBABILITY[level] - (1.0 if correct else 0.0)) ** 2


def calibration(answers):
    """Return confidence figures over the answers that carry a confidence level."""
    rated = [a for a in answers if a.confidence is not None]
    return calibration_from_sums(
        n=len(rated),
        probability=sum(CONFIDENCE_PROBABILITY[a.confidence] for a in rated),
        correct=sum(a.correct for a in rated),
        squared_error=sum(brier_term(a.confidence, a.correct) for a in rated),
        confident_errors=sum(a.confidence in CONFIDENT_LEVELS and not a.correct for a in rated),
    )


def calibration_from_sums(n, probability, correct, squared_error, confident_errors):
    """Confidence figures from sums over n rated answers: of the mapped probabilities, of
    the right answers, and of the Brier terms; with the count of confident errors."""
    if not n:
        return Calibration(0, None, None, None, None, confident_errors)
    mean_p, accuracy = probability / n, correct / n
    return Calibration(n, mean_p, accuracy, mean_p - accuracy, squared_error / n, confident_errors)


# Overconfidence within this of 0 reads as "your confidence matched how often you were right".
MATCHED_WITHIN = 0.05


def confidence_sentence(overconfidence):
    """Say in plain words how a learner's confidence compared with how often they were right."""
    if overconfidence is None:
        return None
    if overconfidence > MATCHED_WITHIN:
        return "You were more sure than right."
    if overconfidence < -MATCHED_WITHIN:
        return "You were right more often than you thought."
    return "Your sureness matched how often you were right."


def lean_sentence(bias, subject="You"):
    """Describe a bias c in plain words, for a learner ("You") or a class ("This class")."""
    word = lean_word(bias)
    if word is None:
        return None
    verb_s = "" if subject == "You" else "s"
    return {
        "credulous": f"{subject} tend{verb_s} to accept allegations as facts.",
        "sceptical": f"{subject} tend{verb_s} to doubt facts, treating them as allegations.",
        "balanced": f"{subject} lean{verb_s} neither way: no pull towards “fact” or “allegation”.",
    }[word]


# A learner's lean is put into words only once it rests on this many answers of each kind:
# with fewer, one answer can swing it from one word to the other, and a pupil called
# "credulous" after a handful of answers learns the wrong lesson.
LEAN_NEEDS_EACH = 10

LEARNER_LEAN_SENTENCES = {
    "credulous": "When unsure, you tended to believe claims, taking allegations for facts.",
    "sceptical": "When unsure, you tended to doubt, even facts.",
    "balanced": "When unsure, you leaned neither way: not towards believing claims, nor"
    " towards doubting facts.",
}


def learner_lean_sentence(detection):
    """Which way a learner leans when unsure, in a sentence with no symbol and no label;
    None until they have answered LEAN_NEEDS_EACH facts and as many allegations."""
    if min(detection.n_fact, detection.n_alleg) < LEAN_NEEDS_EACH:
        return None
    return LEARNER_LEAN_SENTENCES[lean_word(detection.bias)]


# How well discernment D tells facts from allegations, in bands: the learner's sentence and
# the teacher's label (app/formatting.py) both read the band from here.
VERY_WELL, FAIRLY_WELL, A_LITTLE, NOT_YET = "very well", "fairly well", "a little", "not yet"


def discernment_band(discernment):
    """Which band discernment D falls in (None when it is undefined)."""
    if discernment is None:
        return None
    if discernment >= 0.7:
        return VERY_WELL
    if discernment >= 0.4:
        return FAIRLY_WELL
    if discernment > 0.1:
        return A_LITTLE
    return NOT_YET


DISCERNMENT_SENTENCES = {
    VERY_WELL: "You told facts from allegations very well: far better than chance.",
    FAIRLY_WELL: "You told facts from allegations fairly well: better than chance.",
    A_LITTLE: "You told facts from allegations a little better than chance.",
    NOT_YET: "You told facts from allegations about as well as guessing, not yet better.",
}


def discernment_sentence(discernment):
    """Describe discernment D in plain words, to the learner."""
    return DISCERNMENT_SENTENCES.get(discernment_band(discernment))


def _variance(values):
    """Population variance (divide by n), in floats: statistics.pvariance is exact but slow."""
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def pearson(xs, ys):
    """Pearson correlation of two equal-length lists; None when either has no variance."""
    if len(xs) < 2:
        return None
    vx, vy = _variance(xs), _variance(ys)
    if vx == 0 or vy == 0:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / len(xs)
    return cov / math.sqrt(vx * vy)


def item_discrimination(matrix):
    """Corrected point-biserial r per item, for a learners × items 0/1 matrix of complete
    attempts; None per item below MIN_COMPLETE_ATTEMPTS learners or with zero variance."""
    k = len(matrix[0]) if matrix else 0
    if len(matrix) < MIN_COMPLETE_ATTEMPTS:
        return [None] * k
    totals = [sum(row) for row in matrix]
    columns = [[row[j] for row in matrix] for j in range(k)]
    return [
        pearson(column, [t - x for t, x in zip(totals, column, strict=True)]) for column in columns
    ]


def kr20(matrix):
    """KR-20 reliability of a learners × items 0/1 matrix of complete attempts, or None."""
    if not matrix:
        return None
    n = len(matrix)
    item_p = [sum(column) / n for column in zip(*matrix, strict=True)]
    return kr20_from_stats(item_p, [sum(row) for row in matrix])


def kr20_from_stats(item_p, totals):
    """KR-20 from each item's proportion right and each complete learner's total, or None
    below MIN_COMPLETE_ATTEMPTS learners, under two items, or with no variance."""
    k = len(item_p)
    if len(totals) < MIN_COMPLETE_ATTEMPTS or k < 2:
        return None
    variance = _variance(totals)
    if variance == 0:
        return None
    return k / (k - 1) * (1 - sum(p * (1 - p) for p in item_p) / variance)


EASY_ABOVE, HARD_BELOW = 0.95, 0.5
WEAK_BELOW = 0.2
# "Right answers, wrong reasons": most of the class is right, but most marked the wrong
# sentence, so the class may be answering from the statement's wording.
WORDING_P_FROM, WORDING_EVIDENCE_BELOW = 0.7, 0.5


def mean_defined(values):
    """Mean of the values that are defined, or None when none is."""
    defined = [v for v in values if v is not None]
    return fmean(defined) if defined else None


def proportion(flags):
    """Share of true values in a list of booleans, or None for an empty list."""
    return sum(flags) / len(flags) if flags else None


def item_flags(p, r, evidence_rate=None):
    """The review flags of docs/scoring.md for an item's difficulty p, discrimination r and
    evidence rate."""
    flags = []
    if p is not None and p > EASY_ABOVE:
        flags.append("too easy")
    if p is not None and p < HARD_BELOW:
        flags.append("below chance")
    if r is not None and r < 0:
        flags.append("runs backwards")
    elif r is not None and r < WEAK_BELOW:
        flags.append("weak")
    misread = evidence_rate is not None and evidence_rate < WORDING_EVIDENCE_BELOW
    if misread and p is not None and p >= WORDING_P_FROM:
        flags.append("right answers, wrong reasons")
    return flags


def lean_word(bias):
    """One word for a learner's lean c, for a table cell."""
    if bias is None:
        return None
    if bias < -0.2:
        return "credulous"
    if bias > 0.2:
        return "sceptical"
    return "balanced"


# Before and after (docs/scoring.md, "Before and after"): each learner's change from the
# check before the practice to the check after it, and the class's mean change with its
# 95% interval. The sentence follows the intervals, never the means alone.
INTERVAL_MIN_LEARNERS = 3
CHANGE_SENTENCES = {
    "better": "The class got better at telling facts from allegations.",
    "worse": "The class got worse at telling facts from allegations.",
    "sceptical": (
        "The class became more sceptical, not more discerning: it doubts more of everything."
    ),
    "credulous": (
        "The class became more credulous, not more discerning: it believes more of everything."
    ),
    "unclear": "No clear change yet.",
}


@dataclass(frozen=True)
class Change:
    """One learner's before and after: the two checks' figures and the differences."""

    before: Detection
    after: Detection

    def _delta(self, name):
        b, a = getattr(self.before, name), getattr(self.after, name)
        return None if a is None or b is None else a - b

    @property
    def score(self):
        """Δ score: the after-check's share right minus the before-check's."""
        return self._delta("score")

    @property
    def sensitivity(self):
        """Δd′: positive when the learner tells the two kinds apart better after."""
        return self._delta("sensitivity")

    @property
    def bias(self):
        """Δc: positive when the learner doubts more after (more sceptical)."""
        return self._delta("bias")


@dataclass(frozen=True)
class Interval:
    """A mean and its 95% confidence interval (low, high None below 3 values)."""

    n: int
    mean: float | None
    low: float | None
    high: float | None

    @property
    def above_zero(self):
        return self.low is not None and self.low > 0

    @property
    def below_zero(self):
        return self.high is not None and self.high < 0


def _betacf(a, b, x):
    """The continued fraction of the regularised incomplete beta function (Lentz's
    method, as in Numerical Recipes)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1 + aa * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def _incomplete_beta(a, b, x):
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t, df):
    """Student's t distribution's cumulative probability at t, with df degrees of freedom."""
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t > 0 else tail


def t_quantile(p, df):
    """The t value below which a share p of Student's t distribution lies (bisection)."""
    low, high = -1e3, 1e3
    for _ in range(200):
        mid = (low + high) / 2
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def mean_interval(values):
    """The mean of the defined values with its 95% interval, mean ± t(0.975, n − 1) · sd / √n
    (sd with n − 1); no interval below INTERVAL_MIN_LEARNERS values."""
    values = [v for v in values if v is not None]
    n = len(values)
    if not n:
        return Interval(0, None, None, None)
    mean = fmean(values)
    if n < INTERVAL_MIN_LEARNERS:
        return Interval(n, mean, None, None)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    return Interval(n, mean, mean - half, mean + half)


def change_verdict(sensitivity, bias):
    """Which sentence the intervals of Δd′ and Δc call for: "better", "worse",
    "sceptical", "credulous" or "unclear" (a key of CHANGE_SENTENCES)."""
    if sensitivity.above_zero:
        return "better"
    if sensitivity.below_zero:  # not in the three rules of the spec: a plain decline said so
        return "worse"
    contains_zero = sensitivity.low is not None and sensitivity.low <= 0 <= sensitivity.high
    if contains_zero and bias.above_zero:
        return "sceptical"
    if contains_zero and bias.below_zero:
        return "credulous"
    return "unclear"


# A learner's own change, in words (no interval for one learner: a change of half a unit
# of d′ or c is the smallest called a change).
CHANGE_WITHIN = 0.5


def learner_change_sentences(change):
    """What a learner's own before and after say, in plain words: how the score moved,
    whether they told the kinds apart better, and which way their lean moved."""
    out = []
    b, a = change.before, change.after
    out.append(
        f"Before the practice you got {b.correct} of {b.answered} right; after it, "
        f"{a.correct} of {a.answered}."
    )
    d = change.sensitivity
    if d is not None:
        if d >= CHANGE_WITHIN:
            out.append("You got better at telling facts from allegations.")
        elif d <= -CHANGE_WITHIN:
            out.append("You told facts from allegations less well than before the practice.")
        else:
            out.append("You told facts from allegations about as well as before.")
    c = change.bias
    if c is not None and c >= CHANGE_WITHIN:
        out.append("You doubted more statements than before, facts included.")
    elif c is not None and c <= -CHANGE_WITHIN:
        out.append("You believed more statements than before, allegations included.")
    return out
