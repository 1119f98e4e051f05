"""An article's text: its paragraphs, and where a quote stands in it (whatever its white
space and quote marks), marked for display. Pure functions: no Flask, no database."""

import functools
import itertools
import re

QUOTE_MARKS = str.maketrans("‘’‚‛“”„", "''''\"\"\"")
SPACE_RUN = re.compile(r"\s+")


@functools.lru_cache(maxsize=8)  # the review page folds the same article for every draft
def fold(text):
    """Return text with whitespace runs as one space and curly quotes straight,
    and for each character of the result its index in the original (a tuple)."""
    text = text.translate(QUOTE_MARKS)  # one character for one: indices stay
    out, where, at = [], [], 0
    for space in SPACE_RUN.finditer(text):
        out += (text[at : space.start()], " ")
        where += range(at, space.start() + 1)
        at = space.end()
    out.append(text[at:])
    where += range(at, len(text))
    return "".join(out), tuple(where)


def find_span(text, needle):
    """Return (start, end) of needle in text, folding whitespace and quote marks, or None."""
    folded, where = fold(text)
    target = fold(needle)[0].strip()
    if not target:
        return None
    at = folded.find(target)
    if at < 0:
        return None
    return where[at], where[at + len(target) - 1] + 1


def paragraphs(article):
    """Split article text into paragraphs (the first is the headline)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", article) if p.strip()]


def marked_paragraphs(article, quote, cue=""):
    """Return every paragraph as runs of (text, mark), mark one of "", "quote" or "cue",
    and the indices of the first and last paragraph holding the quote (None if absent)."""
    paras = paragraphs(article)
    text = "\n".join(paras)
    span = find_span(text, quote)
    if span is None:
        return [[(p, "")] for p in paras], None, None
    cue_span = find_span(text[span[0] : span[1]], cue) if cue else None
    cue_span = cue_span and (span[0] + cue_span[0], span[0] + cue_span[1])
    marked, offset = [], 0
    for para in paras:
        marked.append(_runs(para, offset, span, cue_span))
        offset += len(para) + 1
    return marked, text.count("\n", 0, span[0]), text.count("\n", 0, span[1])


@functools.lru_cache(maxsize=256)  # a lesson's feedback pages show the same few, again and again
def passage(article, quote, cue):
    """Return just the paragraphs that hold the quote, marked as marked_paragraphs() does
    (as tuples: the result is shared)."""
    marked, first, last = marked_paragraphs(article, quote, cue)
    return () if first is None else tuple(tuple(runs) for runs in marked[first : last + 1])


def _runs(para, offset, span, cue_span):
    """Cut one paragraph (starting at offset in the joined text) into marked runs."""
    cuts = {0, len(para)}
    for s in (span, cue_span):
        if s:
            cuts.update(min(max(x - offset, 0), len(para)) for x in s)
    bounds = sorted(cuts)
    runs = []
    for a, b in itertools.pairwise(bounds):
        pos = a + offset
        if cue_span and cue_span[0] <= pos < cue_span[1]:
            mark = "cue"
        elif span[0] <= pos < span[1]:
            mark = "quote"
        else:
            mark = ""
        runs.append((para[a:b], mark))
    return runs
