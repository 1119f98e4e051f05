"""The question bank: questions/<slug>/ folders -> validated quizzes and items in the database.

A folder holds `article.txt` (headline on the first line, then paragraphs separated by
blank lines) and `quiz.yaml`. A folder with any error is refused whole, with a message
naming the file, the item id and the field.
"""

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
SHORT_FIELD_MAX = 200  # fields stored in a CharField
STATEMENT_MAX_WORDS = 30
FACT_SHARE = (0.4, 0.6)

QUOTE_MARKS = str.maketrans("‘’‚‛“”„", "''''\"\"\"")


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


def fold(text):
    """Return text with whitespace runs as one space and curly quotes straight,
    and for each character of the result its index in the original."""
    out, where = [], []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch.translate(QUOTE_MARKS))
        where.append(i)
    return "".join(out), where


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
    `folder` names it in messages and its last part is the quiz's slug."""
    folder = Path(folder)
    quiz_file = folder / "quiz.yaml"
    try:
        article = article.decode("utf-8")
        data = yaml.safe_load(quiz_yaml.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BankError([f"{folder}: not UTF-8 text ({exc.reason})"]) from exc
    except yaml.YAMLError as exc:
        raise BankError([f"{quiz_file}: not valid YAML: {exc}"]) from exc
    problems = []
    quiz = check_quiz(quiz_file, data, article, problems)
    if problems:
        raise BankError(problems)
    quiz.slug = folder.name
    quiz.warnings = warnings(quiz_file, quiz.items)
    return quiz


def check_quiz(quiz_file, data, article, problems):
    """Check quiz.yaml's data (title, article, items) against the article text; append
    every problem; return the QuizData (complete only when no problem was added)."""
    quiz_file = Path(quiz_file)
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
        elif len(value) > SHORT_FIELD_MAX:
            problems.append(f"{quiz_file}: {name}: longer than {SHORT_FIELD_MAX} characters")
        values[name] = str(value or "").strip()
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
        published=str(meta.get("published") or ""),
        url=str(meta.get("url") or ""),
        article=article,
        items=checked,
    )


def _check_item(quiz_file, n, raw, article, seen, problems):
    """Check one item; append its problems; return it as a dict of stripped strings."""
    if not isinstance(raw, dict):
        problems.append(f"{quiz_file}: item #{n}: expected a mapping of fields")
        return None
    name = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{n}"
    where = f"{quiz_file}: item '{name}'"
    before = len(problems)
    for extra in sorted(set(map(str, raw)) - set(ITEM_FIELDS)):
        problems.append(f"{where}: {extra}: unknown field")
    item = {}
    for key in ITEM_FIELDS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: {key}: missing or empty")
        item[key] = value.strip() if isinstance(value, str) else ""
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
        (
            "source",
            len(item["source"]) <= SHORT_FIELD_MAX,
            f"longer than {SHORT_FIELD_MAX} characters",
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
