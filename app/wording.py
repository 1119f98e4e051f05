"""Can a quiz be passed without reading the article? Scores a quiz's statements by their
words alone, as docs/content-guide.md asks ("The words must not give the answer away").

Pure functions: no Flask, no database. Each simple rule labels every statement from its
words ("has a speech verb → fact, otherwise allegation"); a word-count classifier labels
each statement from the other statements' words (leave-one-out). A quiz fails when any of
them labels more than LEAK_LIMIT of it right, or when the classifier labels less than
TWIN_LIMIT right: far below chance, near-twin statements carry opposite labels and give
each other away.

Small quizzes are scored but not judged: under MIN_ITEMS statements a rule gets four of
five right by chance, and under CLASSIFIER_MIN_ITEMS the classifier guesses from too few
words: with labels shuffled at random over the first quiz's statements, it fell outside
35-65% in half or more of 6- to 12-item quizzes, a third at 16 items, a quarter at 20-29.
"""

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from app.words import ALLEGATION, FACT, LABELS  # LABELS: the first wins a tie

LEAK_LIMIT = 0.65  # any wording score above this fails
TWIN_LIMIT = 0.35  # a leave-one-out classifier below this: near-twins carry opposite labels
MIN_ITEMS = 6  # fewer statements are scored but not judged
CLASSIFIER_MIN_ITEMS = 20  # fewer, and the classifier's score is shown but not judged


def word_set(text):
    """The words of a list written as text."""
    return frozenset(text.split())


SPEECH_VERBS = word_set("""
    say says said saying tell tells told telling report reports reported reporting
    add adds added stress stresses stressed dismiss dismisses dismissed announce announces
    announced state states stated insist insists insisted argue argues argued warn warns
    warned describe describes described deny denies denied admit admits admitted vow vows
    vowed declare declares declared confirm confirms confirmed explain explains explained
    write writes wrote written reveal reveals revealed accuse accuses accused reply replies
    replied ask asks asked
    """)
SPEECH_PHRASES = ("according to", "brush off", "brushes off", "brushed off")
HEDGE_WORDS = word_set("""
    may might could would allegedly reportedly alleged alleges apparently supposedly
    possibly perhaps probably likely unlikely seemingly seems appears suggests suggested
    claim claims claimed claiming believed suspected
    """)
HEDGE_PHRASES = ("seen as", "thought to", "believed to", "said to be")
# An opening quotation mark: double quotes anywhere, a single one only before a word and
# not after one (so the apostrophe of "Russia's" is not a quotation).
QUOTATION = re.compile(r"[\"“”«»]|(?<!\w)['‘]\w")
NUMBER = re.compile(r"\d")


@dataclass
class WordingScore:
    """How well one rule (or the classifier) labels a quiz from its words alone."""

    name: str
    score: float
    right: int
    total: int
    leaking: list  # ids the rule labels right because its signal fires (classifier: right)
    missed: list = field(default_factory=list)  # ids it labels wrong
    how: str = ""  # what a learner using it does, in a teacher's words


@dataclass
class WordingReport:
    """A quiz's wording scores beside its majority baseline, with the problems found."""

    total: int
    facts: int
    baseline: float
    rules: list
    classifier: WordingScore
    findings: list = field(default_factory=list)  # (score, why, ids to look at)

    @property
    def problems(self):
        """The findings as messages: the rule, its score, the baseline and the items."""
        return [message(score, why, self.baseline, ids) for score, why, ids in self.findings]

    @property
    def passed(self) -> bool:
        """True when no rule and not the classifier give the answers away."""
        return not self.findings

    @property
    def judged(self) -> bool:
        """True when the quiz has enough statements for the rules' scores to be judged."""
        return self.total >= MIN_ITEMS

    @property
    def classifier_judged(self) -> bool:
        """True when the quiz has enough statements for the classifier's score to be judged."""
        return self.total >= CLASSIFIER_MIN_ITEMS


class Rule(NamedTuple):
    """A lazy learner's rule: label `when` if the signal fires on a statement, else `other`."""

    name: str
    fires: object  # statement text -> bool
    when: str
    other: str
    how: str


def words(text):
    """The lower-cased words of a text."""
    return re.findall(r"\w+", text.lower())


def has_any(text, single, phrases=()):
    """True when the text has one of the words, or one of the phrases word for word."""
    tokens = words(text)
    padded = f" {' '.join(tokens)} "
    return any(t in single for t in tokens) or any(f" {p} " in padded for p in phrases)


RULES = (
    Rule(
        "speech verb → fact",
        lambda text: has_any(text, SPEECH_VERBS, SPEECH_PHRASES),
        FACT,
        ALLEGATION,
        "answers “fact” whenever a statement has a speech verb (said, told, according to…)"
        " and “allegation” otherwise",
    ),
    Rule(
        "hedge word → allegation",
        lambda text: has_any(text, HEDGE_WORDS, HEDGE_PHRASES),
        ALLEGATION,
        FACT,
        "answers “allegation” whenever a statement hedges (may, could, allegedly, claims,"
        " seen as…) and “fact” otherwise",
    ),
    Rule(
        "quotation marks → fact",
        lambda text: bool(QUOTATION.search(text)),
        FACT,
        ALLEGATION,
        "answers “fact” whenever a statement quotes someone's words and “allegation” otherwise",
    ),
    Rule(
        "number → fact",
        lambda text: bool(NUMBER.search(text)),
        FACT,
        ALLEGATION,
        "answers “fact” whenever a statement has a number in it and “allegation” otherwise",
    ),
)
CLASSIFIER = "word-count classifier"


def item_fields(item, key=None):
    """(id, statement, label) of a quiz.yaml item (a mapping) or a model row. The id is
    key(item) when a key function is given, else a mapping's "id", else an object's .key
    (Item and DraftItem rows: their .id is the database's number) or .id."""
    if isinstance(item, Mapping):
        item_id, statement, label = item.get("id"), item["statement"], item["label"]
    else:
        item_id, statement, label = getattr(item, "key", None), item.statement, item.label
        item_id = item.id if item_id is None else item_id
    return (key(item) if key else item_id), statement, label


def score_rule(rule, entries):
    """Score one rule on [(id, statement, label)]."""
    right, leaking, missed = 0, [], []
    for item_id, statement, label in entries:
        fires = rule.fires(statement)
        if label == (rule.when if fires else rule.other):
            right += 1
            if fires:
                leaking.append(item_id)
        else:
            missed.append(item_id)
    return WordingScore(
        rule.name, share(right, len(entries)), right, len(entries), leaking, missed, rule.how
    )


def share(part, whole):
    """part / whole, and 0.0 for an empty whole."""
    return part / whole if whole else 0.0


def naive_bayes(training, tokens):
    """The label a multinomial naive Bayes model trained on [(tokens, label)] gives these
    tokens. Laplace smoothing over the training vocabulary (unseen words are skipped) and no
    class prior: left out of the training set, an item's own label is always the smaller
    class, so a prior would drag leave-one-out below chance. Exact fractions: a tie is a
    tie, and goes to the training set's majority label."""
    counts = {label: Counter() for label in LABELS}
    for item_tokens, label in training:
        counts[label].update(item_tokens)
    vocabulary = set().union(*counts.values())
    likelihood = {}
    for label, count in counts.items():
        size = sum(count.values()) + len(vocabulary)
        likelihood[label] = Fraction(1)
        for token in (t for t in tokens if t in vocabulary):
            likelihood[label] *= Fraction(count[token] + 1, size)
    majority = Counter(label for _, label in training)
    seen = [label for label in LABELS if majority[label]] or LABELS  # never a label unseen
    return max(seen, key=lambda label: (likelihood[label], majority[label]))


def score_classifier(entries):
    """Score the word-count classifier, leave-one-out, on [(id, statement, label)]."""
    data = [(words(statement), label) for _, statement, label in entries]
    right, missed = [], []
    for n, (item_id, _, label) in enumerate(entries):
        guess = naive_bayes(data[:n] + data[n + 1 :], data[n][0])
        (right if guess == label else missed).append(item_id)
    how = "guesses each statement's label from the words of the other statements"
    total = len(entries)
    return WordingScore(CLASSIFIER, share(len(right), total), len(right), total, right, missed, how)


def wording_report(items, key=None):
    """Score a quiz's items (mappings or model rows, see item_fields) by their words alone."""
    entries = [item_fields(item, key) for item in items]
    total = len(entries)
    facts = sum(label == FACT for _, _, label in entries)
    baseline = share(max(facts, total - facts), total)
    rules = [score_rule(rule, entries) for rule in RULES]
    report = WordingReport(total, facts, baseline, rules, score_classifier(entries))
    report.findings = failures(report)
    return report


def failures(report):
    """(score, why, ids to look at) for every score over LEAK_LIMIT, and for a classifier
    under TWIN_LIMIT, in quizzes large enough to judge them."""
    judged = report.rules if report.judged else []
    classifier = report.classifier if report.classifier_judged else None
    found = [
        (score, f"over the {LEAK_LIMIT:.0%} limit", score.leaking)
        for score in [*judged, *([classifier] if classifier else [])]
        if score.score > LEAK_LIMIT
    ]
    if classifier and classifier.score < TWIN_LIMIT:
        why = f"under the {TWIN_LIMIT:.0%} limit: near-twin statements carry opposite labels"
        found.append((classifier, why, classifier.missed))
    return found


def message(score, why, baseline, ids):
    """One problem: the rule, its score in percent, the baseline and the items to look at."""
    return (
        f"{score.name} labels {score.right} of {score.total} right "
        f"({score.score:.0%}, {why}; majority baseline {baseline:.0%}): items {', '.join(ids)}"
    )


def summary(report):
    """Each score beside the baseline, one line each, for the command line."""
    limits = f"each at most {LEAK_LIMIT:.0%}, the classifier at least {TWIN_LIMIT:.0%}"
    if not report.judged:
        limits = f"under {MIN_ITEMS} items: not judged"
    elif not report.classifier_judged:
        limits = f"each rule at most {LEAK_LIMIT:.0%}; classifier not judged under"
        limits += f" {CLASSIFIER_MIN_ITEMS} items"
    lines = [
        f"majority baseline {report.baseline:.0%} ({report.facts} of {report.total} facts);"
        f" {limits}"
    ]
    for score in [*report.rules, report.classifier]:
        lines.append(f"{score.name}: {score.right} of {score.total} right ({score.score:.0%})")
    return lines


def plain_problems(report):
    """The problems in a teacher's words: what a learner who never reads the article does,
    and how much of the quiz they get right."""
    plain = []
    for score, _why, ids in report.findings:
        if score.score > LEAK_LIMIT:
            plain.append(
                f"{score.name}: a learner who {score.how} gets {score.score:.0%} right without"
                f" reading the article (always giving the commoner answer gets"
                f" {report.baseline:.0%}). The items that give it away: {', '.join(ids)}."
            )
        else:
            plain.append(
                f"Some statements are near-twins with opposite answers ({', '.join(ids)}):"
                " a learner who compares them can work out one answer from the other."
            )
    return plain
