"""A teacher's article -> clean paragraphs, with the page furniture set aside.

Pure functions, no Flask and no database. Text, Markdown and saved web pages come in; out
comes an `Extracted` article (headline, details the page itself gives, paragraphs). Then
`sort_furniture` keeps the article's own paragraphs and sets aside captions, video notices,
newsletter prompts, "MORE:" links, share, comment and contact lines, each with its reason,
so the teacher can put any of them back.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import charset_normalizer
import trafilatura
from markdown_it import MarkdownIt

from app.bank import article_too_long, fold, paragraphs

FORMATS = ("txt", "md", "html")


@dataclass
class Extracted:
    """An article as read from a file: details the source gives, and its paragraphs."""

    paragraphs: list
    headline: str = ""
    publisher: str = ""
    published: str = ""
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
    drafter takes (bank.ARTICLE_MAX_WORDS)."""
    reader = {"html": from_html, "md": from_markdown}.get(fmt, from_text)
    if fmt != "html":  # trafilatura reads a page's bytes and its declared encoding itself
        data = decode_text(data)
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
    return "".join(ch for ch in data if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def from_text(text):
    """Plain text (line breaks already "\n", as decode_text leaves them): paragraphs are
    separated by blank lines, or else one per line."""
    if re.search(r"\n\s*\n", text):
        paras = paragraphs(text)
    else:
        paras = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    return Extracted(paragraphs=paras)


def from_markdown(text):
    """Markdown: each heading, paragraph and list item's text, without the markup; an image
    becomes its description (page furniture, unless the teacher puts it back)."""
    paras, headline = [], ""
    tokens = MarkdownIt("commonmark").parse(text)
    for at, token in enumerate(tokens):
        if token.type != "inline":
            continue
        line = " ".join(_inline_text(token.children or []).split())
        if not line:
            continue
        if not headline and at and tokens[at - 1].tag == "h1":
            headline = line
        paras.append(line)
    return Extracted(paragraphs=paras, headline=headline)


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
    """A saved web page: its main text, found by trafilatura, and the details it gives."""
    doc = trafilatura.bare_extraction(
        html,
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
        published=doc.date or "",
        url=doc.url or "",
    )


# Each rule: the reason a teacher reads, and a pattern that marks a line as furniture.
FURNITURE_RULES = (
    ("video notice", r"enable JavaScript|supports HTML5 video|browser does not support"),
    (
        "picture caption",
        r"\((?:Picture|Photo|Image|Credit|Pic|Photograph)s?\b[^)]*\)\s*$"
        r"|^(?:Picture|Photo|Image)(?: credit)?s?:"
        r"|\b(?:Getty Images|AP Photo|AFP via Getty|Shutterstock|PA Images)\b.{0,40}$",
    ),
    (
        "newsletter prompt",
        r"\bnewsletters?\b|\bsign up\b|\bsubscribe\b|email updates|Stay on top of the headlines",
    ),
    (
        "link to another story",
        r"^(?:Arrow\s+)?(?:MORE|READ MORE|Read more|Related|See also|Watch|Listen)\s*:"
        r"|^Read more\b|^For more stories\b|^Related (?:articles|stories)\b",
    ),
    (
        "share or comment line",
        r"^(?:Share|Comment|Comments|Tweet|Follow us|Like us)\b|Preferred Source on Google"
        r"|^Share (?:this|on)\b|\bcomments? (?:now|below)\b",
    ),
    (
        "contact line",
        r"\bGet in touch\b|\bemail(?:ing)? us\b|\[email protected\]|\bcontact (?:us|our)\b"
        r"|\b[\w.+-]+@[\w-]+\.[\w.]+\b",
    ),
    ("advertisement", r"^(?:Advertisement|ADVERTISEMENT|Sponsored|Promoted)\b"),
    ("copyright line", r"^(?:©|Copyright\b)|All rights reserved"),
)
_FURNITURE = tuple((why, re.compile(pattern, re.IGNORECASE)) for why, pattern in FURNITURE_RULES)


def furniture_reason(line):
    """Why this line is page furniture, or None when it reads as the article's own text."""
    for why, pattern in _FURNITURE:
        if pattern.search(line):
            return why
    return None


def sort_furniture(paras):
    """Keep the article's paragraphs; set aside each furniture line with its reason and the
    kept paragraph it followed, so it can be put back where it was."""
    result = Sorted(kept=[])
    for para in paras:
        why = furniture_reason(para)
        if why:
            result.furniture.append(Furniture(para, why, result.kept[-1] if result.kept else ""))
        else:
            result.kept.append(para)
    return result


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
