"""The question bank's files: a questions/<slug>/ folder (or the same two files from a
shared zip, or a teacher's accepted drafts as quiz.yaml's data) read and checked against
docs/content-guide.md, giving a QuizData ready to store (app/quizzes.py stores it).

A folder holds `article.txt` (headline on the first line, then paragraphs separated by
blank lines) and `quiz.yaml`. A folder with any error is refused whole, with a message
naming the file, the item id and the field. Pure: no Flask, no database.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.limits import (
    FIELD_MAX,
    ITEMS_MAX,
    QUIZ_YAML_MAX,
    YAML_MAX_DEPTH,
    YAML_MAX_VALUES,
    YAML_SCALAR_MAX,
    article_too_long,
)
from app.passages import find_span, fold, paragraphs
from app.words import CUE_TYPES, FACT, LABELS, SOURCE_TYPES

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
# An item's content: every field of quiz.yaml's item but its id (what a DraftItem and an
# Item hold beside their key; editing one of them on an answered item makes a new version).
ITEM_CONTENT = tuple(f for f in ITEM_FIELDS if f != "id")
STATEMENT_MAX_WORDS = 30
FACT_SHARE = (0.4, 0.6)


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
    published_on: str
    url: str
    article: str
    items: list
    warnings: list = field(default_factory=list)


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
        published_on=values["article.published"],
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
    """The advice of docs/content-guide.md on a list of items (dicts with id, statement,
    label and explanation): (item id or None for the whole quiz, what to look at)."""
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
        share = sum(i["label"] == FACT for i in items) / len(items)
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
