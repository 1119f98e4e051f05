"""Draft quiz items from an article, as a teacher would write them: pure functions.

Every sentence of the article (after its headline) is read for claim signals:
attribution (said, told, according to, wrote on X), loaded verbs (alleges, claims,
denies, brushed off), hedges (allegedly, may, could), evidence markers (recorded, no
evidence, could not be verified), and who speaks. From an attributed claim comes a pair,
the fact that the source said it and the allegation of what was said; from a sentence in
the article's own voice, a fact (or, when it hedges, an allegation). Each draft carries a
confidence between 0 and 1 and the drafts come strongest first; the teacher decides.
"""

import re
from dataclasses import dataclass

import pysbd

from app.bank import STATEMENT_MAX_WORDS

QUOTES = "‘’“”\"'"
OPEN_QUOTES = "‘“\"'"
REPORTING_VERBS = (
    r"said|says?|told|tells?|added|adds|stated|"
    r"announce[sd]|reported|wr(?:ote|ites?)|claim(?:s|ed)?|alleg(?:e|es|ed)|accuse[sd]?|"
    r"insist(?:s|ed)?|den(?:y|ies|ied)|warn(?:s|ed)?|stress(?:es|ed)|argue[sd]?|"
    r"suggest(?:s|ed)?|believe[sd]?|maintain(?:s|ed)?|confirm(?:s|ed)?|explain(?:s|ed)|"
    r"noted|predict(?:s|ed)?|vow(?:s|ed)|promise[sd]|admit(?:s|ted)|estimate[sd]?|"
    r"brushed off|dismiss(?:es|ed)"
)
# "told US President Donald Trump that" keeps whom it was told to with the verb.
REPORTING = r"told(?: [\w’'.-]+){1,5}?(?= that\b|:)|" + REPORTING_VERBS
LOADED_VERBS = re.compile(
    r"\b(?:claim(?:s|ed)?|alleg(?:e|es|ed)|accus(?:e|es|ed)|insist(?:s|ed)?|den(?:y|ies|ied)|"
    r"brushed off|dismissed|maintain(?:s|ed)?|vowed)\b",
    re.IGNORECASE,
)
HEDGES = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|supposedly|possibly|likely|"
    r"may|might|could|widely seen as|is believed|are believed|thought to be|"
    r"appears to|seems to|unconfirmed)\b",
    re.IGNORECASE,
)
EVIDENCE = re.compile(
    r"\b(?:recorded|documents? show|records show|footage shows|data show|confirmed by|"
    r"(?P<lacking>no (?:clear-cut |clear |hard )?evidence|"
    r"lacks? (?:any )?(?:clear-cut |clear |hard )?evidence|"
    r"could not be (?:independently )?verified|no sign|no warnings?|"
    r"did not receive any warnings|no (?:figures|data|details|proof) (?:were|was) "
    r"(?:given|provided|published)|has not published|did not say))\b",
    re.IGNORECASE,
)
COMMON_STARTS = {
    "the",
    "a",
    "an",
    "there",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "it’s",
    "their",
    "our",
    "we",
    "they",
    "he",
    "she",
    "his",
    "her",
    "over",
    "more",
    "in",
    "on",
    "at",
    "some",
    "many",
    "no",
    "not",
    "all",
    "to",
    "for",
}
DETERMINERS = {"the", "a", "an", "our", "its", "their", "his", "her", "one", "some", "two"}
NOT_A_SPEAKER = DETERMINERS | {"also", "it", "this", "that", "which", "not", "never", "n’t"}
SPEAKERS = re.compile(
    r"\b(?:analysts?|experts?|officials?|locals?|residents?|witnesses|scientists?|"
    r"researchers?|police|ministry|government|council|spokesperson|observers?|organisers?|"
    r"critics|campaigners|parents|teachers|students)\b",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "they", "one", "it"}
LEAD_INS = re.compile(
    r"^(?:.*(?:,|\bafter|\bas|\bwhen|\bwhile|\bbecause|\bbut|\bcomes)\s+)?"
    r"(?:Yet|But|And|Also|Meanwhile|However|Still)?\s*",
    re.IGNORECASE,
)
# "<source> [also|has long|...] <verb> [on X] [that|:] <claim>"
LEADING = re.compile(
    rf"^(?P<subject>.{{2,160}}?)\s+(?:also\s+|has long\s+|have long\s+|has\s+|have\s+|had\s+|"
    rf"recently\s+|repeatedly\s+|meanwhile,?\s+)*(?P<verb>{REPORTING})"
    r"(?P<where>\s+(?:on|in|to)\s+(?:X|Twitter|Telegram|Facebook|Instagram|TikTok|social media|"
    r"television|TV|radio|reporters|a statement|an interview|a post)\b)?"
    r"(?:,?\s+that\s+|\s*:\s*|,\s+|\s+)(?P<claim>.{8,})$",
    re.DOTALL,
)
# "<claim>, <source> said [today]." and "<claim>, according to <source>."
TRAILING = re.compile(
    rf"^(?P<claim>.{{8,}}?)[,’'”\"]+\s+(?P<subject>[^,]{{2,80}}?)\s+(?P<verb>{REPORTING})"
    r"(?P<where>\s+[\w ]{0,30})?[.!]?[’'”\"]?$",
    re.DOTALL,
)
ACCORDING = re.compile(
    r"^(?:(?P<claim>.{8,}?),\s+according to (?P<subject>[^,]{2,80}?)[.!]?"
    r"|According to (?P<subject2>[^,]{2,80}?(?:,\s+(?:Mr|Mrs|Ms|Dr|[A-Z])[^,]{1,40})?),"
    r"\s+(?P<claim2>.{8,}))$",
    re.DOTALL,
)
# ", with <source> saying <claim>" inside a sentence in the article's own voice
CLAUSE = re.compile(
    r"(?:,\s+with\s+|,\s+)(?P<subject>[^,]{3,80}?)\s+(?P<verb>saying|claiming|alleging)\s+"
    r"(?:that\s+)?(?P<claim>.{8,})$",
    re.DOTALL,
)
# "“<claim>,” said <source>."
INVERTED = re.compile(
    r"^(?P<claim>[‘“\"'].{8,}?[,’”\"']+)\s+(?P<verb>said|says|added|told reporters)\s+"
    r"(?P<subject>[^‘“]{2,80}?)[.!]?$",
    re.DOTALL,
)
DISMISSAL = re.compile(r"^(?P<what>.{3,80}?)\s+as\s+(?P<claim>.{5,})$", re.DOTALL)
SOURCE_TYPES = (
    (
        "head-of-state",
        r"\b(?:President|Prime Minister|King|Queen|Chancellor|leader|counterpart)\b",
    ),
    ("news-agency", r"\b(?:agency|RIA|TASS|Reuters|Associated Press|AFP|Interfax|BBC)\b"),
    ("analyst", r"\b(?:analysts?|experts?|professor|researchers?|scientists?|institute|think)\b"),
    ("witness", r"\b(?:locals?|residents?|witness(?:es)?|neighbours?|one said|passers?-by)\b"),
    ("reporter", r"\b(?:the article|reporter|correspondent|journalists?)\b"),
)


@dataclass
class Sentence:
    """One sentence of the article: its text and where it starts and ends in the article."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass
class Claim:
    """What a sentence's reporting verb attributes: to whom, with which words, what."""

    source: str
    verb: str
    cue: str
    claim: str
    named: bool  # the source is a name, not a pronoun left unresolved
    where: str = ""  # " on Telegram", " to reporters"


@dataclass
class Draft:
    """A drafted item, in quiz.yaml's fields, with how sure the drafter is of it."""

    statement: str
    label: str
    quote: str
    explanation: str
    cue: str
    cue_type: str
    source: str
    source_type: str
    confidence: float
    start: int = 0  # where the quote starts in the article, for ordering and coverage
    end: int = 0


@dataclass
class Signals:
    """The claim signals in a piece of text, as the words that carry them."""

    speaker: str | None
    attribution: list
    loaded_verbs: list
    hedges: list
    evidence: list

    def summary(self):
        """The signals in words, for a teacher: "speaker: The Kremlin; attribution “said”"."""
        parts = [f"speaker: {self.speaker}"] if self.speaker else []
        for name, found in (
            ("attribution", self.attribution),
            ("loaded verb", self.loaded_verbs),
            ("hedge", self.hedges),
            ("evidence", self.evidence),
        ):
            parts += [f"{name} “{word}”" for word in dict.fromkeys(found)]
        return "; ".join(parts) or "none: the article's own voice"


ATTRIBUTION_WORDS = re.compile(rf"\b(?:according to|{REPORTING_VERBS})\b", re.IGNORECASE)


def signals(text):
    """The claim signals of a sentence (or quote): who speaks, and the attribution, loaded
    verbs, hedges and evidence markers it holds."""
    claim = attribution(text)
    return Signals(
        speaker=claim.source if claim else None,
        attribution=[
            m.group()
            for m in ATTRIBUTION_WORDS.finditer(text)
            if not LOADED_VERBS.fullmatch(m.group())
        ],
        loaded_verbs=[m.group() for m in LOADED_VERBS.finditer(text)],
        hedges=[m.group() for m in HEDGES.finditer(text)],
        evidence=[m.group() for m in EVIDENCE.finditer(text)],
    )


_SEGMENTER = None


def sentences(article):
    """The article's sentences after its headline, each with its place in the article text.
    A lone closing quote mark that the segmenter split off goes back on its sentence."""
    global _SEGMENTER  # noqa: PLW0603  # pysbd's segmenter is slow to build; build it once
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
    found = []
    for number, para in enumerate(_paragraph_spans(article)):
        start, text = para
        if number == 0:
            continue  # the headline
        for span in _SEGMENTER.segment(text):
            s_text = span.sent.rstrip()
            if not s_text.strip(QUOTES + " "):
                if found and found[-1].paragraph == number:
                    found[-1].end = start + span.start + len(s_text)
                    found[-1].text = article[found[-1].start : found[-1].end]
                continue
            lead = len(s_text) - len(s_text.lstrip())
            found.append(
                Sentence(
                    s_text.strip(),
                    start + span.start + lead,
                    start + span.start + len(s_text),
                    number,
                )
            )
    return found


def _paragraph_spans(article):
    """(start, text) of each paragraph of the article, as found in its text."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", article, re.DOTALL):
        spans.append((match.start(), match.group()))
    return spans


def draft(article):
    """Draft items from an article (article.txt's form), strongest first."""
    drafts, speaker, spoke_in, open_quotes, paragraph = [], None, None, 0, None
    for sentence in sentences(article):
        if sentence.paragraph != paragraph:  # a quotation that runs on reopens its marks
            open_quotes, paragraph = 0, sentence.paragraph
        continues = open_quotes > 0 or sentence.text[0] in OPEN_QUOTES
        open_quotes = max(0, open_quotes + open_quote_count(sentence.text))
        if len(sentence.text.split()) < 4 or sentence.text.rstrip(QUOTES).endswith("?"):
            continue
        claim = attribution(sentence.text, speaker)
        if claim is not None:
            drafts.extend(_pair(sentence, claim))
            if claim.named:
                speaker, spoke_in = claim, sentence
        elif continues and speaker and sentence.paragraph - spoke_in.paragraph <= 2:
            drafts.append(_continued(article, spoke_in, sentence, speaker))
        else:
            clause = CLAUSE.search(sentence.text)
            if clause and _source(clause.group("subject")):
                drafts.extend(_pair(sentence, _clause_claim(sentence.text, clause)))
            drafts.append(_own_voice(sentence, clause.start() if clause else None))
    types = {}
    for d in drafts:
        if d.source_type == "party-official":
            if d.source not in types:
                types[d.source] = source_type_in(article, d.source)
            d.source_type = types[d.source]
    drafts = [d for d in drafts if d.statement.strip(QUOTES + " .,") and d.cue.strip()]
    drafts.sort(key=lambda d: (-d.confidence, d.start))
    return drafts


def _clause_claim(text, clause):
    """The claim of a clause such as ", with a peace plan … saying Russia must withdraw"."""
    verb = {"saying": "says", "claiming": "claims", "alleging": "alleges"}.get(
        clause.group("verb"), clause.group("verb")
    )
    source = _source(clause.group("subject"))
    cue = clause.group("verb")
    return Claim(source, verb, cue, _tidy_claim(clause.group("claim")), True)


def source_type_in(article, source):
    """The source type the article's own words give a speaker: "Trump" is a head of state
    when the article calls him "US President Donald Trump" somewhere."""
    kind = guess_source_type(source)
    surname = source.split()[-1].strip(",.")
    if kind != "party-official" or not surname[:1].isupper():
        return kind
    for match in re.finditer(rf"\b{re.escape(surname)}\b", article):
        before = " ".join(article[max(0, match.start() - 80) : match.start()].split()[-5:])
        found = guess_source_type(before)
        if found not in ("party-official", "reporter"):
            return found
    return kind


def attribution(text, last_speaker=None):
    """The claim a sentence attributes to a source, or None when it speaks in its own voice.
    A pronoun source ("He said") is read as the last named speaker."""
    for pattern in (ACCORDING, INVERTED, LEADING, TRAILING):
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        subject = groups.get("subject") or groups.get("subject2") or ""
        claim = groups.get("claim") or groups.get("claim2") or ""
        source = _source(subject)
        if not source:
            continue
        verb = groups.get("verb") or "according to"
        claim = _tidy_claim(claim)
        if len(claim.split()) < 4:
            continue
        cue = _cue_words(text, subject, source, verb, groups.get("where"))
        named = source.casefold() not in PRONOUNS
        if source.casefold() == "one":
            source = "One person quoted"
        elif not named and last_speaker is not None:
            source, named = last_speaker.source, True
        return Claim(source, verb, cue, claim, named, (groups.get("where") or "").rstrip())
    return None


def _source(subject):
    """The speaker in a subject: the noun phrase after any lead-in clause, or None when it
    is too long, negated ("did not say") or too vague to be a speaker."""
    subject = " ".join(subject.split()).strip(" ,")
    subject = re.sub(r",\s+(?:who|which)\b[^,]*,?", "", subject)  # "X, who asked not to be named,"
    subject = LEAD_INS.sub("", subject, count=1).strip(" ,")
    subject = re.sub(r",?\s*meanwhile,?$", "", subject).strip(" ,")
    words = subject.split()
    if not words or len(words) > 10 or subject[0] in QUOTES:
        return None
    if subject.casefold() in PRONOUNS:
        return subject
    if words[-1].casefold() in NOT_A_SPEAKER:
        return None
    named = any(w[0].isupper() for w in words)
    described = words[0].casefold() in DETERMINERS and len(words) <= 5
    return _capital(subject) if named or described or SPEAKERS.search(subject) else None


def _cue_words(text, subject, source, verb, where):
    """The cue: the words of the sentence that attribute the claim (a speaker and verb when
    they stand together in the text, else the verb alone), as they are written there."""
    phrase = f"{verb}{where or ''}"
    for candidate in (f"{source} {phrase}", f"{subject.strip()} {phrase}", phrase, verb):
        at = text.casefold().find(candidate.casefold())
        if at >= 0:
            return text[at : at + len(candidate)]
    return verb


def _tidy_claim(claim):
    """A claim as a sentence of its own: quote marks and a trailing "X reported" gone,
    capitalised, ending with a full stop, cut at a comma if it runs past the guide's length."""
    claim = strip_quote_marks(" ".join(claim.split())).strip(" ,")
    claim = re.sub(r",\s+(?:the|a|an)\s+[\w\s’'-]{0,60}?(?:reported|said|says)\W*$", "", claim)
    # The reporter's counterpoint ("..., but it has not published the bill") is not the claim.
    claim = re.split(r"[,;]\s+(?:but|though|although|yet)\b|\s+though\b", claim)[0]
    claim = claim.rstrip(".!;: ,")
    if len(claim.split()) > STATEMENT_MAX_WORDS - 6 and "," in claim:
        head = claim.split(",")[0]
        if len(head.split()) >= 5:
            claim = head
    return _capital(claim) + "." if claim else ""


def strip_quote_marks(text):
    """Text without its quotation marks; an apostrophe inside a word (Moscow’s) stays."""
    text = re.sub(r"(?:(?<=^)|(?<=[\s(\[]))[‘“\"']+(?=\S)", "", text)
    return re.sub(r"(?<=\S)[’”\"']+(?=[\s.,;:!?)\]]|$)", "", text)


def open_quote_count(text):
    """How many quotations the text opens and leaves open (apostrophes not counted)."""
    opened = len(re.findall(r"(?:^|(?<=[\s(\[]))[‘“]", text))
    closed = len(re.findall(r"[’”](?=[\s.,;:!?)\]]|$)", text))
    return opened - closed


def _pair(sentence, claim):
    """The fact that the source said it, and the allegation of what was said."""
    if not claim.claim or len(claim.claim.split()) < 4:
        return []
    quote = sentence.text
    claim_text = claim.claim
    dismissal = claim.verb in ("brushed off", "dismissed") and DISMISSAL.match(claim_text)
    if dismissal:
        what = dismissal.group("what").rstrip(" ,.")
        as_what = dismissal.group("claim").rstrip(".")
        said = f"{claim.source} {claim.verb} {_lower_first(what)} as {as_what}."
        claim_text = f"{_capital(what)} was {dismissal.group('claim')}"
    else:
        verb = "said" if claim.verb == "according to" else claim.verb
        body = claim_text.rstrip(".")
        said = f"{claim.source} {verb}{claim.where} that {_lower_first(body)}."
    source_type = guess_source_type(claim.source)
    strength = 0.9 if claim.named else 0.6
    if _starts_with_pronoun(claim_text):
        strength -= 0.2
    if len(said.split()) > STATEMENT_MAX_WORDS:
        strength -= 0.15
    hedge = HEDGES.search(claim_text)
    evidence = EVIDENCE.search(quote)
    if LOADED_VERBS.fullmatch(claim.verb) and claim.verb in quote:
        cue, cue_type = claim.verb, "loaded-verb"
    elif hedge and hedge.group() in quote:
        cue, cue_type = hedge.group(), "hedge"
    else:
        cue, cue_type = claim.cue, "attribution"
    common = {"quote": quote, "source": claim.source, "source_type": source_type}
    where = {"start": sentence.start, "end": sentence.end}
    fact = Draft(
        statement=_capital(said),
        label="fact",
        explanation=(
            f"The article reports that {_lower_first(claim.source)} said this (“{claim.cue}”). "
            "That the words were said is on the record, whatever the truth of what was said."
        ),
        cue=claim.cue,
        cue_type="attribution",
        confidence=round(strength, 2),
        **common,
        **where,
    )
    if evidence and evidence.group("lacking"):
        backing = f"The article even notes what is missing (“{evidence.group()}”)."
    elif evidence:
        backing = f"The article does mention evidence (“{evidence.group()}”): read it closely."
    else:
        backing = "The article shows no evidence of its own that it is true."
    allegation = Draft(
        statement=_capital(claim_text),
        label="allegation",
        explanation=(
            f"The claim comes from {_lower_first(claim.source)}, reported with “{cue}”. {backing} "
            "Ask who says so and what backs it up."
        ),
        cue=cue,
        cue_type=cue_type,
        confidence=round(
            strength - (0.25 if evidence and not evidence.group("lacking") else 0.05), 2
        ),
        **common,
        **where,
    )
    return [fact, allegation]


def _continued(article, spoke_in, sentence, speaker):
    """A quotation that carries on from the last speaker's words: an allegation, quoted
    from the sentence that names the speaker through this one."""
    return Draft(
        statement=_tidy_claim(sentence.text),
        label="allegation",
        quote=article[spoke_in.start : sentence.end],
        explanation=(
            f"These are still the words of {_lower_first(speaker.source)}, quoted without "
            "evidence of their own. "
            "Ask who says so and what backs it up."
        ),
        cue=speaker.cue,
        cue_type="attribution",
        source=speaker.source,
        source_type=guess_source_type(speaker.source),
        confidence=0.55,
        start=spoke_in.start,
        end=sentence.end,
    )


def _own_voice(sentence, clause_at=None):
    """A sentence in the article's own voice: a fact, unless its main clause hedges. A
    hedge in a trailing clause (", despite it allegedly…") or in an attributed clause
    (`clause_at`) is someone else's doubt, not the article's."""
    text = sentence.text
    main = re.split(r",\s+(?:despite|although|though|while|but|yet)\b", text[:clause_at])[0]
    main = main if main.strip(QUOTES + " ,.") else text
    hedge, evidence = HEDGES.search(main), EVIDENCE.search(main)
    statement = _tidy_claim(main)
    common = {
        "statement": statement,
        "quote": text,
        "source": "The article, in its own voice",
        "source_type": "reporter",
        "start": sentence.start,
        "end": sentence.end,
    }
    if hedge:
        return Draft(
            label="allegation",
            explanation=(
                f"The article itself hedges this (“{hedge.group()}”): it is reported as "
                "possible or as someone's view, not shown to be so."
            ),
            cue=hedge.group(),
            cue_type="hedge",
            confidence=0.5,
            **common,
        )
    if evidence:
        return Draft(
            label="fact",
            explanation=(
                f"The article reports what was or wasn't found (“{evidence.group()}”) in its "
                "own voice. What was recorded is evidence; check who recorded it."
            ),
            cue=evidence.group(),
            cue_type="evidence",
            confidence=0.45,
            **common,
        )
    return Draft(
        label="fact",
        explanation=(
            "The article states this in its own voice and no one in it disputes it. "
            "Check that nothing nearby casts doubt on it."
        ),
        cue=" ".join(text.split()[:4]),
        cue_type="none",
        confidence=0.35 if len(statement.split()) <= STATEMENT_MAX_WORDS else 0.2,
        **common,
    )


def guess_source_type(source):
    """The content guide's source type that a speaker's description suggests."""
    for kind, pattern in SOURCE_TYPES:
        if re.search(pattern, source, re.IGNORECASE):
            return kind
    return "party-official"


def _starts_with_pronoun(text):
    """Whether a claim opens with a word that points elsewhere ("He", "This", "It")."""
    first = text.split()[0].casefold().strip(QUOTES) if text.split() else ""
    return first in PRONOUNS | {"this", "that", "these", "his", "her", "their"}


def _lower_first(text):
    """The text with its first word lower-case when that word is a common one ("The"),
    never a name."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.casefold() in COMMON_STARTS else text


def _capital(text):
    """The text with its first letter upper-case."""
    return text[:1].upper() + text[1:]
