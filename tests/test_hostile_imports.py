"""Hostile imports: bad input gets a clear message and changes nothing, and no upload makes
the server work for long. Each test reproduces an attack found on the running app: a long
headline imported three times, a YAML alias bomb, an article far too long to draft from,
and a quiz.yaml nested thousands of levels deep."""

import contextlib
import io
import itertools
import multiprocessing
import re
import time
import zipfile

import pytest
import yaml
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app import bank, drafting, importing, limits, quizzes
from app.models import DraftItem, Quiz, Teacher
from tests.helpers import (
    GOOD_ARTICLE,
    GOOD_YAML,
    LIBRARY,
    PASSWORD,
    QUESTIONS,
    SLUG,
    add_teacher,
    import_text,
    make_app,
    text_of,
    zipped,
)
from tests.http_learner import Learner
from tests.server import prepare, running

LONG_HEADLINE = "Putin orders expansion of Ukraine war in 2026 in new blow to Trump's peace talks"
NAMES = ("Ada", "Bea", "Cal", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jon", "Kit", "Lou")

FILE_MAX = f"{limits.ARTICLE_FILE_MAX_CHARS:,}"


def own_quizzes(app):
    """How many quizzes teachers own, and how many drafts there are."""
    with app.app_context():
        return Quiz.select().where(Quiz.owner.is_null(False)).count(), DraftItem.select().count()


def sentences():
    """Distinct sentences without end, each an attributed claim."""
    for n in itertools.count():
        name = NAMES[n % len(NAMES)]
        yield (
            f"Councillor {name} said that station {n} counted {3 * n + 1} new bicycles "
            f"on day {n % 28 + 1} of the count."
        )


def article_of(words, headline="Council counts the town's new bicycles"):
    """An article of exactly `words` words, headline included, in paragraphs of distinct
    sentences (the last one cut short)."""
    body = []
    for sentence in sentences():
        body += sentence.split()
        if len(body) >= words - len(headline.split()):
            break
    body = body[: words - len(headline.split())]
    paras = [" ".join(body[at : at + 60]) for at in range(0, len(body), 60)]
    text = "\n\n".join([headline, *paras]) + "\n"
    assert len(text.split()) == words
    return text


def filler(words):
    """Paragraphs of exactly `words` words, to add to an article."""
    headline = "Council counts the town's new bicycles"
    return article_of(words + len(headline.split()), headline).split("\n\n", 1)[1]


TOO_LONG = limits.ARTICLE_MAX_WORDS + 1
TOO_LONG_MESSAGE = (
    f"This article is too long: {TOO_LONG:,} words; the limit is {limits.ARTICLE_MAX_WORDS:,}."
)


# 1. A long headline imported again and again ------------------------------------------


def test_a_long_headline_imports_any_number_of_times_each_with_its_own_slug(app):
    add_teacher(app, "ada")
    add_teacher(app, "bea")
    extracted = importing.extract(LIBRARY, "txt")
    with app.app_context():
        owners = [t.id for t in Teacher.select()]
        slugs = [
            quizzes.start_quiz(owners[n % 2], extracted, LONG_HEADLINE, "Metro", "", "").slug
            for n in range(15)
        ]
    assert len(set(slugs)) == 15
    assert all(len(s) <= quizzes.SLUG_MAX for s in slugs)
    assert slugs[0] == quizzes.slugify(LONG_HEADLINE)
    assert slugs[1].endswith("-2") and slugs[14].endswith("-15")


def test_a_slug_made_free_by_a_similar_title_is_not_taken_twice(app):
    """A headline ending "-2" takes the name the first one's second import would have; the
    second import then gets the next free one."""
    add_teacher(app, "ada")
    extracted = importing.extract(LIBRARY, "txt")
    base = quizzes.slugify(LONG_HEADLINE)
    with app.app_context():
        teacher_id = Teacher.get().id
        first = quizzes.start_quiz(teacher_id, extracted, LONG_HEADLINE, "M", "", "").slug
        squatter = f"{base[: quizzes.SLUG_MAX - 2].rstrip('-')}-2"
        Quiz.create(slug=squatter, title="x", headline="x", publisher="x", article="x")
        second = quizzes.start_quiz(teacher_id, extracted, LONG_HEADLINE, "M", "", "").slug
    assert first == base and second not in (first, squatter) and second.endswith("-3")


def test_a_long_headline_imports_many_times_through_the_form(app, teacher):
    slugs = [import_text(teacher, headline=LONG_HEADLINE) for _ in range(5)]
    assert len(set(slugs)) == 5 and all(len(s) <= quizzes.SLUG_MAX for s in slugs)


def test_a_shared_quiz_with_a_long_folder_name_imports_many_times(app, teacher):
    folder = "a-" + "very-" * 14 + "long-folder-name"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{folder}/article.txt", GOOD_ARTICLE)
        archive.writestr(f"{folder}/quiz.yaml", GOOD_YAML)
    for _ in range(4):
        response = teacher.post(
            "/teacher/quizzes/shared",
            data={"files": (io.BytesIO(buffer.getvalue()), "shared.zip", "application/zip")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302, text_of(response)
    with app.app_context():
        slugs = [q.slug for q in Quiz.select().where(Quiz.owner.is_null(False))]
    assert len(set(slugs)) == 4 and all(len(s) <= quizzes.SLUG_MAX for s in slugs)


class TeacherBrowser(Learner):
    """A teacher's browser on a real server, from its own address."""

    def import_article(self, headline):
        """Post the import form; return (status, location, body)."""
        _, token = self.csrf("/teacher/quizzes/new")
        return self.request(
            "/teacher/quizzes/new",
            {"text": LIBRARY, "headline": headline, "publisher": "Metro", "csrf_token": token},
        )


@pytest.mark.slow
def test_two_teachers_import_the_same_long_headline_on_a_real_server(tmp_path):
    env = prepare(
        tmp_path,
        ["teacher", "create", "ada", "--password", PASSWORD],
        ["teacher", "create", "bea", "--password", PASSWORD],
    )
    with running(env, workers=2, threads=2) as (base, _):
        ada, bea = TeacherBrowser(base, "127.0.0.2"), TeacherBrowser(base, "127.0.0.3")
        ada.log_in("ada", PASSWORD)
        bea.log_in("bea", PASSWORD)
        results = [ada.import_article(LONG_HEADLINE) for _ in range(3)]
        results += [bea.import_article(LONG_HEADLINE) for _ in range(2)]
    slugs = []
    for status, location, body in results:
        assert status == 302, (status, body[:300])
        slugs.append(re.search(r"/teacher/quizzes/([^/]+)/article$", location).group(1))
    assert len(set(slugs)) == 5, slugs
    assert all(len(s) <= quizzes.SLUG_MAX for s in slugs)


# 2. YAML alias bombs, and every field bounded ------------------------------------------


def alias_bomb(levels=7, ways=9):
    """quiz.yaml whose article.published is a "billion laughs" tree of aliases."""
    lines = ['a0: &a0 "lol lol lol lol lol lol lol lol lol lol"']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * ways)}]")
    data = yaml.safe_load(GOOD_YAML)
    data["article"]["published"] = "PLACEHOLDER"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join(lines) + "\n" + text.replace("PLACEHOLDER", f"*a{levels}")


def post_shared(client, upload):
    """Post a shared zip; return the response."""
    return post_form(client, "/teacher/quizzes/shared", {}, {"files": (upload, "shared.zip")})


def post_form(client, url, fields, files):
    """Post a multipart form of fields and files ({name: (bytes, file name)}); return the
    response. (Encoded here: the test client leaves open the temporary file it encodes a
    large form in.)"""
    files = {
        name: FileStorage(io.BytesIO(data), filename) for name, (data, filename) in files.items()
    }
    boundary, body = encode_multipart({**fields, **files})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_an_alias_bomb_is_refused_before_it_is_built(app, teacher):
    upload = zipped(article=GOOD_ARTICLE, quiz_yaml=alias_bomb())
    assert len(upload) < 30_000
    started = time.monotonic()
    response = post_shared(teacher, upload)
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    assert "uses YAML anchors or aliases (& or *), which quizzes don't allow" in text_of(response)
    assert own_quizzes(app) == (0, 0)


@pytest.mark.parametrize(
    "text",
    [
        GOOD_YAML.replace("title:", "title: &t", 1),
        "x: &x 1\n" + GOOD_YAML.replace("publisher: Metro", "publisher: *x", 1),
    ],
)
def test_any_anchor_or_alias_is_refused_by_the_loader(text):
    with pytest.raises(bank.BankError) as caught:
        bank.read_texts("q", GOOD_ARTICLE.encode(), text.encode())
    assert caught.value.problems == [
        "q/quiz.yaml: uses YAML anchors or aliases (& or *), which quizzes don't allow"
    ]


def test_a_quiz_yaml_larger_than_any_quiz_is_refused_unread():
    padding = "# " + "x" * limits.QUIZ_YAML_MAX + "\n"
    with pytest.raises(bank.BankError, match=r"q/quiz.yaml: larger than a quiz needs"):
        bank.read_texts("q", GOOD_ARTICLE.encode(), (GOOD_YAML + padding).encode())


def test_a_quiz_yaml_of_too_many_values_is_refused():
    text = "items: [" + "a, " * limits.YAML_MAX_VALUES + "]\n"
    assert len(text) < limits.QUIZ_YAML_MAX
    with pytest.raises(bank.BankError, match=r"q/quiz.yaml: more than [\d,]+ values"):
        bank.read_texts("q", GOOD_ARTICLE.encode(), text.encode())


def with_change(change):
    """GOOD_YAML with a change made to its data (a function of the data)."""
    data = yaml.safe_load(GOOD_YAML)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def item_change(field, value):
    """A change of one field of the fourth item."""
    return lambda data: data["items"][3].update({field: value})


FIRST_ID = yaml.safe_load(GOOD_YAML)["items"][3]["id"]
CAPS = limits.FIELD_MAX


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(title="t" * (CAPS["title"] + 1)),
            f"title: longer than {CAPS['title']:,} characters",
        ),
        (
            lambda d: d["article"].update(publisher="p" * (CAPS["article.publisher"] + 1)),
            f"article.publisher: longer than {CAPS['article.publisher']:,} characters",
        ),
        (
            lambda d: d["article"].update(published="2026 " * 20),
            f"article.published: longer than {CAPS['article.published']:,} characters",
        ),
        (
            lambda d: d["article"].update(published=["2026", "11"]),
            "article.published: expected text",
        ),
        (
            lambda d: d["article"].update(url="https://x.example/" + "u" * 300),
            f"article.url: longer than {CAPS['article.url']:,} characters",
        ),
        (
            item_change("statement", "Words " * 100),
            f"item '{FIRST_ID}': statement: longer than {CAPS['statement']:,} characters",
        ),
        (
            item_change("quote", "Words " * 500),
            f"item '{FIRST_ID}': quote: longer than {CAPS['quote']:,} characters",
        ),
        (
            item_change("explanation", "Words " * 500),
            f"item '{FIRST_ID}': explanation: longer than {CAPS['explanation']:,} characters",
        ),
        (
            item_change("cue", "Words " * 50),
            f"item '{FIRST_ID}': cue: longer than {CAPS['cue']:,} characters",
        ),
        (
            item_change("source", "Words " * 50),
            f"item '{FIRST_ID}': source: longer than {CAPS['source']:,} characters",
        ),
        (
            lambda d: d.update(
                items=[
                    {**d["items"][n % len(d["items"])], "id": f"item-{n}"}
                    for n in range(limits.ITEMS_MAX + 1)
                ]
            ),
            f"items: {limits.ITEMS_MAX + 1} items; a quiz holds at most {limits.ITEMS_MAX}",
        ),
    ],
)
def test_every_stored_field_is_bounded_with_a_message_naming_it(change, message):
    with pytest.raises(bank.BankError) as caught:
        bank.read_texts("q", GOOD_ARTICLE.encode(), with_change(change).encode())
    assert any(p.startswith("q/quiz.yaml: ") and message in p for p in caught.value.problems), (
        caught.value.problems
    )


# 3. Articles too long to draft from, and drafting bounded ------------------------------


@pytest.mark.parametrize(
    "how",
    ["pasted", "txt file", "md file"],
)
def test_an_over_long_article_is_refused_on_import_and_stores_nothing(app, teacher, how):
    text = article_of(TOO_LONG)
    if how == "pasted":
        data = {"text": text}
    else:
        fmt = how.split()[0]
        data = {"text": "", "file": (io.BytesIO(text.encode()), f"a.{fmt}", "text/plain")}
    response = teacher.post(
        "/teacher/quizzes/new",
        data={**data, "publisher": "Courier"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert TOO_LONG_MESSAGE in text_of(response)
    assert own_quizzes(app) == (0, 0)


def test_an_article_of_a_few_enormous_words_is_refused(app, teacher):
    text = LIBRARY.replace("roof", "roof" * 30_000, 1)
    assert len(text.split()) < limits.ARTICLE_MAX_WORDS
    response = teacher.post("/teacher/quizzes/new", data={"text": text, "publisher": "Courier"})
    assert response.status_code == 400
    assert "This article is too long: " in text_of(response)
    assert f"characters; the limit is {limits.ARTICLE_MAX_CHARS:,}." in text_of(response)
    assert own_quizzes(app) == (0, 0)


def test_an_over_long_shared_article_is_refused_and_stores_nothing(app, teacher):
    article = GOOD_ARTICLE + "\n" + filler(TOO_LONG - len(GOOD_ARTICLE.split()))
    response = post_shared(teacher, zipped(article=article, quiz_yaml=GOOD_YAML))
    assert response.status_code == 400
    assert f"q/article.txt: {TOO_LONG_MESSAGE}" in text_of(response)
    assert own_quizzes(app) == (0, 0)


@pytest.mark.parametrize("button", ["save", "draft"])
def test_an_article_corrected_past_the_limit_is_refused_and_changes_nothing(app, teacher, button):
    slug = import_text(teacher)
    with app.app_context():
        before = Quiz.get(Quiz.slug == slug).article
    data = {"text": article_of(TOO_LONG), button: "y"}
    response = teacher.post(f"/teacher/quizzes/{slug}/article", data=data)
    assert response.status_code == 400
    assert TOO_LONG_MESSAGE in text_of(response)
    with app.app_context():
        assert Quiz.get(Quiz.slug == slug).article == before
        assert DraftItem.select().count() == 0


def test_the_loader_refuses_a_folder_with_an_over_long_article(tmp_path, questions_copy):
    article = questions_copy / SLUG / "article.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n" + filler(TOO_LONG - len(text.split())), encoding="utf-8")
    app = make_app(tmp_path, questions_dir=questions_copy)
    runner = app.test_cli_runner()
    runner.invoke(args=["init-db"])
    result = runner.invoke(args=["questions", "load"])
    assert result.exit_code == 1
    assert f"article.txt: {TOO_LONG_MESSAGE}" in result.output
    with app.app_context():
        assert Quiz.select().count() == 0


def test_an_article_at_the_limit_imports_drafts_and_reviews_in_seconds(app, teacher):
    started = time.monotonic()
    slug = import_text(teacher, text=article_of(limits.ARTICLE_MAX_WORDS))
    with app.app_context():
        article = Quiz.get(Quiz.slug == slug).article
    response = teacher.post(
        f"/teacher/quizzes/{slug}/article", data={"text": article, "draft": "y"}
    )
    assert response.status_code == 302, text_of(response)
    page = teacher.get(f"/teacher/quizzes/{slug}/review")
    assert page.status_code == 200
    assert time.monotonic() - started < 10
    with app.app_context():
        assert 0 < DraftItem.select().count() <= limits.DRAFTS_MAX


def test_the_drafts_are_capped_at_the_strongest():
    article = article_of(3000)
    everything = drafting.drafted(article, limit=None)
    capped = drafting.drafted(article)
    assert len(everything.drafts) > limits.DRAFTS_MAX
    assert capped.drafts == everything.drafts[: limits.DRAFTS_MAX]
    assert capped.dropped == len(everything.drafts) - limits.DRAFTS_MAX
    assert not capped.stopped_early


def test_the_review_page_says_the_drafts_were_capped(app, teacher):
    slug = import_text(teacher, text=article_of(3000))
    with app.app_context():
        article = Quiz.get(Quiz.slug == slug).article
    response = teacher.post(
        f"/teacher/quizzes/{slug}/article", data={"text": article, "draft": "y"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert DraftItem.select().count() == limits.DRAFTS_MAX
    page = text_of(teacher.get(response.location))
    assert f"only its {limits.DRAFTS_MAX} strongest drafts" in page


def test_drafting_stops_at_its_deadline():
    started = time.monotonic()
    result = drafting.drafted(article_of(3000), seconds=0)
    assert result.stopped_early and result.drafts == []
    assert time.monotonic() - started < 1


def test_the_teacher_is_told_when_drafting_stopped_early(app, teacher, monkeypatch):
    slug = import_text(teacher)
    monkeypatch.setattr(limits, "DRAFT_SECONDS", 0)
    with app.app_context():
        article = Quiz.get(Quiz.slug == slug).article
    response = teacher.post(
        f"/teacher/quizzes/{slug}/article", data={"text": article, "draft": "y"}
    )
    assert response.status_code == 302
    page = text_of(teacher.get(response.location))
    assert "The drafter stopped early" in page and "add items by hand" in page


HOSTILE = "Headline of a hostile article\n\n"
LIMIT = limits.ARTICLE_MAX_WORDS - 10


@pytest.mark.parametrize(
    "article",
    [
        HOSTILE + " ".join(["Aldren"] * LIMIT) + ".",
        HOSTILE + ", ".join(["Aldren Brask"] * (LIMIT // 2)) + ".",
        HOSTILE + " ".join(["Mr. A. B. Smith Jr. of St. Paul, U.S.A., said it."] * (LIMIT // 11)),
        HOSTILE + "\n\n".join([f"Ms {n} Smith said the town flooded." for n in range(LIMIT // 7)]),
        HOSTILE
        + " ".join(
            [
                " ".join(["Ann quoted Bob as saying, said it, according to"] * 10)
                + " the town flooded."
            ]
            * (LIMIT // 94)
        ),
        HOSTILE
        + " ".join(
            [" ".join(["a, the statement the statement read,"] * 15) + " read."] * (LIMIT // 92)
        ),
    ],
    ids=[
        "one sentence of names",
        "one sentence of commas",
        "abbreviations",
        "many speakers",
        "nested reporters",
        "statements read",
    ],
)
def test_a_pathological_article_at_the_limit_drafts_in_bounded_time(article):
    assert len(article.split()) <= limits.ARTICLE_MAX_WORDS
    started = time.process_time()
    drafting.draft(article)
    drafting.sentences(article)  # the learner's reading page cuts it into sentences too
    assert time.process_time() - started < limits.DRAFT_SECONDS


# 4. quiz.yaml nested deeper than any quiz ----------------------------------------------

DEEP = "items: " + "[" * 20_000 + "]" * 20_000 + "\n"


def test_a_deeply_nested_quiz_yaml_gets_the_loaders_message(app, teacher):
    response = post_shared(teacher, zipped(article=GOOD_ARTICLE, quiz_yaml=DEEP))
    assert response.status_code == 400
    assert f"q/quiz.yaml: nested deeper than {limits.YAML_MAX_DEPTH} levels" in text_of(response)
    assert own_quizzes(app) == (0, 0)


def test_the_loader_refuses_deep_nesting_and_survives_a_recursion_error(monkeypatch):
    with pytest.raises(bank.BankError, match="nested deeper than"):
        bank.read_texts("q", GOOD_ARTICLE.encode(), DEEP.encode())

    def too_deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(bank.yaml, "load", too_deep)
    with pytest.raises(bank.BankError, match="q/quiz.yaml: nested deeper than"):
        bank.read_texts("q", GOOD_ARTICLE.encode(), GOOD_YAML.encode())


def test_the_real_quiz_still_loads():
    quiz = bank.read_folder(QUESTIONS / SLUG)
    assert len(quiz.items) == 29


# 5. Patterns that work for long on one long line or sentence ---------------------------

QUICK = 5  # seconds: far above what each case below takes now, far below what it took


def finishes(seconds, function, *args):
    """function(*args) run in a child process: what it returns (or raises), or a failed
    test when it is still working after `seconds` (the child is then stopped), so that a
    test of a slow case fails quickly instead of running for minutes."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(sender, function, args))
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            pytest.fail(f"{function.__name__} still working after {seconds} s")
        ok, value = receiver.recv()
    finally:
        child.kill()
        child.join()
    if not ok:
        raise value
    return value


def _send_result(sender, function, args):
    """Send (True, what function(*args) returns) or (False, what it raises)."""
    try:
        sender.send((True, function(*args)))
    except BaseException as exc:  # noqa: BLE001  # re-raised in the test (a failure too)
        sender.send((False, exc))


PUNCTUATION_LINE = "word " * 45 + "\n\n" + "a." * 49850


@pytest.mark.parametrize("unit", ["a.", "A-"])
def test_a_long_line_of_punctuation_imports_in_seconds(app, teacher, unit):
    """The contact line's address pattern took 41 s over this (quadratic in the line)."""
    text = PUNCTUATION_LINE.replace("a.", unit)
    started = time.monotonic()
    response = teacher.post(
        "/teacher/quizzes/new", data={"text": text, "headline": "H", "publisher": "P"}
    )
    assert response.status_code == 302, text_of(response)
    assert time.monotonic() - started < QUICK
    with app.app_context():
        assert unit * 49850 in Quiz.get(Quiz.owner.is_null(False)).article  # not furniture


HOSTILE_UNITS = [
    "a.",
    "A-",
    "A ",
    "a.B",
    "#a ",
    "» ",
    "1:",
    "{",
    "(a",
    "A (",
    "a'",
    "a’",
    "a ",
    "a",
    "@",
    "1",
    "a@",
    "a@a.",
    ".-+",
    "a.,;:-'’\"“”()",
]


def furniture_patterns_on_long_lines():
    """Every furniture rule's pattern and judge, the dateline and link-list patterns and the
    glued-sentence split over 100,000 characters of each hostile unit (the rules themselves
    are not run on a line that long), and furniture_reason over them."""
    for unit in HOSTILE_UNITS:
        line = (unit * 100_000)[:100_000]
        for _why, pattern in importing._FURNITURE:
            pattern.search(line)
        for _why, judge in importing._FURNITURE_JUDGES:
            judge(line)
        for pattern in (importing.DATELINE, importing.LINK_LIST_HEADS):
            pattern.match(line)
        importing.split_glued_sentences(line)
        assert importing.furniture_reason(line) is None
    return True


def test_no_furniture_pattern_is_slow_on_a_long_line():
    assert finishes(QUICK, furniture_patterns_on_long_lines)


CHAIN = "Headline\n\nThe officials said that {}A ended here.\n"


@pytest.mark.parametrize("unit", ["A-", "A’", "a'"])
def test_a_sentence_of_a_long_chain_drafts_in_bounded_time(unit):
    """One sentence of a 98,000-character hyphen chain took 268 s to draft: the deadline is
    checked between sentences. A sentence over SENTENCE_MAX_CHARS is not drafted from."""
    article = CHAIN.format(unit * 49_000)
    assert len(article) <= limits.ARTICLE_MAX_CHARS
    result = finishes(QUICK, drafting.drafted, article)
    assert not result.stopped_early and result.drafts == []


def test_the_edit_page_drafts_an_article_with_a_long_chain_in_seconds(app, teacher):
    slug = import_text(teacher)
    with app.app_context():
        article = Quiz.get(Quiz.slug == slug).article
    text = article + "\n" + CHAIN.format("A-" * 10_000).split("\n\n", 1)[1]
    started = time.monotonic()
    response = teacher.post(f"/teacher/quizzes/{slug}/article", data={"text": text, "draft": "y"})
    assert response.status_code == 302, text_of(response)
    assert time.monotonic() - started < QUICK
    with app.app_context():
        assert DraftItem.select().count() > 0
        assert not DraftItem.select().where(DraftItem.quote.contains("A-A-A-")).exists()


def at_the_caps(prefix, unit, suffix):
    """A sentence of prefix, as many units as fit and suffix, within the drafter's caps."""
    body = ""
    while True:
        sentence = prefix + body + unit + suffix
        if (
            len(sentence) > drafting.SENTENCE_MAX_CHARS
            or len(sentence.split()) > drafting.SENTENCE_MAX_WORDS
        ):
            return prefix + body + suffix
        body += unit


@pytest.mark.parametrize(
    ("prefix", "unit", "suffix"),
    [
        ("The officials said that ", "A-", " ended here."),
        ("The town, made up of ", "A’", ", made up of A and B."),
        ("", "Aldren Brask ", ", made up of A and B."),
        ("According to Aldren, ", "Aa ", ", Aldren said."),
        ("“", "'", ", with officials saying it is so."),
        ("“", "’", ",” said Aldren."),
        ("Yet ", "”.", ", according to Aldren."),
        ("", "“a” ", ", Aldren said."),
        ("", "A, ", ", Aldren said."),
        ("Aldren Brask told A B that ", "told A ", " ended here."),
    ],
)
def test_no_sentence_within_the_caps_takes_long_to_draft(prefix, unit, suffix):
    """Chains, capitalised words, quote marks and commas as long as a sentence may be."""
    sentence = at_the_caps(prefix, unit, suffix)
    assert len(sentence) > drafting.SENTENCE_MAX_CHARS * 0.9 or len(sentence.split()) > 90
    started = time.process_time()
    drafting.drafted(f"Headline\n\n{sentence}\n", seconds=None)
    drafting.signals(sentence * 2)  # a quote may be twice as long
    assert time.process_time() - started < 0.5


def test_a_paragraph_of_many_tiny_sentences_is_cut_in_bounded_time():
    """pysbd looks for each sentence from the start of its text: 1,450 sentences "a?" in
    one paragraph took a second, and thirty such paragraphs fit in an article."""
    article = "Headline\n\n" + "\n\n".join(["a?" * 1450] * 30) + "\n"
    assert len(article) <= limits.ARTICLE_MAX_CHARS
    sentences = finishes(QUICK, drafting.sentences, article)
    assert [s.text for s in sentences] == ["a?" * 1450] * 30


def test_the_review_page_reads_quotes_of_quote_marks_in_seconds(app, teacher):
    """A quote of 2,000 quote marks took the claim patterns a tenth of a second, on every
    draft of the review page."""
    quote = "“" + "'" * 1960 + ", with officials saying it is so."
    article = f"{GOOD_ARTICLE.rstrip()}\n\n{quote}\n"
    data = yaml.safe_load(GOOD_YAML)
    data["items"] = [
        {**data["items"][n % 10], "id": f"quote-{n}", "quote": quote, "cue": "saying"}
        for n in range(limits.ITEMS_MAX)
    ]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    response = post_shared(teacher, zipped(article=article, quiz_yaml=text))
    assert response.status_code == 302, text_of(response)
    started = time.monotonic()
    page = teacher.get(response.location)
    assert page.status_code == 200
    assert time.monotonic() - started < QUICK


# 6. Files parsed before their length is checked ----------------------------------------


def upload(client, content, name):
    """Post the import form with a file; return the response."""
    fields = {"text": "", "publisher": "P"}
    return post_form(client, "/teacher/quizzes/new", fields, {"file": (content, name)})


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            "[" * 10**6 + "x" + "]" * 10**6,
            "a.md",
            f"too long to read: 2,000,001 characters; the limit is {FILE_MAX}",
        ),
        (
            "*a " * 600_000,
            "a.md",
            f"too long to read: 1,800,000 characters; the limit is {FILE_MAX}",
        ),
        (
            "word " * 400_000,
            "a.txt",
            f"too long to read: 2,000,000 characters; the limit is {FILE_MAX}",
        ),
        (
            "![" * 140_000,
            "a.md",
            "This Markdown file has 280,000 marks of links, pictures and emphasis",
        ),
        (
            "a\n" * 140_000,
            "a.md",
            f"too long to read: 140,001 lines; the limit is {limits.MARKDOWN_MAX_LINES:,}",
        ),
    ],
    ids=["brackets", "emphasis", "text", "pictures", "lines"],
)
def test_a_file_too_long_to_read_is_refused_before_it_is_parsed(
    app, teacher, content, name, message
):
    """Markdown of 2 MB took 7-14 s to parse before its length was checked."""
    started = time.monotonic()
    response = upload(teacher, content.encode(), name)
    assert time.monotonic() - started < QUICK
    assert response.status_code == 400
    assert message in text_of(response)
    assert own_quizzes(app) == (0, 0)


def markdown_at_the_limits():
    """Markdown as costly as the limits let it be: marks of markup ("![", the costliest),
    lines, and a block of the marks too long to read as one."""
    most = limits.MARKDOWN_MAX_MARKS // 2 - 100
    words = "\n".join(["word"] * (limits.MARKDOWN_MAX_LINES - 200))
    for text in ("![" * most, "\n".join(["![" * 50] * (most // 50)), words):
        with contextlib.suppress(importing.ArticleError):  # too few words, or too many
            importing.extract(text.encode(), "md")
    return True


def test_markdown_within_the_limits_reads_in_seconds():
    assert finishes(QUICK, markdown_at_the_limits)


def page(body):
    """A saved page with this body."""
    return f"<html><head><title>T</title></head><body>{body}</body></html>".encode()


MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (page("<span>a</span>" * (2 * MIB // 14 - 10)), "elements holds 149,"),
        (page("<p>" + '<a href="x" class="y">w</a> ' * (2 * MIB // 28 - 10) + "</p>"), "holds 74,"),
        (
            page(("<ul>" + "<li>item words here</li>" * 999 + "</ul>") * 80),
            f"more than {limits.HTML_MAX_ELEMENTS:,} elements",
        ),
        (
            page("<article><p>" + "word " * (2 * MIB // 5 - 20) + "</p></article>"),
            "This article is too long to read: ",
        ),
    ],
    ids=["spans", "links", "lists", "text"],
)
def test_a_saved_page_too_large_to_read_is_refused_in_seconds(app, teacher, content, message):
    """2 MB pages took trafilatura 2-15 s (and links in one paragraph, minutes a MB)."""
    assert len(content) <= 2 * MIB
    started = time.monotonic()
    response = upload(teacher, content, "a.html")
    assert time.monotonic() - started < QUICK
    assert response.status_code == 400
    assert message in text_of(response)
    assert own_quizzes(app) == (0, 0)


def test_a_saved_page_at_the_limits_reads_in_seconds():
    """As many elements as a page may have, the widest it may have, all links in paragraphs
    (trafilatura's slowest)."""
    widest = limits.HTML_MAX_CHILDREN - 1
    paragraph = "<p>" + '<a href="/x">wwwwwwwwww</a> ' * widest + "</p>"
    content = page(
        "<article>" + paragraph * (limits.HTML_MAX_ELEMENTS // widest - 1) + "</article>"
    )
    started = time.monotonic()
    with pytest.raises(importing.ArticleError, match="This article is too long"):
        importing.extract(content, "html")
    assert time.monotonic() - started < QUICK


# 7. quiz.yaml's values read as text ------------------------------------------------------

TITLE = 'title: "The buffer zone and the drone attack claim"'
PUBLISHER = "  publisher: Metro\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD_YAML.replace(TITLE, "title: " + "1" * 5000),
            f"q/quiz.yaml: title: longer than {limits.FIELD_MAX['title']} characters",
        ),
        (
            GOOD_YAML.replace(PUBLISHER, PUBLISHER + "  published: 0b" + "1" * 20_000 + "\n"),
            "a value of 20,002 characters, far longer than any field of a quiz",
        ),
        (
            GOOD_YAML.replace(PUBLISHER, PUBLISHER + "  published: 1" + ":59" * 165_000 + "\n"),
            "a value of 495,001 characters, far longer than any field of a quiz",
        ),
    ],
    ids=["digits", "binary", "sexagesimal"],
)
def test_a_number_too_big_to_read_in_quiz_yaml_gets_the_loaders_message(
    app, teacher, text, message
):
    """Each was a 500: Python's integers refuse 4,300 digits, and reading a sexagesimal one
    took seconds."""
    assert len(text.encode()) <= limits.QUIZ_YAML_MAX
    started = time.monotonic()
    response = post_shared(teacher, zipped(article=GOOD_ARTICLE, quiz_yaml=text))
    assert time.monotonic() - started < QUICK
    assert response.status_code == 400
    assert message in text_of(response)
    assert own_quizzes(app) == (0, 0)


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2026-05-12", "2026-05-12"),
        ("2026-05-12 10:00:00", "2026-05-12 10:00:00"),
        ("12:30", "12:30"),
        ("2026", "2026"),
        ("0x1F", "0x1F"),
        ("yes", "yes"),
        ("", ""),
        ("~", ""),
        ("null", ""),
        ("'null'", "null"),
    ],
)
def test_every_value_of_quiz_yaml_comes_out_as_written(value, read):
    text = GOOD_YAML.replace(PUBLISHER, f"{PUBLISHER}  published: {value}\n")
    assert bank.read_texts("q", GOOD_ARTICLE.encode(), text.encode()).published_on == read


def test_a_title_written_as_a_number_is_text():
    text = GOOD_YAML.replace(TITLE, "title: 2026")
    assert bank.read_texts("q", GOOD_ARTICLE.encode(), text.encode()).title == "2026"
