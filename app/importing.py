"""A teacher's article -> clean paragraphs, with the page furniture set aside.

Pure functions, no Flask and no database. Text, Markdown and saved web pages come in; out
comes an `Extracted` article (headline, details the page itself gives, paragraphs). Then
`clean` finds the headline when none is given, and `sort_furniture` keeps the article's own
paragraphs and sets aside captions, video notices, newsletter prompts, links to other
stories, share, comment and contact lines, menus, breadcrumbs, dates, bylines, datelines
alone on a line, page code, tags and copies of the headline, each with its reason, so the
teacher can put any of them back.
"""

import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer
import trafilatura
from markdown_it import MarkdownIt
from trafilatura.utils import load_html

from app.limits import (
    ARTICLE_FILE_MAX_CHARS,
    HTML_MAX_CHILDREN,
    HTML_MAX_ELEMENTS,
    MARKDOWN_MAX_LINES,
    MARKDOWN_MAX_MARKS,
    article_too_long,
)
from app.passages import fold, paragraphs

FORMATS = ("txt", "md", "html")


@dataclass
class Extracted:
    """An article as read from a file: details the source gives, and its paragraphs."""

    paragraphs: list
    headline: str = ""
    publisher: str = ""
    published_on: str = ""
    url: str = ""


@dataclass
class Furniture:
    """A line left out of the article: its text, why, and the kept paragraph it followed."""

    text: str
    why: str
    after: str = ""  # "" when it came before every kept paragraph


@dataclass
class Sorted:
    """Paragraphs kept as the article, and the lines set aside."""

    kept: list
    furniture: list = field(default_factory=list)


class ArticleError(ValueError):
    """An article that cannot be read; the message says why, in the teacher's words."""


MIN_WORDS = 40


def extract(data, fmt):
    """Read an article from text, Markdown or a saved web page ("txt", "md" or "html");
    raise ArticleError when there is too little text to make a lesson of, or more than the
    drafter takes (limits.ARTICLE_MAX_WORDS), or when the file's text is too long to read
    (limits.ARTICLE_FILE_MAX_CHARS: checked before any markup is read)."""
    reader = {"html": from_html, "md": from_markdown}.get(fmt, from_text)
    if fmt != "html":  # trafilatura reads a page's bytes and its declared encoding itself
        data = decode_text(data)
        too_long = file_too_long(data, fmt)
        if too_long:
            raise ArticleError(too_long)
    extracted = reader(data)
    words = sum(len(p.split()) for p in extracted.paragraphs)
    if words < MIN_WORDS:
        raise ArticleError(
            f"That gives only {words} word{'s' if words != 1 else ''} of article text; "
            f"an article needs at least {MIN_WORDS}. Check that you chose the article itself."
        )
    too_long = article_too_long("\n".join(extracted.paragraphs))
    if too_long:
        raise ArticleError(too_long)
    return extracted


def file_too_long(text, fmt):
    """The teacher's message when a file's text (of format `fmt`) is more than the importer
    reads, else None: more characters than ARTICLE_FILE_MAX_CHARS; for Markdown, more
    lines than MARKDOWN_MAX_LINES or more MARKDOWN_MARKS than MARKDOWN_MAX_MARKS, as
    markdown-it's time grows with each (up to 30 microseconds a mark: "![![![…")."""
    if len(text) > ARTICLE_FILE_MAX_CHARS:
        return too_many_characters(len(text))
    if fmt != "md":
        return None
    lines = text.count("\n") + 1
    if lines > MARKDOWN_MAX_LINES:
        return (
            f"This article is too long to read: {lines:,} lines; "
            f"the limit is {MARKDOWN_MAX_LINES:,}."
        )
    marks = sum(text.count(mark) for mark in MARKDOWN_MARKS)
    if marks > MARKDOWN_MAX_MARKS:
        return (
            f"This Markdown file has {marks:,} marks of links, pictures and emphasis "
            f"({' '.join(MARKDOWN_MARKS)}), far more than an article needs; the limit is "
            f"{MARKDOWN_MAX_MARKS:,}. Paste the article's text instead."
        )
    return None


def too_many_characters(chars):
    """The teacher's message when a file, a page or a paste holds more characters of text
    than ARTICLE_FILE_MAX_CHARS, else None."""
    if chars <= ARTICLE_FILE_MAX_CHARS:
        return None
    return (
        f"This article is too long to read: {chars:,} characters; "
        f"the limit is {ARTICLE_FILE_MAX_CHARS:,}."
    )


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc but tab and newline


def decode_text(data):
    """Text from an uploaded file's bytes (UTF-8, UTF-16 with its mark, or whatever
    charset_normalizer finds), without control characters; str passes through cleaned."""
    if isinstance(data, bytes):
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            data = data.decode("utf-16", errors="replace")
        else:
            try:
                data = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                best = charset_normalizer.from_bytes(data).best()
                data = str(best) if best is not None else data.decode("utf-8", "replace")
    data = data.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return CONTROL.sub("", data)


LIST_ITEM = re.compile(r"[-–—•*·]\s+\S")
# A heading over the article's own points, one a line ("Summary", "Key points"): the
# heading goes, the points stay, each a paragraph of its own.
LIST_HEADS = re.compile(
    r"^(?:Summary|Key points|Key facts|At a glance|In brief|What we know(?: so far)?"
    r"|Live reporting|Live updates)\s*:?\s*$",
    re.IGNORECASE,
)


def from_text(text):
    """Plain text (line breaks already "\n", as decode_text leaves them): paragraphs are
    separated by blank lines, or else one per line. Within a paragraph each line is judged:
    a line of furniture (a menu, a date, a dateline, a link) stands alone, as a pasted page
    often has a single line break between its furniture and its text."""
    if not re.search(r"\n\s*\n", text):
        return Extracted(
            paragraphs=[" ".join(line.split()) for line in text.split("\n") if line.strip()]
        )
    paras, carried = [], False  # a heading alone in the block before: its list follows
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n") if line.strip()]
        run, listing = [], carried
        for line in lines:
            # A line of furniture, an item of a list ("- Oak Hollow council…") or a line after
            # a list's heading ("RELATED COVERAGE") stands alone.
            if furniture_reason(line) or LIST_ITEM.match(line) or listing:
                listing = listing or bool(LINK_LIST_HEADS.match(line) or LIST_HEADS.match(line))
                paras += [" ".join(run)] if run else []
                paras.append(line)
                run = []
            else:
                run.append(line)
        paras += [" ".join(run)] if run else []
        heads = (LINK_LIST_HEADS, LIST_HEADS)
        carried = len(lines) == 1 and any(h.match(lines[0]) for h in heads)
    return Extracted(paragraphs=paras)


# Markdown is read in two passes: its blocks (headings, paragraphs, list items), then each
# block's inline markup (links, emphasis, images). markdown-it's time on some inline runs
# ("![![![…", "[[[…]]]") grows with the square of their length, so a block longer than this
# is read in runs of whole lines no longer than this, and a longer line is taken as it is,
# markup and all. (Its time on blocks grows with the lines: see limits.MARKDOWN_MAX_LINES.)
MARKDOWN_INLINE_MAX = 5_000
MARKDOWN_MARKS = "[]()!*_`<>&\\"  # the characters inline markup is made of
_MARKDOWN_BLOCKS = MarkdownIt("commonmark").disable("inline")
_MARKDOWN = MarkdownIt("commonmark")


def from_markdown(text):
    """Markdown: each heading, paragraph and list item's text, without the markup; an image
    becomes its description (page furniture, unless the teacher puts it back)."""
    paras, headline, env = [], "", {}
    tokens = _MARKDOWN_BLOCKS.parse(text, env)  # env: the link references it defines
    for at, token in enumerate(tokens):
        if token.type != "inline":
            continue
        line = " ".join(_inline_words(token.content, env).split())
        if not line:
            continue
        if not headline and at and tokens[at - 1].tag == "h1":
            headline = line
        paras.append(line)
    return Extracted(paragraphs=paras, headline=headline)


def _inline_words(content, env):
    """The words of one block's inline Markdown (see _inline_text), read in runs of whole
    lines of at most MARKDOWN_INLINE_MAX characters; a longer line is kept as it is."""
    words = []
    for run in _runs_of_lines(content, MARKDOWN_INLINE_MAX):
        if len(run) > MARKDOWN_INLINE_MAX:
            words.append(run)
        else:
            words.append(_inline_text(_MARKDOWN.parseInline(run, env)[0].children or []))
    return " ".join(words)


def _runs_of_lines(text, most):
    """The text (the whole of it when it is no longer than `most` characters) in runs of
    whole lines, each at most `most` characters long unless it is one longer line."""
    if len(text) <= most:
        return [text]
    runs, lines, size = [], [], 0
    for line in text.split("\n"):
        if lines and size + len(line) > most:
            runs.append("\n".join(lines))
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    runs.append("\n".join(lines))
    return runs


def _inline_text(children):
    """The words of a Markdown inline run: link text without its address, an image's
    description marked as a picture."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(f"{child.content} (Picture)")
    return "".join(parts)


def from_html(html):
    """A saved web page: its main text, found by trafilatura, and the details it gives.
    A page too large for trafilatura to read in a second or two is refused first
    (page_too_large)."""
    tree = load_html(html)
    if tree is None:
        raise ArticleError("No article text could be found in that page.")
    too_large = page_too_large(tree)
    if too_large:
        raise ArticleError(too_large)
    doc = trafilatura.bare_extraction(
        tree,  # trafilatura reads a copy
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
        with_metadata=True,
    )
    if doc is None or not (doc.text or "").strip():
        raise ArticleError("No article text could be found in that page.")
    paras = [" ".join(line.split()) for line in doc.text.split("\n") if line.strip()]
    return Extracted(
        paragraphs=paras,
        headline=doc.title or "",
        publisher=doc.sitename or "",
        published_on=doc.date or "",
        url=doc.url or "",
    )


RAW_TEXT = {"script", "style"}  # elements whose text is code, never the article's


def page_too_large(tree):
    """The teacher's message when a page (an lxml tree) has more elements than
    HTML_MAX_ELEMENTS, an element with more children than HTML_MAX_CHILDREN, or more text
    than ARTICLE_FILE_MAX_CHARS (not counting RAW_TEXT's code), else None. Looks at no more
    elements than the limit."""
    elements, chars, stack = 0, 0, [tree]
    while stack:
        element = stack.pop()
        chars += len(element.tail or "")
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        elements += 1
        if elements > HTML_MAX_ELEMENTS:
            return (
                f"This page is too large to read: it has more than {HTML_MAX_ELEMENTS:,} "
                "elements. Save the article alone (for example with the browser's reader "
                "view), or paste its text."
            )
        if len(element) > HTML_MAX_CHILDREN:
            return (
                f"This page is too large to read: one of its elements holds {len(element):,} "
                f"others; the limit is {HTML_MAX_CHILDREN:,}. Paste the article's text instead."
            )
        if element.tag.lower() not in RAW_TEXT:
            chars += len(element.text or "")
        stack.extend(element)
    return too_many_characters(chars)


# Each rule: the reason a teacher reads, and a pattern that marks a line as furniture.
# Every pattern is searched in time linear in the line: no repeat holds another that can
# match the same text, except within a small fixed bound (test_hostile_imports). Parts in
# (?-i:…) must match in the letter case written.
FURNITURE_RULES = (
    ("video notice", r"enable JavaScript|supports HTML5 video|browser does not support"),
    (
        "picture caption",
        r"\((?:Picture|Photo|Image|Credit|Pic|Photograph)s?\b[^)]*\)\s*$"
        r"|^(?:Picture|Photo|Image)(?: credit)?s?:|^\((?:Pictured|Above|Top|Main picture)\)"
        r"|\b(?:Photo|Photograph|Picture|Image|Credit)s?:\s*[^.!?]{2,80}$"
        r"|[.!?]\s+\((?:[A-Z][\w.’'-]*\s){1,3}/\s*[^)]{2,40}\)\s*$"
        r"|\b(?:Getty Images|AP Photo|AFP via Getty|Shutterstock|PA Images)\b.{0,40}$",
    ),
    (
        "newsletter prompt",
        r"\bnewsletters?\b|\bsign up\b|\bsubscribe\b|email updates|Stay on top of the headlines",
    ),
    (
        "link to another story",
        r"^(?:Arrow\s+)?(?:MORE|READ MORE|Read more|Related|See also|Watch|Listen)\s*:"
        r"|^(?:Also read|Read also|Read next|More from|You may also like|Recommended|Most read"
        r"|Most popular|Up next|Trending|Top stories|Latest|More on this story)\s*[:|»–—-]"
        r"|^(?-i:READ ALSO|ALSO READ|READ NEXT|READ MORE)\b"
        r"|^Read more(?:\s*(?:[|»…–—-]|$)|\s+(?:about|on|at|from|here|stories|news)\b)"
        r"|^(?:Load|Show|Read) (?:next|more|previous) (?:story|stories|articles?|news)\s*$"
        r"|^(?:Also read|Read also|Read next|Up next|More stories|Most read|Most popular"
        r"|Trending(?: now)?|Top stories|Latest news|Recommended(?: for you)?|You may also like"
        r"|You might also like|Related (?:news|articles|stories|coverage|content|reading|links)"
        r"|More from [^.]{1,40})\s*[:.…]?\s*$"
        r"|^For more stories\b|^Related (?:articles|stories)\b",
    ),
    (
        "share or comment line",
        r"^(?:Share|Comment|Comments|Tweet|Follow us|Like us)\b|Preferred Source on Google"
        r"|^Explore more on these topics\b|^More on this story\s*$|^Our Standards\s*:"
        r"|^(?:(?:Facebook|Twitter|X|Email|E-mail|WhatsApp|LinkedIn|Reddit|Pinterest|Telegram"
        r"|Messenger|Flipboard|Print|Copy link)\s*[|·•]?\s*){2,8}$"
        r"|^Share (?:this|on)\b|\bcomments? (?:now|below)\b"
        r"|^(?:Follow|Join)\s.{0,60}\b(?:on|our|the)\s+(?:Telegram|WhatsApp|Twitter|Facebook"
        r"|Instagram|YouTube|Google News|VK|LinkedIn|TikTok)\b.{0,30}$|^Follow\s.{0,40}\bon X$",
    ),
    (
        "contact line",
        r"\bGet in touch\b|\bemail(?:ing)? us\b|\[email protected\]|\bcontact (?:us|our)\b"
        r"|\b[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,200}\b",  # an address's parts are short
    ),
    ("heading", LIST_HEADS.pattern),
    (
        "advertisement",
        r"^(?:Advertisement|ADVERTISEMENT|Sponsored|Promoted)\b"
        r"|^(?:Story|Article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?\s*$"
        r"|^Continue reading (?:below|the main story)\s*$",
    ),
    (
        "correction or editor's note",
        r"^(?:Correction|Clarification|Editor[’']s note|Editors[’'] note)\s*:"
        r"|^This (?:article|story|report) (?:was|has been) (?:amended|updated|corrected)\b"
        r"|^An earlier version of this (?:article|story|report)\b",
    ),
    (
        "audio player",
        r"^(?:Listen to (?:this|the) (?:article|story)|Listen to article|Play audio|Audio:|"
        r"Listen \(\d{1,2}(?::\d{2})? ?min\)|\d{1,2} min(?:ute)?s? (?:read|listen))\b",
    ),
    ("copyright line", r"^(?:©|Copyright\b)|All rights reserved"),
    (
        "language link",
        r"^(?:(?:Arabic|English|Urdu|Hindi|French|Russian|Persian|Farsi|Turkish|Bangla|Bengali"
        r"|Spanish|Chinese|German|Pashto) (?:version|edition|site)|Русская версия"
        r"|Версия на русском|На русском|In English|English|Русский|عربي|العربية|اردو|हिन्दी|हिंदी"
        r"|বাংলা|فارسی|پښتو|Türkçe|Français)\s*$",
    ),
    ("web address", r"^<?(?:https?://|www\.)\S{1,490}$"),
    (
        "page code",
        r"^[{}()\[\];,]{1,12}$"  # a line of brackets: "{", "});"
        r"|^(?:var|let|const|function)\s+[\w$]{1,60}\s*[=(]"
        r"|^\(?(?:window|document|googletag|dataLayer|gtag|fbq|_gaq|adsbygoogle|jQuery)\b"
        r"\s*[.(\[=]"
        r"|^</?(?:script|div|iframe|style|noscript|ins|span)\b[^>]{0,300}>"
        r"|\bfunction\s*\([\w$, ]{0,100}\)\s*\{",
    ),
    (
        "tag list",
        r"^(?:Tags?|Topics?|Keywords|Filed under|Categories)\s*:"
        r"|^#\w{1,60}(?:[\s,]{1,5}#\w{1,60}){0,30}\s*$",  # hashtags alone
    ),
    (
        "credit line",
        r"^\(?(?:Reporting|Writing|Additional reporting|With reporting|Editing|Compiled) by\b"
        r"|\bcontributed (?:to )?(?:this )?(?:report|reporting|story|article)\.?$"
        r"|^(?:With (?:inputs? from|agency inputs)|Courtesy:)"
        r"|^[–—-]?\s*(?:Reuters|AFP|AP|TASS|APP|PTI|IANS|Xinhua|Anadolu|Agencies)\s*$",
    ),
    (
        "dateline",  # alone on its line: "LONDON:", "ISLAMABAD (Reuters) -", "MOSCOW, March 12 —"
        r"^(?-i:[A-Z][A-Z.'’ -]{1,30})(?:,\s?[A-Za-z]{3,9}\.? \d{1,2})?\s?"
        r"(?:\([^()]{2,40}\)\s?)?(?-i::|[–—-]|(?<=\)))\s*$",
    ),
)
_FURNITURE = tuple((why, re.compile(pattern, re.IGNORECASE)) for why, pattern in FURNITURE_RULES)
# A furniture line is short (a caption, a prompt, a link: the longest seen is 125
# characters); a longer line is the article's own, and the rules are not run on it.
FURNITURE_MAX_CHARS = 500
# A line that begins with a dateline is the article's first paragraph, never its headline.
DATELINE = re.compile(
    r"^(?-i:[A-Z][A-Z.'’ -]{1,30})(?:,\s?[A-Za-z]{3,9}\.? \d{1,2})?(?:,\s?[A-Z][a-z]{2,20})?"
    r"\s?(?:\([^()]{2,40}\)\s?)?(?:[:–—-]\s|(?<=\)) )"
)


def furniture_reason(line):
    """Why this line is page furniture, or None when it reads as the article's own text
    (always for a line longer than FURNITURE_MAX_CHARS)."""
    if len(line) > FURNITURE_MAX_CHARS:
        return None
    for why, pattern in _FURNITURE:
        if pattern.search(line):
            return why
    for why, judge in _FURNITURE_JUDGES:
        if judge(line):
            return why
    return None


def _words(line):
    """The words of a short line, without the separators menus and stamps put between them."""
    return re.sub(r"[|•·,/»›>&]", " ", line).split()


# The sections of a news site's menu; a line of nothing else is a menu, not the article.
MENU = {
    "home", "world", "business", "sport", "sports", "opinion", "politics", "science",
    "technology", "tech", "health", "entertainment", "culture", "lifestyle", "video",
    "videos", "podcasts", "search", "menu", "latest", "trending", "live", "tv", "e-paper",
    "epaper", "asia", "europe", "africa", "americas", "middle", "east", "pakistan", "india",
    "russia", "national", "international", "economy", "markets", "weather", "education",
    "environment", "editorial", "skip", "to", "content", "main", "sign", "in", "log", "more",
    "and", "arts", "books", "travel", "food", "style", "climate", "media", "local", "news",
    "features", "analysis", "comment", "money", "property", "obituaries", "letters",
    "nature", "space", "crime", "courts", "region", "regions", "uk", "us", "wellness",
}  # fmt: skip


def _is_menu(line):
    """A line of a site's menu: its sections' names only ("Home | World | Sport")."""
    words = _words(line.casefold())
    return 0 < len(words) <= 12 and all(w in MENU for w in words) and words != ["in"]


def _is_sections(line):
    """A site's section labels between bars or dots: "Local News | Elections", "Sport ·
    Football · Transfers" (each a few capitalised words, no sentence)."""
    parts = [p.strip() for p in re.split(r"\s[|·•]\s", line)]
    words = line.split()
    return (
        len(parts) >= 2
        and len(words) <= 9
        and all(
            1 <= len(p.split()) <= 3
            and all(w[:1].isupper() or w in ("&", "and", "of") for w in p.split())
            and not re.search(r"\d|(?<![A-Z])[.!?]$", p)  # "U.S." is a section, "Go." isn't
            for p in parts
        )
    )


def _is_breadcrumb(line):
    """A trail of sections: "Home » World » Asia", "» World", "Home / Business"."""
    parts = [p.strip() for p in re.split(r"[»›]|(?<= )[>/](?= )", line)]
    if len(parts) < 2 or len(line) > 120:
        return False
    named = [p for p in parts if p]
    return bool(named) and all(
        len(p.split()) <= 4 and not p.endswith((".", "?", "!")) for p in named
    )


# The words of a date-and-time stamp, besides its numbers and its time zone.
STAMP_WORDS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "января", "февраля", "марта", "апреля", "мая",
    "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "am", "pm", "a.m.", "p.m.", "updated", "published",
    "posted", "last", "modified", "first", "on", "at", "date", "time", "ago", "hour", "a.m",
    "p.m",
    "hours", "minute", "minutes", "mins", "min", "day", "days", "week", "weeks",
    "yesterday", "today", "г.", "года"
}  # fmt: skip
_STAMP_NUMBER = re.compile(
    r"\d{1,4}(?:st|nd|rd|th)?\.?|\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?"
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]{1,15})?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
    r"|[+-]\d{2}:?\d{2}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?",
    re.IGNORECASE,
)


def _is_stamp(line):
    """A date or time alone on a line ("Updated 12 Mar 2025, 10:42 AM", "Published:
    2025-03-12 10:42 PKT", "3 hours ago"), with nothing of the article's."""
    if len(line) > 80:
        return False
    words = [w.strip(":.,()") or w for w in _words(line.replace("|", " "))]
    numbers = sum(bool(_STAMP_NUMBER.fullmatch(w)) for w in words)
    return numbers > 0 and all(
        w.casefold() in STAMP_WORDS
        or _STAMP_NUMBER.fullmatch(w)
        or (w.isupper() and 2 <= len(w) <= 4)  # a time zone: GMT, PKT, MSK
        or w in ("-", "–", "—", ":")
        for w in words
    )


# A name and a role before a date and time, with no "By": "Hannah Oduya, Education
# Correspondent Thu 3 Oct 2024 08.00 BST".
BYLINE_WITH_STAMP = re.compile(
    r"^(?:By\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2},\s+(?:[A-Z][\w’'-]+\s+){1,4}?"
    r"(?P<stamp>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Updated|Published|\d).{4,80})$"
)


# "Hannah Oduya, Education Correspondent": a name and a reporter's role, no "By".
BYLINE_ROLE = re.compile(
    r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}\s*(?:,|[|·•–—-])\s*(?:[A-Z][\w’'&-]*\s+){0,3}"
    r"(?:Correspondent|Reporter|Editor|Writer|Journalist|Contributor|Columnist)s?$"
)


def _is_byline(line):
    """A byline: "By Staff Reporter", "By Jane Doe, Reuters", "BY OUR CORRESPONDENT", with
    the date after a bar ("By Our Correspondent | 14 Apr 2025, 08:15 PM")."""
    credited = BYLINE_WITH_STAMP.match(line)
    if (credited and _is_stamp(credited.group("stamp"))) or BYLINE_ROLE.match(line):
        return True
    name, *rest = [p.strip() for p in re.split(r"\s[|·•]\s", line)]
    if rest:  # "By Owen Tarrant, Environment Correspondent · 12 March 2025"
        return _is_byline(name) and all(_is_stamp(p) for p in rest)
    words = line.replace(",", " , ").split()
    if not 2 <= len(words) <= 10 or words[0] not in ("By", "BY") or line[-1] in ".?!":
        return False
    joins = {",", "and", "&", "in", "de", "van", "von", "al", "bin", "|", "-", "–", "—"}
    return all(w in joins or w[0].isupper() for w in words[1:])


_FURNITURE_JUDGES = (
    ("breadcrumb", _is_breadcrumb),
    ("menu", _is_menu),
    ("date or time", _is_stamp),
    ("byline", _is_byline),
    ("section labels", _is_sections),
)
# A heading that starts a list of links to other stories: the short lines after it that
# don't end a sentence are those links' titles.
LINK_LIST_HEADS = re.compile(
    r"^(?:Read next|Up next|Also read|Read also|More stories|More from [^.]{1,40}|Most read"
    r"|Most popular|Trending(?: now)?|Top stories|Latest news|Recommended(?: for you)?"
    r"|You may also like|You might also like"
    r"|Related (?:news|articles|stories|coverage|content|reading|links))\s*:?\s*$",
    re.IGNORECASE,
)
LINK_TITLE_MAX_WORDS = 15


def sort_furniture(paras, headline="", taken=False):
    """Keep the article's paragraphs; set aside each furniture line with its reason and the
    kept paragraph it followed, so it can be put back where it was. Sentences glued
    without a space ("reports.This") are split in the kept paragraphs. A copy of the
    headline is set aside too, but the headline's own line: its first copy when it was
    `taken` from the text, else a copy before any kept paragraph."""
    result = Sorted(kept=[])
    links = False  # in a list of links under a "Read next" heading
    own_line = False  # the headline's own line has been left out
    for para in paras:
        why = furniture_reason(para)
        if not why and links and _reads_as_link_title(para):
            why = "link to another story"
        links = bool(LINK_LIST_HEADS.match(para) if why else False) or (
            links and why == "link to another story"
        )
        if not why and headline and _same(para, headline):
            if not own_line and (taken or not result.kept):
                own_line = True
                continue
            why = "headline repeated"
        if why:
            result.furniture.append(Furniture(para, why, result.kept[-1] if result.kept else ""))
        else:
            result.kept.append(split_glued_sentences(para))
    return result


def _reads_as_link_title(line):
    """A story's title as a link gives it: short, not a sentence's end."""
    return len(line.split()) <= LINK_TITLE_MAX_WORDS and not line.endswith(
        (".", "!", "?", '"', "”", "’", "'", ":")
    )


# "reports.This": a lower-case letter, a digit or a closing quote, a full stop (and maybe a
# closing quote), then a capital and a lower-case letter. Not "U.S.", "3.5", "J.R.R." or a
# domain ("dawn.com", "Dawn.Com"); a web address ("www.Dawn.com") is left as it is.
GLUED = re.compile(
    r"(?<=[a-zа-яё0-9\"”’'])\.(?=[A-ZА-ЯЁ][a-zа-яё])"
    r"|(?<=[a-zа-яё0-9]\.[”’])(?=[A-ZА-ЯЁ][a-zа-яё])"  # 'said.”The': after the quote
)
WORD = re.compile(r"\S+")
DOMAIN_END = re.compile(r"(?:com|org|net|gov|edu|info|pk|ru|uk|ae|qa|eg|io)\b", re.IGNORECASE)


def split_glued_sentences(text):
    """The text with a space put between two sentences glued together by a full stop."""
    if not GLUED.search(text):
        return text

    def split(word):
        word = word.group()
        if "/" in word or word.casefold().startswith("www."):
            return word  # a web address
        return GLUED.sub(lambda glue: glue.group() + " " * not_a_domain(word, glue), word)

    def not_a_domain(word, glue):
        return not DOMAIN_END.match(word, glue.end())

    return WORD.sub(split, text)


def clean(extracted, headline=""):
    """The headline and the sorted article of an extracted one (sort_furniture). The
    headline given (the teacher's, or the page's) wins; else it is the first of the first
    kept lines that reads as a title (of HEADLINE_MIN_WORDS words or more, when one does),
    never furniture, a dateline's paragraph or a long sentence. The
    headline's own line is left out of the article, and its copies set aside."""
    headline = " ".join((headline or extracted.headline).split())
    taken = not headline
    if taken:
        kept = sort_furniture(extracted.paragraphs).kept
        titles = [p for p in kept[:4] if reads_as_title(p)]
        # "Football" / "Premier League" / the headline: a section's name is short, and
        # every word of it capitalised ("Live: tram strike" is a headline)
        full = [t for t in titles if not _looks_like_section(t)]
        headline = (full or titles or kept or [""])[0]
    return headline, sort_furniture(extracted.paragraphs, headline, taken)


def _same(para, headline):
    """Whether a paragraph is the headline (white space, quote marks, letter case and glued
    sentences aside)."""
    para = split_glued_sentences(para)
    return fold(para)[0].strip().casefold() == fold(headline)[0].strip().casefold()


TITLE_MAX_CHARS = 200  # limits.SHORT_FIELD_MAX: a headline's field


HEADLINE_MIN_WORDS = 4  # fewer: more likely a section's name ("Premier League") than a headline


def _looks_like_section(line):
    """Whether a short title-case line is more likely a section's name than a headline."""
    words = line.split()
    return len(words) < HEADLINE_MIN_WORDS and all(w[:1].isupper() or w == "&" for w in words)


def reads_as_title(line):
    """Whether a line can be a headline: short, one sentence at most and without a full
    stop at its end, not a dateline's paragraph."""
    return (
        len(line) <= TITLE_MAX_CHARS
        and len(line.split()) >= 2
        and not line.endswith(".")
        and not DATELINE.match(line)
        and not re.search(r"[.!?] [A-Z]", line)
    )


def article_text(headline, paras):
    """article.txt's form: the headline, then the paragraphs, separated by blank lines;
    a first paragraph that repeats the headline is dropped."""
    paras = list(paras)
    if paras and fold(paras[0])[0].strip() == fold(headline)[0].strip():
        paras = paras[1:]
    return "\n\n".join([" ".join(headline.split()), *paras]) + "\n"


def put_back(text, line):
    """Return article text with a furniture line restored after the paragraph it followed
    (or straight after the headline; at the end if that paragraph is gone)."""
    paras = paragraphs(text)
    if not paras:
        return text
    at = len(paras)
    if not line.after:
        at = 1
    else:
        for i, para in enumerate(paras):
            if para == " ".join(line.after.split()):
                at = i + 1
                break
    paras.insert(at, line.text)
    return "\n\n".join(paras) + "\n"
