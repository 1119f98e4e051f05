"""The question bank: questions/<slug>/ folders -> validated quizzes and items in the database.

A folder holds `article.txt` (headline on the first line, then paragraphs separated by
blank lines) and `quiz.yaml`. A folder with any error is refused whole, with a message
naming the file, the item id and the field.
"""

import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.db import db
from app.models import LABELS, Item, Quiz, Response

CUE_TYPES = ("attribution", "loaded-verb", "hedge", "evidence", "none")
SOURCE_TYPES = ("party-official", "head-of-state", "analyst", "witness", "news-agency", "reporter")
ITEM_FIELDS = (
    "id",
    "statement",
    "label",
    "quote",
    "explanation",
    "cue",
    "cue_type",
    "source",
    "source_type",
)
ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
STATEMENT_MAX_WORDS = 30
FACT_SHARE = (0.4, 0.6)

# Limits: what a quiz may hold and what it may cost the server to read or draft, in one
# place. Whatever comes in (a questions folder, a shared quiz, an imported or corrected
# article, a teacher's drafts) is held to them, with a message that names what is over.
SHORT_FIELD_MAX = 200  # fields stored in a CharField
FIELD_MAX = {  # the longest each stored text may be, in characters
    "title": SHORT_FIELD_MAX,
    "article.headline": SHORT_FIELD_MAX,
    "article.publisher": SHORT_FIELD_MAX,
    "article.published": 40,  # a date; the import form's limit
    "article.url": SHORT_FIELD_MAX,
    "statement": 400,  # the item form's limits
    "explanation": 2000,
    "quote": 2000,  # a passage of the article: a sentence or a few
    "cue": SHORT_FIELD_MAX,  # a few words of the quote
    "source": SHORT_FIELD_MAX,
}
ITEMS_MAX = 100  # items in one quiz
# A long news article has 1,000-4,000 words. At 6,000, importing, drafting and the review
# page take under a second together, hostile texts included (measured on 2 cores).
ARTICLE_MAX_WORDS = 6000
ARTICLE_MAX_CHARS = 100_000  # 6,000 words take about 37,000
# An imported file's text (a .txt or .md file, pasted text, a saved page's text) is
# refused before its markup is read when the article it gives could not fit
# ARTICLE_MAX_CHARS: markup takes room, but not this much. Markdown's parser takes up to
# 40 microseconds a line however short, and 30 a mark of markup ("![![![…"): a 6,000-word
# article has a few hundred lines, and a few thousand marks even with a link every line.
ARTICLE_FILE_MAX_CHARS = 3 * ARTICLE_MAX_CHARS
MARKDOWN_MAX_LINES = 10_000
MARKDOWN_MAX_MARKS = 20_000  # characters of importing.MARKDOWN_MARKS ("[", "*", "_"…)
# A saved web page (the form takes at most 2 MB) is refused before trafilatura reads it
# when it has more elements than a news page (most have 1,000-5,000), or an element with
# more children than any paragraph or list of one: trafilatura's time grows with the
# first, and with the square of the second.
HTML_MAX_ELEMENTS = 10_000
HTML_MAX_CHILDREN = 1_000
QUIZ_YAML_MAX = 512 * 1024  # bytes, refused unread; a 100-item quiz.yaml is about 70 KB
YAML_MAX_DEPTH = 10  # nesting in quiz.yaml (a quiz needs 3: quiz, items, item)
YAML_MAX_VALUES = 10_000  # scalars, lists and mappings in quiz.yaml (100 items: ~2,000)
YAML_SCALAR_MAX = 10 * max(FIELD_MAX.values())  # characters in one value of quiz.yaml
DRAFTS_MAX = 150  # drafts kept from one article, strongest first
DRAFT_SECONDS = 4  # drafting stops after this long, keeping what it has

QUOTE_MARKS = str.maketrans("‘’‚‛“”„", "''''\"\"\"")
SPACE_RUN = re.compile(r"\s+")


class BankError(Exception):
    """A questions folder that cannot be loaded; `problems` lists every reason."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class QuizData:
    """A validated questions folder, ready to load."""

    slug: str
    title: str
    headline: str
    publisher: str
    published: str
    url: str
    article: str
    items: list
    warnings: list = field(default_factory=list)


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


def passage(article, quote, cue):
    """Return just the paragraphs that hold the quote, marked as marked_paragraphs() does."""
    marked, first, last = marked_paragraphs(article, quote, cue)
    return [] if first is None else marked[first : last + 1]


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


def read_folder(folder):
    """Read and validate one questions folder; raise BankError listing every problem."""
    folder = Path(folder)
    quiz_file, article_file = folder / "quiz.yaml", folder / "article.txt"
    problems = [f"{f}: file missing" for f in (quiz_file, article_file) if not f.is_file()]
    if problems:
        raise BankError(problems)
    return read_texts(folder, article_file.read_bytes(), quiz_file.read_bytes())


def read_texts(folder, article, quiz_yaml):
    """Validate a folder's two files given as bytes (from disk or from an uploaded zip);
    `folder` names it in messages and its last part is the quiz's slug. Files larger than
    a quiz needs are refused before they are read."""
    folder = Path(folder)
    quiz_file = folder / "quiz.yaml"
    if len(quiz_yaml) > QUIZ_YAML_MAX:
        raise BankError(
            [
                f"{quiz_file}: larger than a quiz needs ({len(quiz_yaml):,} bytes; "
                f"the limit is {QUIZ_YAML_MAX:,})"
            ]
        )
    try:
        article = article.decode("utf-8")
        text = quiz_yaml.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError([f"{folder}: not UTF-8 text ({exc.reason})"]) from exc
    problem = article_too_long(article)
    if problem:
        raise BankError([f"{folder / 'article.txt'}: {problem}"])
    data = load_yaml(quiz_file, text)
    problems = []
    quiz = check_quiz(quiz_file, data, article, problems)
    if problems:
        raise BankError(problems)
    quiz.slug = folder.name
    quiz.warnings = warnings(quiz_file, quiz.items)
    return quiz


def article_too_long(article):
    """The teacher's message when an article has more words than ARTICLE_MAX_WORDS (more
    than drafting and the review page take in a few seconds) or more characters than
    ARTICLE_MAX_CHARS (a few enormous "words"), else None."""
    words = len(article.split())
    if words > ARTICLE_MAX_WORDS:
        return f"This article is too long: {words:,} words; the limit is {ARTICLE_MAX_WORDS:,}."
    if len(article) > ARTICLE_MAX_CHARS:
        return (
            f"This article is too long: {len(article):,} characters; "
            f"the limit is {ARTICLE_MAX_CHARS:,}."
        )
    return None


class QuizYamlLoader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    """quiz.yaml's loader: libyaml's parser when PyYAML has it (the pure-Python one takes
    seconds over 200 KB), and every value text, as every field of a quiz is: no number,
    date or boolean is read ("title: 111…" of 5,000 digits, "0b111…" or "1:59:59:…" would
    cost seconds or fail), and a date comes out as written. Only an empty value or a null
    ("~", "null") is None, as the safe loader reads it. Builds no object but str, list,
    dict and None."""


QuizYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
QuizYamlLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)


def load_yaml(quiz_file, text):
    """quiz.yaml's data, read as text (QuizYamlLoader) once its parser's events pass
    `yaml_refusal`, before any object is built. Raises BankError with the loader's
    message."""
    try:
        refusal = yaml_refusal(yaml.parse(text, Loader=QuizYamlLoader))
        if refusal is None:
            return yaml.load(text, Loader=QuizYamlLoader)  # noqa: S506  # nosec B506  # safe
    except yaml.YAMLError as exc:
        # libyaml has a nesting limit of its own, which it can meet while looking ahead.
        deep = "nesting depth" in str(getattr(exc, "problem", ""))
        raise BankError(
            [f"{quiz_file}: {DEEP_YAML if deep else f'not valid YAML: {exc}'}"]
        ) from exc
    except RecursionError as exc:  # not expected past yaml_refusal's depth check
        raise BankError([f"{quiz_file}: {DEEP_YAML}"]) from exc
    raise BankError([f"{quiz_file}: {refusal}"])


DEEP_YAML = f"nested deeper than {YAML_MAX_DEPTH} levels, deeper than any quiz"


def yaml_refusal(events):
    """Why a quiz.yaml is refused, from its parser's events, or None: anchors and aliases
    (a few bytes of them can stand for gigabytes: "billion laughs"), nesting deeper than
    YAML_MAX_DEPTH (the loader recurses), more than YAML_MAX_VALUES values, a value longer
    than YAML_SCALAR_MAX. Stops at the first event refused."""
    depth = values = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return "uses YAML anchors or aliases (& or *), which quizzes don't allow"
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > YAML_SCALAR_MAX:
            return (
                f"line {event.start_mark.line + 1}: a value of {len(event.value):,} characters, "
                f"far longer than any field of a quiz (the limit is {YAML_SCALAR_MAX:,})"
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if values > YAML_MAX_VALUES:
                return f"more than {YAML_MAX_VALUES:,} values, far more than a quiz needs"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > YAML_MAX_DEPTH:
                return DEEP_YAML
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def check_quiz(quiz_file, data, article, problems):
    """Check quiz.yaml's data (title, article, items) against the article text; append
    every problem; return the QuizData (complete only when no problem was added)."""
    quiz_file = Path(quiz_file)
    too_long = article_too_long(article)
    if too_long:  # checked first: quotes are not looked for in an article this long
        problems.append(f"{quiz_file.parent / 'article.txt'}: {too_long}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{quiz_file}: expected a mapping with title, article and items")
        return None
    meta = data.get("article") if isinstance(data.get("article"), dict) else {}
    values = {}
    for name, value in (
        ("title", data.get("title")),
        ("article.headline", meta.get("headline")),
        ("article.publisher", meta.get("publisher")),
    ):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{quiz_file}: {name}: missing or empty")
        values[name] = str(value or "").strip()
    for name in ("published", "url"):  # optional
        value = meta.get(name)
        if isinstance(value, (dict, list)):
            problems.append(f"{quiz_file}: article.{name}: expected text")
            value = ""
        values[f"article.{name}"] = str(value or "")
    for name, value in values.items():
        if len(value) > FIELD_MAX[name]:
            problems.append(f"{quiz_file}: {name}: longer than {FIELD_MAX[name]:,} characters")
    paras = paragraphs(article)
    if not paras:
        problems.append(f"{quiz_file.parent / 'article.txt'}: empty")
    elif values["article.headline"] and fold(paras[0])[0] != fold(values["article.headline"])[0]:
        problems.append(
            f"{quiz_file}: article.headline: does not match the first line of article.txt"
        )
    items = data.get("items")
    if not isinstance(items, list) or not items:
        problems.append(f"{quiz_file}: items: missing or empty")
        items = []
    elif len(items) > ITEMS_MAX:
        problems.append(
            f"{quiz_file}: items: {len(items):,} items; a quiz holds at most {ITEMS_MAX}"
        )
        items = []
    checked, seen = [], set()
    for n, raw in enumerate(items, start=1):
        item = _check_item(quiz_file, n, raw, article, seen, problems)
        if item:
            checked.append(item)
    return QuizData(
        slug="",
        title=values["title"],
        headline=values["article.headline"],
        publisher=values["article.publisher"],
        published=values["article.published"],
        url=values["article.url"],
        article=article,
        items=checked,
    )


def _check_item(quiz_file, n, raw, article, seen, problems):
    """Check one item; append its problems; return it as a dict of stripped strings."""
    if not isinstance(raw, dict):
        problems.append(f"{quiz_file}: item #{n}: expected a mapping of fields")
        return None
    name = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{n}"
    where = f"{quiz_file}: item '{name[:80]}'"
    before = len(problems)
    for extra in sorted(set(map(str, raw)) - set(ITEM_FIELDS)):
        problems.append(f"{where}: {extra[:80]}: unknown field")
    item = {}
    for key in ITEM_FIELDS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: {key}: missing or empty")
        item[key] = value.strip() if isinstance(value, str) else ""
        if len(item[key]) > FIELD_MAX.get(key, len(item[key])):
            problems.append(f"{where}: {key}: longer than {FIELD_MAX[key]:,} characters")
    if len(problems) > before:
        return None
    rules = (
        ("id", ITEM_ID.match(item["id"]), "use lower-case letters, digits and hyphens"),
        ("id", item["id"] not in seen, "used by another item"),
        ("label", item["label"] in LABELS, f"must be one of {', '.join(LABELS)}"),
        ("cue_type", item["cue_type"] in CUE_TYPES, f"must be one of {', '.join(CUE_TYPES)}"),
        (
            "source_type",
            item["source_type"] in SOURCE_TYPES,
            f"must be one of {', '.join(SOURCE_TYPES)}",
        ),
        ("quote", find_span(article, item["quote"]), "not found in article.txt"),
        ("cue", find_span(item["quote"], item["cue"]), "not found in the item's quote"),
    )
    for key, ok, message in rules:
        if not ok:
            problems.append(f"{where}: {key}: {message}")
    seen.add(item["id"])
    return None if len(problems) > before else item


def guide_advice(items):
    """The content guide's advice on a list of items (dicts with id, statement, label and
    explanation): (item id or None for the whole quiz, what to look at)."""
    advice = []
    for item in items:
        words = len(item["statement"].split())
        if words > STATEMENT_MAX_WORDS:
            advice.append(
                (
                    item["id"],
                    f"statement: {words} words (the guide says at most {STATEMENT_MAX_WORDS})",
                )
            )
        if not item.get("explanation", "").strip():
            advice.append((item["id"], "explanation: missing"))
    if items:
        share = sum(i["label"] == "fact" for i in items) / len(items)
        if not FACT_SHARE[0] <= share <= FACT_SHARE[1]:
            advice.append((None, f"{share:.0%} of items are facts (the guide says 40-60%)"))
    return advice


def warnings(quiz_file, items):
    """Content-guide advice that does not stop a quiz loading, naming the file."""
    return [
        f"{quiz_file}: item '{item_id}': {text}" if item_id else f"{quiz_file}: {text}"
        for item_id, text in guide_advice(items)
    ]


def quiz_folders(questions_dir):
    """Return every questions/<slug>/ folder, in name order."""
    root = Path(questions_dir)
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


# The fields a learner's answer depends on: changing one on an answered item makes a version.
ANSWERED_FIELDS = tuple(f for f in ITEM_FIELDS if f != "id")


def store(quiz, owner=None):
    """Insert or update a validated quiz and its items in one transaction.

    Items are matched by id. An edited item that no one has answered is updated in place;
    one that has answers gets a new version, and the old one is kept (retired) so every
    answer still points at the words it answered. An item no longer in the quiz is retired.
    `owner` is the teacher whose quiz it is (None for questions/ folders); a slug that
    belongs to someone else is refused. Returns counts of what happened to the items.
    """
    counts = {"added": 0, "changed": 0, "unchanged": 0, "retired": 0, "versioned": 0}
    quiz_fields = {
        "title": quiz.title,
        "headline": quiz.headline,
        "publisher": quiz.publisher,
        "published": quiz.published,
        "url": quiz.url,
        "article": quiz.article,
        "status": "published",
    }
    with db.atomic():
        row = Quiz.get_or_none(Quiz.slug == quiz.slug)
        if row is None:
            row = Quiz.create(slug=quiz.slug, owner=owner, **quiz_fields)
        elif row.owner_id != owner:
            raise BankError([f"{quiz.slug}: another quiz already has this name; rename it"])
        elif _update(row, quiz_fields):
            row.save()
        latest = {}
        for item in Item.select().where(Item.quiz == row).order_by(Item.version):
            latest[item.key] = item
        for position, data in enumerate(quiz.items):
            counts[_store_item(row, latest.pop(data["id"], None), data, position)] += 1
        for item in latest.values():
            if item.active:
                item.active = False
                item.save()
                counts["retired"] += 1
    return counts


def _store_item(quiz_row, item, data, position):
    """Add, update or version one item; return which of the counts it adds to."""
    values = {k: data[k] for k in ANSWERED_FIELDS}
    if item is None:
        Item.create(quiz=quiz_row, key=data["id"], position=position, **values)
        return "added"
    edited = any(getattr(item, k) != v for k, v in values.items())
    if edited and Response.select().where(Response.item == item).exists():
        Item.update(active=False).where(Item.id == item.id).execute()
        Item.create(
            quiz=quiz_row, key=item.key, version=item.version + 1, position=position, **values
        )
        return "versioned"
    if _update(item, {**values, "position": position, "active": True}):
        item.save()
        return "changed"
    return "unchanged"


def _update(row, values):
    """Set the values on a model instance; return whether anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed
