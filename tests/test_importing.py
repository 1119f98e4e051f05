"""Reading a teacher's article: text, Markdown and saved pages, and the furniture set aside."""

import codecs
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from app import importing, passages

ARTICLES = Path(__file__).parent / "articles"
RAW = ARTICLES / "buffer-zone-2026.raw.txt"  # the first quiz's page, as saved
LIBRARY = [
    "Town library to reopen after roof repairs",
    "The Millbrook public library will reopen on Monday after six weeks of repairs to its "
    "roof, the town council said.",
    "Workers replaced 400 square metres of roofing and fixed two leaking skylights.",
    "Head librarian Ana Ortiz said the leaks had damaged more than 300 books.",
    "The council claims the repairs came in under budget, but it has not published the final bill.",
    "A local builder, who asked not to be named, said the work could have been done in half "
    "the time.",
    "Visitors may find some shelves still empty while the damaged books are replaced.",
]


def read(name):
    return (ARTICLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("library-roof.txt", "txt"), ("library-roof.md", "md"), ("library-roof.html", "html")],
)
def test_every_format_gives_the_same_article_and_sets_the_newsletter_aside(name, fmt):
    extracted = importing.extract(read(name), fmt)
    cleaned = importing.sort_furniture(extracted.paragraphs)
    assert cleaned.kept == LIBRARY
    assert "Sign up for our weekly newsletter to get local news first." in [
        f.text for f in cleaned.furniture
    ]


def test_a_saved_page_gives_its_details_and_drops_menus_bylines_and_footers():
    extracted = importing.extract(read("library-roof.html"), "html")
    assert extracted.headline == "Town library to reopen after roof repairs"
    assert extracted.publisher == "Millbrook Courier"
    assert extracted.published_on == "2026-11-20"
    assert extracted.url == "https://courier.example/news/library-roof"
    text = " ".join(extracted.paragraphs)
    for furniture in ("Most read", "Football club wins cup", "All rights reserved", "Sport"):
        assert furniture not in text


def test_markdown_loses_its_markup_and_marks_pictures_as_captions():
    extracted = importing.extract(read("library-roof.md"), "md")
    assert extracted.headline == "Town library to reopen after roof repairs"
    assert not any(mark in p for p in extracted.paragraphs for mark in ("**", "](", "#"))
    captions = [
        f
        for f in importing.sort_furniture(extracted.paragraphs).furniture
        if f.why == "picture caption"
    ]
    assert [c.text for c in captions] == ["Workers on the library roof (Picture)"]


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        ("<html><body></body></html>", "html", "No article text"),
        ("<html><body><nav>Home</nav></body></html>", "html", "only 1 word of"),
        ("Just a headline\n\nAnd one line.", "txt", "only 6 words"),
        ("# Heading only", "md", "only 2 words"),
    ],
)
def test_too_little_text_is_refused_with_a_message(data, fmt, message):
    with pytest.raises(importing.ArticleError, match=message):
        importing.extract(data, fmt)


def test_the_first_articles_raw_page_cleans_to_the_hand_cleaned_article():
    raw = RAW.read_text(encoding="utf-8")
    cleaned = importing.sort_furniture(importing.extract(raw, "txt").paragraphs)
    hand = (Path(__file__).parents[1] / "questions/buffer-zone-2026/article.txt").read_text()
    assert [passages.fold(p)[0] for p in cleaned.kept] == [
        passages.fold(p)[0] for p in passages.paragraphs(hand)
    ]
    reasons = {f.why for f in cleaned.furniture}
    assert reasons == {
        "picture caption",
        "video notice",
        "contact line",
        "link to another story",
        "newsletter prompt",
    }
    assert len(cleaned.furniture) == 11


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Drone attacks continue (Picture: Reuters)", "picture caption"),
        ("Photo: Jane Doe/AP", "picture caption"),
        ("To view this video please enable JavaScript", "video notice"),
        ("Arrow MORE: Inside the palace", "link to another story"),
        ("Read more: the budget explained", "link to another story"),
        ("Share this article", "share or comment line"),
        ("Comment now", "share or comment line"),
        ("Get in touch with our news team by emailing us at news@example.com.", "contact line"),
        ("Advertisement", "advertisement"),
        ("© 2026 The Courier", "copyright line"),
        ("The council said it would share the costs with the county.", None),
        ("Residents commented that the road was busy.", None),
    ],
)
def test_furniture_lines_are_told_from_article_lines(line, why):
    assert importing.furniture_reason(line) == why


def test_a_furniture_line_goes_back_where_it_was():
    cleaned = importing.sort_furniture(LIBRARY[:3] + ["Roof work (Picture: Courier)"] + LIBRARY[3:])
    text = importing.article_text(LIBRARY[0], cleaned.kept)
    restored = importing.put_back(text, cleaned.furniture[0])
    assert passages.paragraphs(restored)[3] == "Roof work (Picture: Courier)"
    # The paragraph it followed was edited away: it goes at the end rather than being lost.
    edited = text.replace(LIBRARY[2], "Workers mended the roof.")
    assert passages.paragraphs(importing.put_back(edited, cleaned.furniture[0]))[-1] == (
        "Roof work (Picture: Courier)"
    )


def test_article_text_has_the_headline_once_then_blank_line_separated_paragraphs():
    text = importing.article_text("Town library to reopen after roof repairs", LIBRARY)
    assert text.startswith("Town library to reopen after roof repairs\n\nThe Millbrook")
    assert passages.paragraphs(text) == LIBRARY


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # Windows Notepad's "Unicode"
        lambda t: t.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16", "windows-1252"],
)
def test_uploaded_text_files_are_read_in_their_encoding(encode):
    text = read("library-roof.txt").replace("Ana Ortiz", "Ana Ortíz")
    extracted = importing.extract(encode(text), "txt")
    assert extracted.paragraphs[0] == "Town library to reopen after roof repairs"
    assert "Head librarian Ana Ortíz said the leaks had damaged more than 300 books." in (
        extracted.paragraphs
    )


def test_control_characters_never_reach_the_article():
    extracted = importing.extract(read("library-roof.txt").replace("Head", "He\x00ad\x07"), "txt")
    assert not any(ch in p for p in extracted.paragraphs for ch in "\x00\x07")


def test_control_characters_are_those_unicode_calls_control_but_tab_and_newline():
    controls = "".join(chr(n) for n in range(0x110000) if unicodedata.category(chr(n)) == "Cc")
    assert importing.decode_text(f"a{controls}b") == "a\t\n\nb"  # a carriage return: "\n"


def test_a_page_with_large_scripts_styles_and_drawings_is_still_read():
    """A script's or a style's code is not counted as the page's text: a saved page can
    hold a megabyte of script. Its drawings' elements count, as trafilatura reads them."""
    page = read("library-roof.html")
    script = "<script>var data = " + '"x",' * 300_000 + "0;</script>"
    drawing = ("<svg>" + "<path d='M0 0'></path>" * 50 + "</svg>") * 100
    page = page.replace("</head>", f"{script}<style>{'a{}' * 200_000}</style></head>")
    page = page.replace("<body>", f"<body>{drawing}")
    assert importing.page_too_large(importing.load_html(page)) is None
    assert importing.extract(page, "html").paragraphs == (
        importing.extract(read("library-roof.html"), "html").paragraphs
    )


def test_a_long_markdown_block_is_read_in_runs_of_lines():
    """A block longer than MARKDOWN_INLINE_MAX loses its markup a run of lines at a time;
    a single line that long keeps it."""
    line = "Head librarian [Ana Ortiz](https://courier.example/ortiz) said **300 books** were lost."
    block = "\n".join([line] * (importing.MARKDOWN_INLINE_MAX // len(line) * 3))
    long_line = "**" + "word " * importing.MARKDOWN_INLINE_MAX + "**"
    extracted = importing.from_markdown(f"# Headline\n\n{block}\n\n{long_line}\n")
    said = "Head librarian Ana Ortiz said 300 books were lost."
    assert extracted.paragraphs[1] == " ".join([said] * (block.count("\n") + 1))
    assert extracted.paragraphs[2] == " ".join(long_line.split())


def test_a_line_too_long_to_be_furniture_is_the_articles():
    line = "Sign up for our newsletter. " + "The council met again. " * 30
    assert importing.furniture_reason(line[: importing.FURNITURE_MAX_CHARS]) == (
        "newsletter prompt"
    )
    assert len(line) > importing.FURNITURE_MAX_CHARS
    assert importing.furniture_reason(line) is None


EXPECTED = yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_test_article_loses_its_furniture_and_nothing_else(name):
    """Pasted with no headline: every listed furniture line is set aside (and nothing else:
    each other line is in the cleaned text, white space and glued sentences aside), and
    the headline is the expected one."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import draft_eval

    figures = draft_eval.cleaning(name, EXPECTED[name])
    assert figures["furniture_kept"] == []
    assert figures["lines_lost"] == []
    assert figures["headline"] == EXPECTED[name]["headline"]
    assert [f.text for f in figures["furniture"]] == EXPECTED[name]["furniture"]


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Also read: Power tariffs to rise from April", "link to another story"),
        ("READ ALSO Bridge reopens", "link to another story"),
        ("Read more", "link to another story"),
        ("Load Next Story", "link to another story"),
        ("Arabic Version", "language link"),
        ("Русская версия", "language link"),
        ("اردو", "language link"),
        ("Home » World » Asia", "breadcrumb"),
        ("» World", "breadcrumb"),
        ("Home | World | Sport", "menu"),
        ("Updated 12 Mar 2025, 10:42 AM", "date or time"),
        ("Published: 2025-03-12 10:42 PKT", "date or time"),
        ("March 12, 2025 | 10:42 am", "date or time"),
        ("12 марта 2025, 10:42", "date or time"),
        ("Updated 3 hours ago", "date or time"),
        ("https://example.org/news/a-story", "web address"),
        ("www.example.org", "web address"),
        ("window.dataLayer = window.dataLayer || [];", "page code"),
        ("googletag.cmd.push(function() {", "page code"),
        ("{", "page code"),
        ("});", "page code"),
        ("Tags: Pakistan, India, drones", "tag list"),
        ("#Drones #India", "tag list"),
        ("Follow us on Telegram", "share or comment line"),
        ("Join our WhatsApp channel", "share or comment line"),
        ("By Staff Reporter", "byline"),
        ("By Jane Doe, Reuters", "byline"),
        ("(Reporting by Sana Mir; Editing by Tom Hale)", "credit line"),
        ("LONDON:", "dateline"),
        ("ISLAMABAD (Reuters) -", "dateline"),
        ("MOSCOW, March 12 (TASS) —", "dateline"),
        ("By Our Correspondent | 14 Apr 2025, 08:15 PM", "byline"),
        ("By Owen Tarrant, Environment Correspondent · 12 March 2025", "byline"),
        ("Local News | Elections", "section labels"),
        ("Sport | Football | Transfers", "section labels"),
        ("Health & Science", "menu"),
        ("Most read: Redwater bypass to close for six weeks", "link to another story"),
        ("Listen to this article", "audio player"),
        (
            "Correction: An earlier version of this story misstated her age.",
            "correction or editor's note",
        ),
        ("Editor's note: This story has been updated.", "correction or editor's note"),
        ("This article was amended on 15 May 2024.", "correction or editor's note"),
        ("The Courier's Dana Ruiz contributed to this report.", "credit line"),
        ("(Pictured) Dead fish on the bank on Sunday. Credit: Joseph Kwan", "picture caption"),
        ("The harbour at dusk. Photo: Tom Ashdown/Castlemere Gazette", "picture caption"),
        ("Story continues below advertisement", "advertisement"),
        ("Explore more on these topics: Education, Schools", "share or comment line"),
        ("Facebook Twitter Email", "share or comment line"),
        ("U.S. | Crime & Courts", "section labels"),
        ("Hannah Oduya, Education Correspondent", "byline"),
        (
            "Published Feb. 6, 2025 at 7:15 a.m. CST | Updated Feb. 6, 2025 at 11:02 a.m. CST",
            "date or time",
        ),
        ("Update: police have since arrested two men.", None),
        ("An earlier report by the council found no damp.", None),
        ("Ms Ruiz contributed to the fund for ten years.", None),
        (
            "Police tape surrounds the depot on Saturday. (Marisol Tran / The Ledger)",
            "picture caption",
        ),
        ("Our Standards: The Trust Principles.", "share or comment line"),
        ("MORE FROM THE LEDGER", "link to another story"),
        ("RELATED COVERAGE", "link to another story"),
        ("Summary", "heading"),
        ("Updated 6:12 PM GMT+1, May 21, 2025", "date or time"),
        ("Local elections | what the results mean for you", None),
        ("Peter Galloway | Mayor of Ostmere since 2019", None),
        # The article's own lines, however near they come to a rule:
        ("Read together, the two statements leave the question open.", None),
        ("Read more than 300 pages of the report and you find no figure.", None),
        ("Also, the council read the report aloud.", None),
        ("By Tuesday the work was done.", None),
        ("By then, Ms Ortiz said, the roof had been fixed.", None),
        ("Home owners in the area were told to stay indoors.", None),
        ("World leaders met in Geneva on Monday.", None),
        ("The march began at 10:42 on 12 March 2025.", None),
        ("In 2025, 12 people were hurt.", None),
        ("LONDON: The council said the roof would be fixed by May.", None),
        ("ISLAMABAD (Reuters) - Work at the dam was halted on Tuesday.", None),
        ("The site is at www.example.org, the council said.", None),
        ("Follow-up talks will be held in March.", None),
        ("Join us, the mayor told residents, at the town hall.", None),
        ("Tagged as a risk, the bridge was closed.", None),
        ("Pakistan and India both said they had seen the drone.", None),
        ("NATO", None),
    ],
)
def test_real_pages_furniture_is_told_from_article_lines(line, why):
    assert importing.furniture_reason(line) == why


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("the agency reports.This was the third", "the agency reports. This was the third"),
        ("in 2027.The first trains", "in 2027. The first trains"),
        ("“no comment”.The ministry", "“no comment”. The ministry"),
        ("he said.”The ministry", "he said.” The ministry"),
        ("the U.S. President and U.S.Officials", "the U.S. President and U.S.Officials"),
        ("rose 3.5 per cent", "rose 3.5 per cent"),
        ("see dawn.com or Dawn.Com", "see dawn.com or Dawn.Com"),
        ("J.R.R. Tolkien", "J.R.R. Tolkien"),
        ("at www.Example.org or https://example.org/a.Html", None),
    ],
)
def test_sentences_glued_without_a_space_are_split_and_nothing_else(text, split):
    assert importing.split_glued_sentences(text) == (split or text)


@pytest.mark.parametrize(
    "first",
    [
        "Updated 12 Mar 2025, 10:42 AM",
        "Home » World » Asia",
        "By Staff Reporter",
        "https://example.org/news/roof",
        "LONDON:",
        "LONDON: The council said on Monday that the library roof had been mended.\n",
        "ISLAMABAD (Reuters) - Roofs were mended\n",
    ],
)
def test_the_headline_is_the_first_line_that_reads_as_a_title(first):
    text = f"{first}\n" + read("library-roof.txt")
    first = first.strip()
    headline, cleaned = importing.clean(importing.extract(text, "txt"))
    assert headline == LIBRARY[0]
    assert first in [f.text for f in cleaned.furniture] + cleaned.kept  # never lost


def test_a_repeated_headline_is_set_aside_and_goes_back_where_it_was():
    text = read("library-roof.txt").replace("\n\nWorkers", f"\n\n{LIBRARY[0]}\n\nWorkers")
    headline, cleaned = importing.clean(importing.extract(text, "txt"))
    assert headline == LIBRARY[0] and cleaned.kept == LIBRARY[1:]
    repeat = cleaned.furniture[0]
    assert (repeat.text, repeat.why, repeat.after) == (LIBRARY[0], "headline repeated", LIBRARY[1])
    restored = importing.put_back(importing.article_text(headline, cleaned.kept), repeat)
    assert passages.paragraphs(restored)[2] == LIBRARY[0]


def test_furniture_glued_to_a_paragraph_by_one_line_break_stands_alone():
    text = (
        read("library-roof.txt")
        .replace("Workers replaced", "LONDON:\nWorkers replaced")
        .replace("skylights.", "skylights.\nAlso read: Roofs in winter\nFollow us on Telegram")
    )
    extracted = importing.extract(text, "txt")
    headline, cleaned = importing.clean(extracted, "")
    assert cleaned.kept == LIBRARY[1:]
    assert [f.text for f in cleaned.furniture] == [
        "LONDON:",
        "Also read: Roofs in winter",
        "Follow us on Telegram",
        "Sign up for our weekly newsletter to get local news first.",
    ]


def test_a_headline_given_wins_and_its_copy_first_in_the_text_is_not_furniture():
    headline, cleaned = importing.clean(
        importing.extract(read("library-roof.txt"), "txt"), LIBRARY[0]
    )
    assert headline == LIBRARY[0] and cleaned.kept == LIBRARY[1:]
    assert [f.why for f in cleaned.furniture] == ["newsletter prompt"]


def test_the_items_of_a_related_stories_list_are_each_left_out():
    raw = (
        "Church treasurer charged\n\n"
        "A former treasurer was arrested on Wednesday, police said. She denies the charge and "
        "will appear in court in March, her lawyer told reporters outside the court.\n\n"
        "Related Stories\n"
        "- Oak Hollow council approves new police chief\n"
        "- Merritt County sheriff's deputy cleared in shooting after a long inquiry\n"
    )
    headline, cleaned = importing.clean(importing.extract(raw, "txt"))
    assert [f.text for f in cleaned.furniture] == [
        "Related Stories",
        "- Oak Hollow council approves new police chief",
        "- Merritt County sheriff's deputy cleared in shooting after a long inquiry",
    ]
    assert len(cleaned.kept) == 1


def test_the_lines_after_a_related_coverage_heading_are_each_left_out():
    raw = (
        "Bakery to close\n\n"
        "Kestrel Foods said on Tuesday it would close its bakery in Westbrook Falls by the end "
        "of June, and that workers would be offered relocation packages.\n\n"
        "RELATED COVERAGE\n"
        "Snack makers squeezed as wheat prices climb\n"
        "Kestrel Foods names Laura Brandt chief executive\n"
    )
    _, cleaned = importing.clean(importing.extract(raw, "txt"))
    assert [f.text for f in cleaned.furniture] == [
        "RELATED COVERAGE",
        "Snack makers squeezed as wheat prices climb",
        "Kestrel Foods names Laura Brandt chief executive",
    ]


def test_a_short_section_name_is_not_the_headline_and_a_summarys_points_stay():
    raw = (
        "Football\n\nPremier League\n\n"
        "Castlemoor striker faces two months out as Rovers eye replacement\n\n"
        "The striker pulled up chasing a long ball and was helped off by two physios. The "
        "club has not confirmed the diagnosis, and the manager would not put a timescale on "
        "his return when he spoke to reporters on Monday.\n"
    )
    headline, _ = importing.clean(importing.extract(raw, "txt"))
    assert headline == "Castlemoor striker faces two months out as Rovers eye replacement"
    raw = (
        "Live: tram strike\n\nSummary\n\n"
        "All tram services are suspended as drivers strike\n"
        "The union says talks broke down over pay\n\n"
        "The town has seven tram lines that opened in the late 1990s after years of planning, "
        "and about 40,000 people use them every weekday, the council says.\n"
    )
    headline, cleaned = importing.clean(importing.extract(raw, "txt"))
    assert headline == "Live: tram strike"
    assert [f.text for f in cleaned.furniture] == ["Summary"]
    assert cleaned.kept[:2] == [
        "All tram services are suspended as drivers strike",
        "The union says talks broke down over pay",
    ]
