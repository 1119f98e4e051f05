"""The article as sentences a learner can point to, and which of them hold an item's quote.

Pure functions, no Flask, no database. Sentences are numbered through the whole article,
the headline first (0), in the order they appear; a mark is stored with the sentence's
words, so an answer keeps its evidence even if the article is later corrected.
"""

import functools
import hashlib
from dataclasses import dataclass

from app.drafting import paragraph_spans, sentences
from app.passages import find_span


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its number, words, and where it lies in the text."""

    number: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Reading:
    """An article cut into sentences: each paragraph as runs of (text, sentence or None)."""

    sentences: tuple
    paragraphs: tuple
    digest: str  # names this text of the article, so a mark is read against the same text

    def sentence(self, number):
        """The sentence with this number, or None when there is none."""
        return self.sentences[number] if 0 <= number < len(self.sentences) else None


@functools.lru_cache(maxsize=64)
def reading(article):
    """Cut an article (article.txt's form) into numbered sentences, paragraph by paragraph.

    Cached by the article's text: the question page and every answer need it, and pysbd
    takes milliseconds per article.
    """
    spans = paragraph_spans(article)
    found = []
    if spans:
        start, text = spans[0]
        found.append((start, start + len(text)))  # the headline is one sentence
    found += [(s.start, s.end) for s in sentences(article)]
    numbered = tuple(Sentence(n, article[a:b], a, b) for n, (a, b) in enumerate(sorted(found)))
    paragraphs = tuple(_runs(article, start, text, numbered) for start, text in spans)
    digest = hashlib.sha256(article.encode("utf-8")).hexdigest()[:16]
    return Reading(numbered, paragraphs, digest)


def _runs(article, start, text, numbered):
    """One paragraph as runs of (text, Sentence or None), white space folded."""
    end, at, runs = start + len(text), start, []
    for s in numbered:
        if s.end <= start or s.start >= end:
            continue
        if s.start > at:
            runs.append((" ".join(article[at : s.start].split()), None))
        runs.append((" ".join(s.text.split()), s))
        at = s.end
    if at < end:
        runs.append((" ".join(article[at:end].split()), None))
    return tuple((t, s) for t, s in runs if t or s)


@functools.lru_cache(maxsize=1024)
def deciding(article, quote):
    """The numbers of the sentences that hold part of the quote (empty if it is absent)."""
    span = find_span(article, quote)
    if span is None:
        return frozenset()
    return frozenset(
        s.number for s in reading(article).sentences if s.start < span[1] and span[0] < s.end
    )


def is_hit(article, quote, number):
    """Whether the marked sentence overlaps the item's quote: an evidence hit."""
    return number in deciding(article, quote)


def mark(article, quote, number):
    """What an answer keeps of a marked sentence: its words (white space folded) and whether
    it is an evidence hit."""
    return " ".join(reading(article).sentence(number).text.split()), is_hit(article, quote, number)
