"""The question bank: the real quiz is valid; each rule refuses a bad file whole."""

import pytest
import yaml

from app import bank, passages, quizzes
from app.models import Attempt, ClassSession, Item, Quiz, Response, Teacher
from tests.helpers import QUESTIONS, SLUG, make_app


def read_yaml(folder):
    """The quiz.yaml of a questions folder, as data."""
    return yaml.safe_load((folder / SLUG / "quiz.yaml").read_text(encoding="utf-8"))


def write_yaml(folder, data):
    """Write quiz.yaml back."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / SLUG / "quiz.yaml").write_text(text, encoding="utf-8")


def test_real_quiz_follows_the_content_guide():
    quiz = bank.read_folder(QUESTIONS / SLUG)
    assert len(quiz.items) >= 20
    facts = sum(i["label"] == "fact" for i in quiz.items)
    assert 0.4 <= facts / len(quiz.items) <= 0.6
    assert quiz.publisher == "Metro"
    assert quiz.warnings == []
    # Allegations and facts from every side the article quotes.
    for label in ("fact", "allegation"):
        sources = " ".join(i["source"] for i in quiz.items if i["label"] == label)
        for side in ("Russia", "Ukrain", "Belarus", "analyst"):
            assert side.lower() in sources.lower(), (label, side)


def test_article_has_no_page_furniture():
    text = (QUESTIONS / SLUG / "article.txt").read_text(encoding="utf-8")
    for furniture in ("enable JavaScript", "MORE:", "Get in touch", "Comment now", "(Picture:"):
        assert furniture not in text
    assert text.splitlines()[0].startswith("Putin orders expansion")


BAD_ITEMS = [
    ("id", lambda item: item.update(id=""), "missing or empty"),
    ("id", lambda item: item.update(id="Has Spaces"), "use lower-case letters"),
    ("label", lambda item: item.update(label="opinion"), "must be one of fact, allegation"),
    ("label", lambda item: item.pop("label"), "missing or empty"),
    ("cue_type", lambda item: item.update(cue_type="vibe"), "must be one of"),
    ("source_type", lambda item: item.update(source_type="blogger"), "must be one of"),
    ("quote", lambda item: item.update(quote="Putin resigned today."), "not found in article.txt"),
    ("cue", lambda item: item.update(cue="resigned"), "not found in the item's quote"),
    ("explanation", lambda item: item.update(explanation="   "), "missing or empty"),
    ("statement", lambda item: item.update(statement=["a", "list"]), "missing or empty"),
    ("colour", lambda item: item.update(colour="red"), "unknown field"),
]


@pytest.mark.parametrize(("field", "breaks", "message"), BAD_ITEMS)
def test_bad_item_is_refused_with_file_item_and_field(questions_copy, field, breaks, message):
    data = read_yaml(questions_copy)
    breaks(data["items"][3])
    item_id = data["items"][3].get("id") or "#4"
    write_yaml(questions_copy, data)
    with pytest.raises(bank.BankError) as caught:
        bank.read_folder(questions_copy / SLUG)
    problems = caught.value.problems
    assert any(
        "quiz.yaml" in p and f"'{item_id}'" in p and f"{field}: {message}" in p for p in problems
    ), problems


def test_duplicate_id_is_refused(questions_copy):
    data = read_yaml(questions_copy)
    data["items"][5]["id"] = data["items"][2]["id"]
    write_yaml(questions_copy, data)
    with pytest.raises(bank.BankError, match="id: used by another item"):
        bank.read_folder(questions_copy / SLUG)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "title: missing or empty"),
        (lambda d: d["article"].pop("publisher"), "article.publisher: missing or empty"),
        (lambda d: d["article"].update(headline="Another"), "does not match the first line"),
        (lambda d: d.update(items=[]), "items: missing or empty"),
        (lambda d: d["items"].append("just text"), "expected a mapping of fields"),
    ],
)
def test_bad_quiz_level_is_refused(questions_copy, change, message):
    data = read_yaml(questions_copy)
    change(data)
    write_yaml(questions_copy, data)
    with pytest.raises(bank.BankError, match=message):
        bank.read_folder(questions_copy / SLUG)


def test_invalid_yaml_and_missing_file(questions_copy):
    (questions_copy / SLUG / "quiz.yaml").write_text("items: [unclosed", encoding="utf-8")
    with pytest.raises(bank.BankError, match="not valid YAML"):
        bank.read_folder(questions_copy / SLUG)
    (questions_copy / SLUG / "article.txt").unlink()
    with pytest.raises(bank.BankError, match="article.txt: file missing"):
        bank.read_folder(questions_copy / SLUG)


def test_warnings_do_not_block(questions_copy):
    data = read_yaml(questions_copy)
    data["items"][0]["statement"] = " ".join(["word"] * 31)
    data["items"] = [i for i in data["items"] if i["label"] == "fact"]
    write_yaml(questions_copy, data)
    quiz = bank.read_folder(questions_copy / SLUG)
    assert any("31 words" in w for w in quiz.warnings)
    assert any("100% of items are facts" in w for w in quiz.warnings)


def test_quote_matching_folds_whitespace_and_quote_marks_only():
    article = "He said:  ‘It is\n  done.’\n\nNext “para”."
    assert passages.find_span(article, "He said: 'It is done.'") == (0, 25)
    assert passages.find_span(article, 'Next "para".') is not None
    assert passages.find_span(article, "he said") is None  # case is not folded
    assert passages.find_span(article, "It is done!") is None


def test_passage_marks_quote_and_cue_across_paragraphs():
    article = "Headline\n\nFirst para. He added: ‘One.\n\n‘Two.’ After."
    runs = passages.passage(article, "He added: 'One. 'Two.'", "He added")
    assert runs == (
        (("First para. ", ""), ("He added", "cue"), (": ‘One.", "quote")),
        (("‘Two.’", "quote"), (" After.", "")),
    )


def test_load_twice_changes_nothing_and_edit_keeps_id(tmp_path, questions_copy):
    app = make_app(tmp_path, questions_dir=questions_copy)
    runner = app.test_cli_runner()
    runner.invoke(args=["init-db"])
    first = runner.invoke(args=["questions", "load"])
    assert "29 added" in first.output
    with app.app_context():
        before = {i.key: (i.id, i.statement) for i in Item.select()}
    again = runner.invoke(args=["questions", "load"])
    assert "0 added, 0 changed, 29 unchanged, 0 retired" in again.output
    data = read_yaml(questions_copy)
    edited = data["items"][0]
    edited["statement"] = "An edited statement."
    removed = data["items"].pop()
    write_yaml(questions_copy, data)
    third = runner.invoke(args=["questions", "load"])
    assert "0 added, 1 changed, 27 unchanged, 1 retired" in third.output
    with app.app_context():
        item = Item.get(Item.key == edited["id"])
        assert item.id == before[edited["id"]][0]
        assert item.statement == "An edited statement."
        assert Item.get(Item.key == removed["id"]).active is False
        assert Quiz.select().count() == 1


def test_bad_folder_loads_nothing(tmp_path, questions_copy):
    data = read_yaml(questions_copy)
    data["items"][-1]["quote"] = "Words the article never printed."
    write_yaml(questions_copy, data)
    app = make_app(tmp_path, questions_dir=questions_copy)
    runner = app.test_cli_runner()
    runner.invoke(args=["init-db"])
    result = runner.invoke(args=["questions", "load"])
    assert result.exit_code == 1
    assert "quote: not found in article.txt" in result.output
    with app.app_context():
        assert Quiz.select().count() == 0
        assert Item.select().count() == 0


def test_editing_an_answered_item_makes_a_new_version_and_keeps_its_answers(
    tmp_path, questions_copy
):
    app = make_app(tmp_path, questions_dir=questions_copy)
    runner = app.test_cli_runner()
    runner.invoke(args=["init-db"])
    runner.invoke(args=["questions", "load"])
    data = read_yaml(questions_copy)
    answered_key, unanswered_key = data["items"][0]["id"], data["items"][1]["id"]
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == SLUG)
        old = Item.get((Item.key == answered_key) & (Item.quiz == quiz))
        attempt = Attempt.begin(ClassSession.open_class(quiz, "Year 9"), "Ann")
        assert attempt.record(old.id, old.label, 3)
    for item in data["items"][:2]:
        item["statement"] = "An edited statement."
        item["label"] = "allegation" if item["label"] == "fact" else "fact"
    write_yaml(questions_copy, data)
    result = runner.invoke(args=["questions", "load"])
    assert "0 added, 1 changed, 27 unchanged, 0 retired, 1 versioned" in result.output
    with app.app_context():
        versions = list(Item.select().where(Item.key == answered_key).order_by(Item.version))
        assert [(i.version, i.active) for i in versions] == [(1, False), (2, True)]
        assert versions[0].statement == old.statement and versions[0].label == old.label
        assert versions[1].statement == "An edited statement."
        response = Response.get()
        assert response.item_id == old.id and response.correct is True  # scored as answered
        # The unanswered one was edited in place: still one row, version 1.
        assert Item.select().where(Item.key == unanswered_key).count() == 1
        # New attempts get the new version only.
        fresh = Attempt.begin(ClassSession.get(), "Ben")
        assert versions[1].id in fresh.item_ids and old.id not in fresh.item_ids
        assert len(fresh.item_ids) == 29


def test_a_folder_may_not_take_over_a_teachers_quiz(tmp_path, questions_copy):
    app = make_app(tmp_path, questions_dir=questions_copy)
    runner = app.test_cli_runner()
    runner.invoke(args=["init-db"])
    with app.app_context():
        teacher = Teacher.create(username="ada", password_hash="x")
        quiz = bank.read_folder(questions_copy / SLUG)
        quizzes.store(quiz, owner=teacher.id)
    result = runner.invoke(args=["questions", "load"])
    assert result.exit_code == 1
    assert f"{SLUG}: another quiz already has this name; rename it" in result.output
    with app.app_context():
        assert Quiz.get().owner_id == teacher.id
