"""Limits: what a quiz may hold and what it may cost the server to read or draft, in one
place. Whatever comes in (a questions folder, a shared quiz, an imported or corrected
article, a teacher's drafts) is held to them, with a message that names what is over."""

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
