"""A teacher's own quiz in the test client: import, correct, review, publish, a learner takes
it, versions after answers, sharing as a zip, and who may see what."""

import io
import re
import zipfile

import pytest
import yaml

from app import bank, passages, quizzes
from app.models import Attempt, ClassSession, DraftItem, Item, Quiz, Response, Teacher, quiz_choices
from tests.helpers import (
    ARTICLES,
    GOOD_ARTICLE,
    GOOD_YAML,
    LIBRARY,
    PASSWORD,
    QUESTIONS,
    SLUG,
    add_teacher,
    answer,
    answer_all,
    attempt_items,
    draft,
    import_text,
    log_in,
    new_session,
    text_of,
    zipped,
)

NEWSLETTER = "Sign up for our weekly newsletter to get local news first."


def drafts(app, slug, **where):
    """The quiz's drafts, by position."""
    with app.app_context():
        query = DraftItem.select().join(Quiz).where(Quiz.slug == slug)
        for name, value in where.items():
            query = query.where(getattr(DraftItem, name) == value)
        return list(query.order_by(DraftItem.position))


def act(client, slug, draft_item, action):
    """Post one of the review page's buttons."""
    response = client.post(f"/teacher/quizzes/{slug}/drafts/{draft_item.id}/{action}")
    assert response.status_code == 302, text_of(response)


def edited(draft_item, **changes):
    """The edit form's data: the draft's own fields, with some changed."""
    return {name: getattr(draft_item, name) for name in bank.ITEM_CONTENT} | changes


def accept_balanced(client, app, slug, facts=3, allegations=3):
    """Accept the strongest drafts of each kind, so the quiz is balanced."""
    pending = sorted(drafts(app, slug, status="pending"), key=lambda d: -d.confidence)
    chosen = [d for d in pending if d.label == "fact"][:facts]
    chosen += [d for d in pending if d.label == "allegation"][:allegations]
    for d in chosen:
        act(client, slug, d, "accept")
    return chosen


def test_import_shows_the_cleaned_article_with_the_furniture_to_put_back(app, teacher):
    slug = import_text(teacher)
    assert slug == "town-library-to-reopen-after-roof-repairs"
    page = teacher.get(f"/teacher/quizzes/{slug}/article")
    html = page.get_data(as_text=True)
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert "Head librarian Ana Ortiz" in textarea and NEWSLETTER not in textarea
    assert "newsletter prompt" in text_of(page) and NEWSLETTER in text_of(page)
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == slug)
        assert (quiz.status, quiz.owner.username, quiz.publisher) == (
            "draft",
            "ada",
            "Millbrook Courier",
        )
        assert quiz.headline == "Town library to reopen after roof repairs"
    # Putting the line back restores it where it was (here: the end).
    draft(teacher, slug, put_back=[0])
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == slug)
        assert passages.paragraphs(quiz.article)[-1] == NEWSLETTER
        assert quizzes.furniture(quiz) == []


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("library-roof.md", "text/markdown"), ("library-roof.html", "text/html")],
)
def test_markdown_and_saved_pages_import_to_the_same_article(app, teacher, name, content_type):
    data = {
        "text": "",
        "file": (io.BytesIO((ARTICLES / name).read_bytes()), name, content_type),
        # A saved page names its publisher; a Markdown file doesn't, so the teacher does.
        "publisher": "" if name.endswith(".html") else "Millbrook Courier",
    }
    response = teacher.post("/teacher/quizzes/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, text_of(response)
    with app.app_context():
        quiz = Quiz.get(Quiz.owner.is_null(False))
        paras = passages.paragraphs(quiz.article)
        assert paras[0] == "Town library to reopen after roof repairs"
        assert paras[1].startswith("The Millbrook public library will reopen")
        assert NEWSLETTER not in quiz.article and "(Picture" not in quiz.article
        assert quiz.publisher == "Millbrook Courier"
        if name.endswith(".html"):  # the page's own details fill in the empty fields
            assert quiz.published_on == "2026-11-20"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Paste the article's text, or choose a file below."),
        ({"text": "Too short to be an article."}, "only 6 words of article text"),
        ({"text": LIBRARY, "url": "not an address"}, "Give the article's full address"),
        ({"text": LIBRARY, "publisher": " "}, "Give the publisher: learners see where"),
        ({"text": LIBRARY, "headline": "x" * 201}, "Keep the headline to 200 characters."),
        (
            {"text": LIBRARY, "file": (io.BytesIO(b"x"), "a.txt", "text/plain")},
            "Paste the text or choose a file, not both.",
        ),
        ({"text": "", "file": (io.BytesIO(b"x"), "a.pdf", "application/pdf")}, ".txt, .md"),
    ],
)
def test_bad_imports_say_why_and_store_nothing(app, teacher, data, message):
    response = teacher.post("/teacher/quizzes/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert message in text_of(response)
    with app.app_context():
        assert Quiz.select().where(Quiz.owner.is_null(False)).count() == 0


def test_a_large_saved_page_is_accepted_from_a_teacher_only(app, teacher):
    padding = "<!-- " + "x" * 300_000 + " -->"
    page = (ARTICLES / "library-roof.html").read_text().replace("<body>", "<body>" + padding)
    data = {"text": "", "file": (io.BytesIO(page.encode()), "page.html", "text/html")}
    response = teacher.post("/teacher/quizzes/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    anonymous = app.test_client()
    data = {"text": "", "file": (io.BytesIO(page.encode()), "page.html", "text/html")}
    refused = anonymous.post("/teacher/quizzes/new", data=data, content_type="multipart/form-data")
    assert refused.status_code == 302 and "/teacher/login" in refused.location
    # The larger allowance is for those pages only: elsewhere the usual limit holds.
    big = teacher.post("/teacher/password", data={"current": "x" * 300_000})
    assert big.status_code == 413
    with app.app_context():
        assert Quiz.select().where(Quiz.owner.is_null(False)).count() == 1


def test_review_publish_and_a_learner_takes_the_new_quiz(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    pending = drafts(app, slug, status="pending")
    assert len(pending) >= 8
    confidences = [d.confidence for d in pending]
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert f"Drafts to review ({len(pending)}), strongest first" in page
    # Nothing accepted yet: the page says where to start, and offers no Publish.
    assert "Nothing is in the quiz yet. Review the drafts below" in page
    assert "Publish" not in page and "Can it be passed without reading?" not in page
    assert "Signals in the quote: speaker: Head librarian Ana Ortiz; attribution “said”." in page
    # The strongest is listed first.
    strongest = max(pending, key=lambda d: (d.confidence, -d.position))
    assert page.index(strongest.statement) < min(
        page.index(d.statement) for d in pending if d.confidence < max(confidences)
    )
    chosen = accept_balanced(teacher, app, slug)
    weakest = min(pending, key=lambda d: d.confidence)
    act(teacher, slug, weakest, "reject")
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert "6 items: 3 facts (50%), 3 allegations" in page
    assert "Rejected (1)" in page
    # Not yet published: the quiz is not offered for sessions.
    assert "Town library" not in text_of(teacher.get("/teacher/"))
    response = teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert response.status_code == 302
    assert "Published. It is ready for a class session now." in text_of(
        teacher.get(response.location)
    )
    with app.app_context():
        items = list(Item.select().join(Quiz).where(Quiz.slug == slug).order_by(Item.position))
        assert [i.statement for i in items] == [d.statement for d in chosen]
        assert Quiz.get(Quiz.slug == slug).status == "published"
    # Ready at once: the session form offers it, and a learner can take the whole quiz.
    sessions_page = teacher.get(f"/teacher/?quiz={slug}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{slug}">', sessions_page)
    session_id, code = new_session(teacher, quiz=slug)
    learner = app.test_client()
    joined = learner.post("/join", data={"code": code, "name": "Lena"})
    assert joined.status_code == 302, text_of(joined)
    token = joined.location.rsplit("/a/", 1)[1]
    taken = answer_all(learner, app, token)
    assert {i.statement for i in taken} == {d.statement for d in chosen}
    results = text_of(learner.get(f"/a/{token}/results"))
    assert "right on 6 of the 6 statements" in results
    dashboard = text_of(teacher.get(f"/teacher/sessions/{session_id}"))
    assert "Lena" in dashboard


def test_edit_reorder_and_add_an_item_from_a_passage(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    first, second = accept_balanced(teacher, app, slug, facts=1, allegations=1)
    act(teacher, slug, second, "up")
    assert [d.id for d in drafts(app, slug, status="accepted")] == [second.id, first.id]
    edit = {
        "statement": "The library reopens on Monday.",
        "label": "allegation",
        "quote": "The Millbrook public library will reopen on Monday",
        "cue": "will reopen",
        "cue_type": "none",
        "source": "The town council",
        "source_type": "party-official",
        "explanation": "The council says so; the article shows no more.",
    }
    response = teacher.post(f"/teacher/quizzes/{slug}/drafts/{first.id}/edit", data=edit)
    assert response.status_code == 302, text_of(response)
    with app.app_context():
        edited = DraftItem.get_by_id(first.id)
        assert (edited.statement, edited.label, edited.status) == (
            edit["statement"],
            "allegation",
            "accepted",
        )
    added = {
        **edit,
        "statement": "Workers fixed two skylights.",
        "label": "fact",
        "quote": "fixed two leaking skylights",
        "cue": "fixed",
    }
    response = teacher.post(f"/teacher/quizzes/{slug}/drafts", data=added)
    assert response.status_code == 302, text_of(response)
    accepted = drafts(app, slug, status="accepted")
    assert accepted[-1].statement == "Workers fixed two skylights."
    assert accepted[-1].confidence is None and accepted[-1].key == "workers-fixed-two-skylights"


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"quote": "The library burned down"}, "These words are not in the article"),
        ({"cue": "budget"}, "The cue must be words from the quote."),
        ({"statement": ""}, "Write the statement learners will sort."),
        ({"label": "maybe"}, "Choose “Verified fact” or “Unevidenced allegation”."),
        ({"cue_type": "vibes"}, "Choose one of the cue types."),
        # Every field within the bank's limits, so a saved draft can always be published.
        ({"quote": "roofing " * 300}, "Keep the quote to 2,000 characters."),
        ({"cue": "Workers " * 30}, "Keep the cue to 200 characters."),
        ({"explanation": "x" * 2001}, "Keep the explanation to 2,000 characters."),
    ],
)
def test_a_bad_edit_says_why_and_changes_nothing(app, teacher, change, field_message):
    slug = import_text(teacher)
    draft(teacher, slug)
    target = drafts(app, slug)[0]
    data = {
        "statement": "Edited.",
        "label": "fact",
        "quote": "Workers replaced 400 square metres of roofing",
        "cue": "Workers replaced",
        "cue_type": "none",
        "source": "The article",
        "source_type": "reporter",
        "explanation": "Said in the article's own voice.",
        **change,
    }
    response = teacher.post(f"/teacher/quizzes/{slug}/drafts/{target.id}/edit", data=data)
    assert response.status_code == 400
    assert field_message in text_of(response)
    with app.app_context():
        unchanged = DraftItem.get_by_id(target.id)
        assert (unchanged.statement, unchanged.status) == (target.statement, target.status)


def test_publishing_runs_the_banks_checks_and_changes_nothing_on_failure(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    refused = teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert refused.status_code == 400
    assert "Accept at least one item before publishing." in text_of(refused)
    chosen = accept_balanced(teacher, app, slug, facts=1, allegations=1)
    with app.app_context():  # the article changed under an accepted item's quote
        quiz = Quiz.get(Quiz.slug == slug)
        quiz.article = quiz.article.replace(chosen[0].quote, "Something else entirely.")
        quiz.save()
    refused = teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert refused.status_code == 400
    assert f"item '{chosen[0].key}': quote: not found in article.txt" in text_of(refused)
    with app.app_context():
        assert Item.select().join(Quiz).where(Quiz.slug == slug).count() == 0
        assert Quiz.get(Quiz.slug == slug).status == "draft"


def test_review_warns_on_balance_length_and_missing_explanations(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    accept_balanced(teacher, app, slug, facts=3, allegations=0)
    target = drafts(app, slug, status="accepted")[0]
    data = edited(target, statement=" ".join(["word"] * 31), label="fact", explanation="")
    teacher.post(f"/teacher/quizzes/{slug}/drafts/{target.id}/edit", data=data)
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert "100% of items are facts (the guide says 40-60%)" in page
    assert "statement: 31 words (the guide says at most 30)" in page
    assert "explanation: missing" in page


ATTRIBUTED_PAIRS = (  # (fact, allegation, quote): every fact attributed, every allegation bare
    (
        "The town council said the library will reopen on Monday.",
        "The library will reopen on Monday.",
        "The Millbrook public library will reopen on Monday after six weeks of repairs to its"
        " roof, the town council said.",
    ),
    (
        "Ana Ortiz said the leaks damaged more than 300 books.",
        "The leaks damaged more than 300 books.",
        "Head librarian Ana Ortiz said the leaks had damaged more than 300 books.",
    ),
    (
        "A local builder said the work took too long.",
        "The repairs took twice as long as they needed to.",
        "A local builder, who asked not to be named, said the work could have been done in"
        " half the time.",
    ),
)


def test_review_says_whether_the_quiz_can_be_passed_without_reading(app, teacher):
    slug = import_text(teacher)
    fields = {"cue": "said", "cue_type": "attribution", "explanation": "See the article."}
    fields |= {"source": "The article", "source_type": "reporter"}
    for fact, allegation, quote in ATTRIBUTED_PAIRS:
        for statement, label in ((fact, "fact"), (allegation, "allegation")):
            data = fields | {"statement": statement, "label": label, "quote": quote}
            response = teacher.post(f"/teacher/quizzes/{slug}/drafts", data=data)
            assert response.status_code == 302, text_of(response)
        if fact == ATTRIBUTED_PAIRS[1][0]:  # four items: too few to judge
            page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
            assert "Can it be passed without reading?" in page
            assert "speech verb → fact 4 of 4 100%" in page
            assert "Too few items to judge yet: the check needs at least 6." in page
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert "always the commoner answer 3 of 6 50%" in page
    assert "speech verb → fact 6 of 6 100%" in page
    assert "hedge word → allegation 3 of 6 50%" in page
    assert "It is judged from 20 items" in page  # the classifier, on six
    warning = (
        "speech verb → fact: a learner who answers “fact” whenever a statement has a speech"
        " verb (said, told, according to…) and “allegation” otherwise gets 100% right without"
        " reading the article (always giving the commoner answer gets 50%). The items that"
        " give it away: the-town-council-said-the-library, ana-ortiz-said-the-leaks-damaged,"
        " a-local-builder-said-the-work."
    )
    assert warning in page and "You can still publish." in page
    # Publishing goes ahead, with the same warning.
    response = teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert response.status_code == 302
    published = text_of(teacher.get(response.location))
    assert "Published. It is ready for a class session now." in published
    assert f"Published all the same, but: {warning}" in published
    with app.app_context():
        assert Quiz.get(Quiz.slug == slug).status == "published"


def test_editing_an_answered_item_publishes_a_new_version_and_reports_say_which(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    first, *_ = accept_balanced(teacher, app, slug, facts=2, allegations=2)
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    session_id, code = new_session(teacher, quiz=slug)
    learner = app.test_client()
    token = learner.post("/join", data={"code": code, "name": "Ann"}).location.rsplit("/a/", 1)[1]
    answer_all(learner, app, token)
    data = edited(
        first,
        statement="An edited statement.",
        label="allegation",
        explanation="Edited after the lesson.",
    )
    teacher.post(f"/teacher/quizzes/{slug}/drafts/{first.id}/edit", data=data)
    response = teacher.post(f"/teacher/quizzes/{slug}/publish")
    message = text_of(teacher.get(response.location))
    assert "1 answered item(s) got a new version" in message
    with app.app_context():
        versions = list(Item.select().where(Item.key == first.key).order_by(Item.version))
        assert [(v.version, v.active, v.statement) for v in versions] == [
            (1, False, first.statement),
            (2, True, "An edited statement."),
        ]
        answered = Response.get(Response.item == versions[0])
        assert answered.correct is True  # Ann's answer still counts against what she read
        assert not Response.select().where(Response.item == versions[1]).exists()
    analysis = text_of(teacher.get(f"/teacher/sessions/{session_id}/items"))
    assert f"{first.statement} version 1, since replaced or removed" in analysis
    csv = teacher.get(f"/teacher/sessions/{session_id}/responses.csv").get_data(as_text=True)
    header, *rows = csv.splitlines()
    assert "item_version" in header.split(",")
    assert any(first.key in row and ",1," in row for row in rows)
    quiz_page = text_of(teacher.get(f"/teacher/quizzes/{slug}"))
    assert "Version 2; earlier versions kept with their answers" in quiz_page
    # A learner starting now gets the new version.
    later = app.test_client()
    token = later.post("/join", data={"code": code, "name": "Ben"}).location.rsplit("/a/", 1)[1]
    assert "An edited statement." in {i.statement for i in attempt_items(app, token)}


def test_export_then_import_gives_the_same_quiz(app, teacher):
    exported = teacher.get(f"/teacher/quizzes/{SLUG}/export.zip")
    assert exported.status_code == 200
    assert exported.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        assert sorted(archive.namelist()) == [f"{SLUG}/article.txt", f"{SLUG}/quiz.yaml"]
        article = archive.read(f"{SLUG}/article.txt").decode()
        data = yaml.safe_load(archive.read(f"{SLUG}/quiz.yaml"))
    original = bank.read_folder(QUESTIONS / SLUG)
    assert article == original.article
    assert data["items"] == original.items
    response = teacher.post(
        "/teacher/quizzes/shared",
        data={"files": (io.BytesIO(exported.data), f"{SLUG}.zip", "application/zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, text_of(response)
    # The teacher can use the original too: the copy's title is numbered, and they are told.
    title = f"{original.title} (2)"
    assert f"so this one is called “{title}”; rename it on its page" in text_of(
        teacher.get(response.location)
    )
    with app.app_context():
        copy = Quiz.get(Quiz.owner.is_null(False))
        assert copy.slug == f"{SLUG}-2"  # the name was taken, so the copy gets its own
        fields = ("headline", "publisher", "published_on", "url", "article")
        assert [getattr(copy, f) for f in fields] == [getattr(original, f) for f in fields]
        assert copy.title == title
        items = Item.select().where(Item.quiz == copy).order_by(Item.position)
        assert [quizzes.as_item(i) for i in items] == original.items
        assert copy.drafts.where(DraftItem.status == "accepted").count() == 29
    # And it exports to the same files again, under its own title.
    again = teacher.get(f"/teacher/quizzes/{SLUG}-2/export.zip")
    with zipfile.ZipFile(io.BytesIO(again.data)) as archive:
        assert yaml.safe_load(archive.read(f"{SLUG}-2/quiz.yaml")) == data | {"title": title}


@pytest.mark.parametrize(
    ("prefix", "slug"),
    [(f"{SLUG}/", f"{SLUG}-2"), ("", "the-buffer-zone-and-the-drone-attack-claim")],
)
def test_the_folders_two_files_import_too(app, teacher, prefix, slug):
    """Chosen as a folder (the browser sends its name) or as two files (named by title)."""
    folder = QUESTIONS / SLUG
    files = [
        (io.BytesIO((folder / n).read_bytes()), f"{prefix}{n}", "text/plain")
        for n in ("article.txt", "quiz.yaml")
    ]
    response = teacher.post(
        "/teacher/quizzes/shared", data={"files": files}, content_type="multipart/form-data"
    )
    assert response.status_code == 302, text_of(response)
    with app.app_context():
        assert Item.select().join(Quiz).where(Quiz.slug == slug).count() == 29


def damaged():
    """A zip whose compressed article is corrupted (its checksum no longer matches)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("q/article.txt", GOOD_ARTICLE)
        archive.writestr("q/quiz.yaml", GOOD_YAML)
    data = bytearray(buffer.getvalue())
    data[200:240] = bytes(40)
    return bytes(data)


def bomb():
    """A small zip that unpacks to far more than any article (zeros compress well)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("q/article.txt", "0" * (50 * 1024 * 1024))
        archive.writestr("q/quiz.yaml", GOOD_YAML)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"not a zip", "shared.zip: not a zip file"),
        (damaged(), "shared.zip: the zip is damaged, encrypted or of an unknown kind"),
        (bomb(), "shared.zip: q/article.txt: larger than a quiz needs"),
        (zipped(article=GOOD_ARTICLE), "shared.zip: quiz.yaml: file missing"),
        (
            zipped(article=GOOD_ARTICLE, quiz_yaml="items: [oops"),
            "q/quiz.yaml: not valid YAML",
        ),
        (
            zipped(
                article=GOOD_ARTICLE,
                quiz_yaml=GOOD_YAML.replace("label: fact", "label: rumour", 1),
            ),
            "label: must be one of fact, allegation",
        ),
        (
            zipped(article="Another headline\n\nText.", quiz_yaml=GOOD_YAML),
            "article.headline: does not match the first line of article.txt",
        ),
    ],
)
def test_a_bad_shared_quiz_gets_the_loaders_messages_and_stores_nothing(
    app, teacher, upload, message
):
    response = teacher.post(
        "/teacher/quizzes/shared",
        data={"files": (io.BytesIO(upload), "shared.zip", "application/zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert message in text_of(response)
    with app.app_context():
        assert Quiz.select().where(Quiz.owner.is_null(False)).count() == 0


def test_a_teachers_quiz_is_theirs_alone(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    accept_balanced(teacher, app, slug, facts=1, allegations=1)
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    target = drafts(app, slug)[0]
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    paths = [
        ("GET", f"/teacher/quizzes/{slug}"),
        ("GET", f"/teacher/quizzes/{slug}/article"),
        ("POST", f"/teacher/quizzes/{slug}/article"),
        ("GET", f"/teacher/quizzes/{slug}/review"),
        ("POST", f"/teacher/quizzes/{slug}/publish"),
        ("GET", f"/teacher/quizzes/{slug}/export.zip"),
        ("POST", f"/teacher/quizzes/{slug}/drafts"),
        ("GET", f"/teacher/quizzes/{slug}/drafts/{target.id}/edit"),
        ("POST", f"/teacher/quizzes/{slug}/drafts/{target.id}/reject"),
        ("GET", f"/teacher/quizzes/{slug}/delete"),
        ("POST", f"/teacher/quizzes/{slug}/delete"),
    ]
    for method, path in paths:
        assert other.open(path, method=method).status_code == 404, (method, path)
    assert "Town library" not in text_of(other.get("/teacher/quizzes"))
    assert "Town library" not in text_of(other.get("/teacher/"))
    refused = other.post("/teacher/sessions", data={"title": "Steal", "quiz": slug})
    assert refused.status_code == 400
    # Nor is it offered for practice on the home page.
    assert "Town library" not in text_of(app.test_client().get("/"))
    with app.app_context():
        assert ClassSession.select().where(ClassSession.title == "Steal").count() == 0
        assert Attempt.select().count() == 0


def test_a_quiz_is_deleted_only_when_no_class_session_uses_it(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    accept_balanced(teacher, app, slug, facts=1, allegations=1)
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    session_id, _ = new_session(teacher, quiz=slug)
    confirm = text_of(teacher.get(f"/teacher/quizzes/{slug}/delete"))
    assert "1 of your class sessions uses this quiz" in confirm
    refused = teacher.post(f"/teacher/quizzes/{slug}/delete")
    assert refused.status_code == 409
    assert teacher.post(f"/teacher/sessions/{session_id}/delete").status_code == 302
    assert "This deletes the article" in text_of(teacher.get(f"/teacher/quizzes/{slug}/delete"))
    # The teacher's own try-out (a practice attempt with an answer) goes with the quiz.
    token = teacher.post(f"/teacher/quizzes/{slug}/try").location.rsplit("/a/", 1)[1]
    first_item = attempt_items(app, token)[0]
    assert answer(teacher, token, 1, first_item, "fact").status_code == 302
    response = teacher.post(f"/teacher/quizzes/{slug}/delete")
    assert response.status_code == 302
    with app.app_context():
        assert Quiz.get_or_none(Quiz.slug == slug) is None
        assert DraftItem.select().count() == 0 and Response.select().count() == 0
        assert Item.select().join(Quiz).where(Quiz.owner.is_null(False)).count() == 0
        assert Quiz.get_or_none(Quiz.slug == SLUG) is not None  # everyone's quiz untouched


def test_review_flags_lost_quotes_and_unpublished_changes(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    first, second = accept_balanced(teacher, app, slug, facts=1, allegations=1)
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert "publish again to give them your changes" not in page
    act(teacher, slug, second, "up")  # a change learners don't have yet
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert "publish again to give them your changes" in page
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert "give them your changes" not in text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    # The teacher rewrites the sentence an item quotes: the review says so before publishing.
    with app.app_context():
        article = Quiz.get(Quiz.slug == slug).article
    response = teacher.post(
        f"/teacher/quizzes/{slug}/article",
        data={"text": article.replace(first.quote, "A rewritten sentence."), "save": "Save"},
    )
    assert response.status_code == 302
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    assert page.count("these words are no longer in the article") >= 1
    refused = teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert f"item '{first.key}': quote: not found in article.txt" in text_of(refused)


def test_a_headline_too_long_to_be_one_is_asked_for(app, teacher):
    """With no line that reads as a title (importing.reads_as_title), the first is taken,
    and this one is too long to be a headline. (A title further on would be taken.)"""
    text = " ".join(["word"] * 60) + "\n\n" + LIBRARY.split("\n\n", 1)[1]
    response = teacher.post("/teacher/quizzes/new", data={"text": text})
    assert response.status_code == 400
    assert "give the headline in its field" in text_of(response)
    slug = import_text(teacher, text=text, headline="Library reopens")
    with app.app_context():
        assert passages.paragraphs(Quiz.get(Quiz.slug == slug).article)[0] == "Library reopens"


def test_a_teacher_tries_their_published_quiz_as_a_learner(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    refused = teacher.post(f"/teacher/quizzes/{slug}/try")
    assert refused.status_code == 404  # nothing published yet
    chosen = accept_balanced(teacher, app, slug, facts=1, allegations=1)
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    response = teacher.post(f"/teacher/quizzes/{slug}/try")
    assert response.status_code == 302 and "/a/" in response.location
    token = response.location.rsplit("/a/", 1)[1]
    assert {i.statement for i in attempt_items(app, token)} == {d.statement for d in chosen}
    # Not a class session: it appears in none of the teacher's sessions.
    with app.app_context():
        attempt = Attempt.get(Attempt.token == token)
        assert attempt.session.is_practice and attempt.display_name == "ada"
    assert "You have no class sessions yet" in text_of(teacher.get("/teacher/"))
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    assert other.post(f"/teacher/quizzes/{slug}/try").status_code == 404
    assert other.post(f"/teacher/quizzes/{SLUG}/try").status_code == 302  # everyone's quiz


def test_a_corrected_article_keeps_a_headline_line(app, teacher):
    slug = import_text(teacher)
    with app.app_context():
        article = Quiz.get(Quiz.slug == slug).article
    merged = article.replace("\n\n", " ", 2)  # the headline run into the paragraphs
    response = teacher.post(
        f"/teacher/quizzes/{slug}/article", data={"text": merged, "save": "Save"}
    )
    assert response.status_code == 400
    assert "The first line is the headline: keep it to 200 characters" in text_of(response)
    with app.app_context():
        assert Quiz.get(Quiz.slug == slug).article == article
    # A corrected headline becomes the quiz's headline and title.
    fixed = article.replace("Town library to reopen", "Millbrook library to reopen", 1)
    teacher.post(f"/teacher/quizzes/{slug}/article", data={"text": fixed, "save": "Save"})
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == slug)
        assert quiz.headline == quiz.title == "Millbrook library to reopen after roof repairs"


def pending_in_review_order(app, slug):
    """The drafts still to review, as the review page lists them: strongest first."""
    return sorted(drafts(app, slug, status="pending"), key=quizzes.review_order)


def test_each_review_button_returns_to_the_next_draft_to_review(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    pending = pending_in_review_order(app, slug)
    review = f"/teacher/quizzes/{slug}/review"
    html = teacher.get(review).get_data(as_text=True)
    assert all(f'id="draft-{d.id}"' in html for d in pending)
    first, second, third = pending[:3]
    accepted = teacher.post(f"/teacher/quizzes/{slug}/drafts/{first.id}/accept")
    assert accepted.location.endswith(f"{review}#draft-{second.id}")
    rejected = teacher.post(f"/teacher/quizzes/{slug}/drafts/{second.id}/reject")
    assert rejected.location.endswith(f"#draft-{third.id}")
    # The last in the list: back to the one before it.
    last, before_last = pending[-1], pending[-2]
    response = teacher.post(f"/teacher/quizzes/{slug}/drafts/{last.id}/accept")
    assert response.location.endswith(f"#draft-{before_last.id}")
    # Pressed again (a second tab, a double click): nothing to do, back to the same draft.
    again = teacher.post(f"/teacher/quizzes/{slug}/drafts/{last.id}/accept")
    assert again.location.endswith(f"#draft-{last.id}")
    # Removed from the quiz: on to the next item in the quiz; restored: at the draft.
    removed = teacher.post(f"/teacher/quizzes/{slug}/drafts/{first.id}/reject")
    assert removed.location.endswith(f"#draft-{last.id}")
    restored = teacher.post(f"/teacher/quizzes/{slug}/drafts/{second.id}/restore")
    assert restored.location.endswith(f"#draft-{second.id}")
    # Edited: back to it on the review page (and a failed edit stays on the edit page).
    target = pending_in_review_order(app, slug)[0]
    saved = teacher.post(f"/teacher/quizzes/{slug}/drafts/{target.id}/edit", data=edited(target))
    assert saved.location.endswith(f"{review}#draft-{target.id}")
    failed = teacher.post(
        f"/teacher/quizzes/{slug}/drafts/{target.id}/edit", data=edited(target, statement="")
    )
    assert failed.status_code == 400
    assert f'href="{review}#draft-{target.id}"' in failed.get_data(as_text=True)
    # None left: to the (empty) list of drafts to review.
    for d in pending_in_review_order(app, slug)[:-1]:
        act(teacher, slug, d, "reject")
    only = pending_in_review_order(app, slug)[0]
    response = teacher.post(f"/teacher/quizzes/{slug}/drafts/{only.id}/accept")
    assert response.location.endswith(f"{review}#pending-heading")


def test_accept_all_takes_the_confident_drafts_still_to_review(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    pending = pending_in_review_order(app, slug)
    weak = [d for d in pending if d.confidence < quizzes.ACCEPT_ALL_MIN]
    assert weak and len(weak) < len(pending)  # the article gives both kinds
    confident = [d for d in pending if d.confidence >= quizzes.ACCEPT_ALL_MIN]
    act(teacher, slug, confident[-1], "reject")  # a rejected draft stays rejected
    # A teacher's own item, removed and put back for review, has no confidence: left alone.
    own = {**edited(pending[0]), "statement": "Workers fixed two skylights."}
    assert teacher.post(f"/teacher/quizzes/{slug}/drafts", data=own).status_code == 302
    mine = drafts(app, slug, statement="Workers fixed two skylights.")[0]
    act(teacher, slug, mine, "reject")
    act(teacher, slug, mine, "restore")
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))
    expected = confident[:-1]
    assert f"Accept all {len(expected)} drafts with confidence of 70% or more" in page
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    assert other.post(f"/teacher/quizzes/{slug}/drafts/accept-confident").status_code == 404
    assert drafts(app, slug, status="accepted") == []
    response = teacher.post(f"/teacher/quizzes/{slug}/drafts/accept-confident")
    assert response.location.endswith(f"/teacher/quizzes/{slug}/review#pending-heading")
    page = text_of(teacher.get(response.location))
    assert f"Accepted {len(expected)} drafts with confidence of 70% or more." in page
    # Exactly those, strongest first at the end of the quiz; the rest wait as they were.
    assert [d.id for d in drafts(app, slug, status="accepted")] == [d.id for d in expected]
    assert {d.id for d in drafts(app, slug, status="pending")} == {d.id for d in weak} | {mine.id}
    assert [d.id for d in drafts(app, slug, status="rejected")] == [confident[-1].id]
    again = teacher.post(f"/teacher/quizzes/{slug}/drafts/accept-confident")
    assert "No draft waiting has confidence of 70% or more." in text_of(teacher.get(again.location))
    assert "Accept all" not in text_of(teacher.get(f"/teacher/quizzes/{slug}/review"))


def test_accept_all_needs_the_forms_csrf_token(loaded_app):
    app = loaded_app(WTF_CSRF_ENABLED=True)
    add_teacher(app, "ada")
    client = app.test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', text(client, "/teacher/login")
    )
    log_in_data = {"username": "ada", "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/teacher/login", data=log_in_data).status_code == 302
    with app.app_context():
        quiz = Quiz.create(
            slug="mine",
            title="Mine",
            headline="Mine",
            publisher="P",
            article=GOOD_ARTICLE,
            owner=Teacher.get().id,
            status="draft",
        )
        item = bank.read_folder(QUESTIONS / SLUG).items[0]
        fields = {k: item[k] for k in bank.ITEM_CONTENT}
        DraftItem.create(quiz=quiz, key="a", position=0, confidence=0.9, **fields)
    refused = client.post("/teacher/quizzes/mine/drafts/accept-confident")
    assert refused.status_code == 400
    assert drafts(app, "mine", status="accepted") == []
    page = text(client, "/teacher/quizzes/mine/review")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    done = client.post("/teacher/quizzes/mine/drafts/accept-confident", data={"csrf_token": token})
    assert done.status_code == 302
    assert len(drafts(app, "mine", status="accepted")) == 1


def text(client, path):
    """A page's HTML."""
    return client.get(path).get_data(as_text=True)


def test_an_import_says_whats_missing_at_its_field(app, teacher):
    response = teacher.post("/teacher/quizzes/new", data={"text": LIBRARY, "publisher": " "})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    publisher = re.search(
        r'<div class="field field-invalid">\s*<label for="publisher">.*?</div>', html, re.S
    )
    assert publisher, "the publisher field is not marked invalid"
    assert "Give the publisher: learners see where the article is from." in publisher.group(0)
    assert 'aria-describedby="publisher-hint publisher-errors" aria-invalid="true"' in html
    assert "notice-error" not in html  # not above the article's text box
    # The pasted text's own problems stay at the text box.
    short = teacher.post("/teacher/quizzes/new", data={"text": "Too short.", "publisher": "P"})
    assert re.search(
        r'id="text-errors">\s*<li>That gives only 2 words', short.get_data(as_text=True)
    )


def test_try_it_as_a_learner_ends_its_sentence(app, teacher):
    """The button's form stands outside the paragraph, or the browser breaks the line (and
    leaves a space) before the full stop."""
    slug = import_text(teacher)
    draft(teacher, slug)
    teacher.post(f"/teacher/quizzes/{slug}/drafts/accept-confident")
    assert teacher.post(f"/teacher/quizzes/{slug}/publish").status_code == 302
    for path in (f"/teacher/quizzes/{slug}", f"/teacher/quizzes/{slug}/review"):
        html = text(teacher, path)
        button = '<button type="submit" form="try-quiz" class="link-button">'
        assert re.search(button + r"try it as a learner</button>[.,]", html), path
        paragraph = re.search(
            r"<p>Published\..*?</p>|<p class=\"meta\">From.*?</p>", html, re.S
        ).group(0)
        assert "<form" not in paragraph
        tried = teacher.post(
            re.search(r'<form method="post" action="([^"]+)" id="try-quiz"', html).group(1)
        )
        assert tried.status_code == 302 and "/a/" in tried.location


def test_a_title_the_teacher_already_has_gets_a_number(app, teacher):
    first = import_text(teacher)
    second = import_text(teacher)
    response = teacher.post("/teacher/quizzes/new", data={"text": LIBRARY, "publisher": "P"})
    third = re.search(r"/quizzes/([^/]+)/article", response.location).group(1)
    title = "Town library to reopen after roof repairs"
    note = text_of(teacher.get(response.location))
    assert (
        f"You already have a quiz called “{title}”, so this one is called “{title} (3)”; "
        "rename it on its page." in note
    )
    with app.app_context():
        titles = [Quiz.get(Quiz.slug == s).title for s in (first, second, third)]
    assert titles == [title, f"{title} (2)", f"{title} (3)"]
    bank_page = text_of(teacher.get("/teacher/quizzes"))
    assert all(f"{t} —" in bank_page for t in titles)
    # Another teacher's quizzes are not theirs to collide with.
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    theirs = import_text(other)
    with app.app_context():
        assert Quiz.get(Quiz.slug == theirs).title == title
    # Renamed on its page: a title of its own, never one of the others'.
    refused = teacher.post(f"/teacher/quizzes/{third}/title", data={"title": title.upper()})
    assert refused.status_code == 400
    assert re.search(
        r'id="quiz-title-errors">\s*<li>You already have a quiz called',
        refused.get_data(as_text=True),
    )
    renamed = teacher.post(f"/teacher/quizzes/{third}/title", data={"title": "Library, Year 8"})
    assert renamed.status_code == 302
    assert "The quiz is now called “Library, Year 8”." in text_of(teacher.get(renamed.location))
    assert other.post(f"/teacher/quizzes/{third}/title", data={"title": "Mine"}).status_code == 404
    with app.app_context():
        assert Quiz.get(Quiz.slug == third).title == "Library, Year 8"


def test_the_session_forms_list_tells_reimported_quizzes_apart(app, teacher):
    slugs = [import_text(teacher) for _ in range(2)]
    for slug in slugs:
        draft(teacher, slug)
        teacher.post(f"/teacher/quizzes/{slug}/drafts/accept-confident")
        assert teacher.post(f"/teacher/quizzes/{slug}/publish").status_code == 302
    with app.app_context():
        mine = [title for slug, title in quiz_choices(Teacher.get().id) if slug in slugs]
    assert sorted(mine) == [
        "Town library to reopen after roof repairs",
        "Town library to reopen after roof repairs (2)",
    ]
