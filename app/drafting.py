"""Draft quiz items from an article, as a teacher would write them: pure functions.

Every sentence of the article (after its headline) is read for claim signals:
attribution (said, told, according to, wrote on X), loaded verbs (alleges, claims,
denies, brushed off), hedges (allegedly, may, could), evidence markers (recorded, no
evidence, could not be verified), and who speaks. The strongest drafts state content, as
docs/content-guide.md asks ("The words must not give the answer away"): from an attributed
claim, the claim itself (an allegation when the article shows no evidence); from a sentence
in the article's own voice, what it reports (a fact, or an allegation when it hedges),
including the background it gives in passing. "X said that Y" facts are offered sparingly
beside their claim, and some claims are drafted as allegations that carry the speech verb
but assert the claim ("As X said, Y"), so that "said" never marks the answer. Each draft
carries a confidence between 0 and 1 and the drafts come strongest first; the teacher
decides. However long or strange the article, drafting is bounded: the strongest
limits.DRAFTS_MAX drafts are kept, and it stops after limits.DRAFT_SECONDS (see `drafted`).
"""

import dataclasses
import itertools
import re
import time
from dataclasses import dataclass, field

import pysbd

from app.bank import STATEMENT_MAX_WORDS
from app.limits import DRAFT_SECONDS, DRAFTS_MAX, FIELD_MAX
from app.words import (
    ALLEGATION,
    ANALYST,
    CUE_ATTRIBUTION,
    CUE_EVIDENCE,
    CUE_HEDGE,
    CUE_LOADED_VERB,
    CUE_OWN_VOICE,
    CUE_TYPE_NAMES,
    FACT,
    HEAD_OF_STATE,
    NEWS_AGENCY,
    PARTY_OFFICIAL,
    REPORTER,
    WITNESS,
)

QUOTES = "‘’“”\"'"
OPEN_QUOTES = "‘“\"'"
REPORTING_VERBS = (
    r"said|says?|told|tells?|added|adds|stated|"
    r"announce[sd]|reported|wr(?:ote|ites?)|claim(?:s|ed)?|alleg(?:e|es|ed)|accuse[sd]?|"
    r"insist(?:s|ed)?|den(?:y|ies|ied)|warn(?:s|ed)?|stress(?:es|ed)|argue[sd]?|"
    r"suggest(?:s|ed)?|believe[sd]?|maintain(?:s|ed)?|confirm(?:s|ed)?|explain(?:s|ed)|"
    r"noted|predict(?:s|ed)?|vow(?:s|ed)|promise[sd]|admit(?:s|ted)|estimate[sd]?|"
    r"caution(?:s|ed)|conced(?:e|es|ed)|acknowledg(?:e|es|ed)|"
    r"brushed off|dismiss(?:es|ed)"
)
# "told US President Donald Trump that" keeps whom it was told to with the verb.
TOLD_WHOM = (
    r"told (?:reporters|journalists|the press|(?:a|the) (?:press briefing|news conference|"
    r"press conference|briefing)|(?:state |national )?(?:television|TV|radio|media)|"
    r"parliament|lawmakers|Reuters|AFP|the AP|the BBC)"
)
REPORTING = r"told(?: [\w’'.-]+){1,8}?(?= that\b|:)|" + TOLD_WHOM + "|" + REPORTING_VERBS
LOADED_VERBS = re.compile(
    r"\b(?:claim(?:s|ed)?|alleg(?:e|es|ed)|accus(?:e|es|ed)|insist(?:s|ed)?|den(?:y|ies|ied)|"
    r"brushed off|dismissed|maintain(?:s|ed)?|vowed)\b",
    re.IGNORECASE,
)
HEDGES = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|supposedly|possibly|likely|"
    r"(?-i:may)|might|could|widely seen as|is believed|are believed|thought to be|"
    r"appears to|seems to|unconfirmed|(?:is|are|was|were) understood to|"
    r"it (?:is|was|has been) (?:understood|thought|believed|said|reported|claimed|alleged|"
    r"rumou?red)|"
    r"(?:is|are|was|were) said to|(?:is|are|was|were) reported to|(?:is|are) rumou?red|"
    r"(?:is|are|was|were) expected to|(?:is|are) set to)\b",
    re.IGNORECASE,
)
EVIDENCE = re.compile(
    r"\b(?:recorded|documents? show|records show|footage shows|data show|confirmed by|"
    r"(?P<lacking>no (?:clear-cut |clear |hard )?evidence|"
    r"lacks? (?:any )?(?:clear-cut |clear |hard )?evidence|"
    r"could not be (?:independently )?verified|no sign|no warnings?|"
    r"did not receive any warnings|no (?:figures|data|details|proof) (?:were|was) "
    r"(?:given|provided|published)|has not published|did not say|(?:has|have|had) not said|"
    r"did not comment|declined to comment|would not say|has not commented))\b",
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
    "it's",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "hundreds",
    "thousands",
}
TITLE_WORDS = {"top", "senior", "head", "local", "former"}  # "Top Kyiv officials"
DETERMINERS = {"the", "a", "an", "our", "its", "their", "his", "her", "one", "some", "two"}
NOT_A_SPEAKER = DETERMINERS | {"also", "it", "this", "that", "which", "not", "never", "n’t"}
SPEAKERS = re.compile(
    r"\b(?:analysts?|experts?|officials?|locals?|residents?|witnesses|scientists?|"
    r"researchers?|police|ministry|government|council|spokesperson|observers?|organisers?|"
    r"critics|campaigners|parents|teachers|students|traders|hauliers|workers|members|"
    r"doctors|nurses|farmers|shoppers|passengers|drivers|activists|protesters|villagers|"
    r"families|lawyers?|prosecutors?|investigators?|firefighters|soldiers|troops|sources?|"
    r"diplomats?|lawmakers|engineers?|economists?|groups?|administration|authorit(?:y|ies)|"
    r"spokes(?:man|woman|person|people)|statement|report|army|military|hospital|company|"
    r"operator|union|newspaper|agency|court|department|office|daily|elders|officers?|staff|"
    r"employees|volunteers|inspectors?|managers?|leaders?|nurses|records|documents|data|"
    r"figures|filings|statistics)\b",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "they", "one", "it"}
AUXILIARIES = {"was", "were", "is", "are", "be", "been", "being", "has", "have", "had"}
POINTING = PRONOUNS | {"this", "that", "these", "his", "her", "their", "its", "it’s", "it's"}
POINTING |= {"i", "we", "you", "our", "my"}  # a speaker's own voice
LEAD_INS = re.compile(
    r"^(?:.*(?:,|\bafter|\bas|\bwhen|\bwhile|\bbecause|\bbut|\bcomes)\s+)?"
    r"(?:Yet|But|And|Also|Meanwhile|However|Still)?\s*",
    re.IGNORECASE,
)
# "<source> [also|has long|...] <verb> [on X] [that|:] <claim>"
LEADING = re.compile(
    rf"^(?P<subject>.{{2,160}}?)\s+(?:also\s+|has long\s+|have long\s+|has\s+|have\s+|had\s+|"
    rf"recently\s+|repeatedly\s+|meanwhile,?\s+)*(?P<verb>{REPORTING})"
    r"(?P<where>\s+(?:on|in|to)\s+(?:"
    r"(?:a|an|his|her|their|its)\s(?:[\w-]+\s){0,2}?(?:interview|statement|post|briefing|speech|"
    r"letter|video|broadcast|podcast)"
    r"(?:\s(?:with|to|on)\s(?!that\b)[\w’' ]{1,40}?(?=\s(?:on|that)\b|,))?"
    r"|X|Twitter|Telegram|Facebook|Instagram|TikTok|social media|television|TV|radio|reporters)"
    r"\b)?"
    r"(?:,?\s+(?:only\s+|simply\s+|merely\s+)?that\s+|\s*:\s*|,\s+|\s+)(?P<claim>.{8,})$",
    re.DOTALL,
)
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A wire story's dateline before its first sentence: "ISLAMABAD (NNA) - ", "MOSCOW, March 12
# (Reuters) — ", "PORTLAND, Maine — ": not part of any statement.
DATELINE = re.compile(
    r"^[A-Z][A-Z’'.-]{2,}(?:\s+[A-Z][A-Z’'.-]+){0,3}"
    r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:\s+\d{1,2})?)?"
    r"(?:\s+\([A-Z][\w .&-]{0,30}\))?\s*(?:[-—–]+|:)\s+(?=[‘“\"']?[A-Z0-9])"
    # "Kodagiri (Sarvanthi), Jul 14 (PTN) At least 23…": a place in any case, with its
    # date and agency
    r"|^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?(?:\s+\([A-Z][\w ]{1,30}\))?,\s+[A-Z][a-z]{2,8}\.?\s+"
    r"\d{1,2}\s+\([A-Z]{2,8}\)\s*(?:[-—–:]\s*)?(?=[‘“\"']?[A-Z0-9])"
)
# "A study published in the journal X found that…": what a study, survey or report found
# is its claim (its authors' reading), not the article's.
FOUND = re.compile(
    r"^(?P<subject>(?:An?|The|Their|Its|Our)\s(?:[\w’'-]+\s){0,3}?(?:study|survey|report|review|"
    r"research|analysis|poll|trial|audit|inquiry|investigation)"
    r"(?:\s+(?:published|by|from|of|in|for|commissioned|carried|led|funded|released)\b[^,]{0,80}?)?)"
    r"\s+(?:also\s+)?"
    r"(?P<verb>found|finds|showed|shows|concluded|concludes|suggested|suggests)"
    r"(?:,?\s+that\s+|\s+)(?P<claim>.{8,})$",
    re.DOTALL,
)
# "…at two polling stations but did not give any details": what the claim came without.
UNBACKED = re.compile(
    r",?\s+but\s+(?P<what>(?:did not|didn[’']t|gave no|offered no|provided no|has not|have not|"
    r"had not)\s+(?:give|given|offer|offered|provide|provided|produce|produced|show|shown|"
    r"details|evidence|proof)\b.*)$"
)
# An aside after a short subject, set off by commas: "The official result, declared by the
# commission at 5.30am, gave…" (a participle or "which"/"who" clause, no name of its own).
ASIDE = re.compile(
    r"^(?P<subject>(?:The|A|An|Its|Their)\s(?:[\w’'-]+\s){0,3}?[\w’'-]+),\s+"
    r"(?:which|who|[a-z]+ed|[a-z]+en)\b[^,]{3,100},\s+(?=[a-z])"
)
# "It is understood that…", "It is thought that…": the article's own hedge on what follows.
IT_IS_HEDGED = re.compile(
    r"It\s+(?:is|was|has been)\s+(?:understood|thought|believed|said|reported|claimed|alleged|"
    r"rumou?red)(?:\s+(?:last|this|earlier|on)\s+\w+)?\s+that\s+(?=\S)"
)
# A sentence the segmenter ended on a title ("…police spokesperson Lt." | "Dana Whitfield
# said…"): the title belongs to the name after it.
TITLE_CUT = re.compile(
    r"\b(?:Lt|Sgt|Capt|Col|Gen|Det|Insp|Supt|Cmdr|Cpl|Maj|Adm|Gov|Sen|Rep|Rev|Hon|Prof|Dr|Mr|"
    r"Mrs|Ms|St)\.$"
)
# "said at a news conference on Saturday that…": where it was said, not the claim.
WHERE_LEAD = re.compile(
    r"(?P<where>(?:at|in|during|on)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:news conference|press "
    r"conference|briefing|hearing|meeting|rally|interview|statement|speech)"
    rf"(?:\s+(?:on\s+)?(?:{WEEKDAY}|yesterday|today)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?)(?:,?\s+that\s+|\s*[:.,]?\s*)"
)
# "said on Monday, at his press conference, that…": a phrase of when and where, then the claim
LEAD_BEFORE_THAT = re.compile(r"(?P<lead>[^.;:“”\"]{3,100}?),\s+that\s+(?=\S)")
# "Schedules had been "adjusted," he said, but overall coverage was unchanged.": a speaker
# set between two parts of the claim.
MID_SAID = re.compile(
    r"^(?!(?:Asked|When asked|Pressed|Speaking|Responding|Questioned)\b)"
    r"(?P<claim>[^,]{8,160}?[,’”\"']+)\s+(?P<subject>he|she|they|it|[A-Z][\w’'.-]+(?:\s+"
    r"[A-Z][\w’'.-]+){0,2})\s+(?P<verb>said|says|added|warned|argued|insisted|told reporters),"
    r"\s+(?P<rest>.{4,})$",
    re.DOTALL,
)
# ", a claim the opposition called fiction", ", a figure it said would be updated": the
# reporter's aside on what came before, neither part of the claim nor its speaker's.
REPORTERS_ASIDE = re.compile(
    r",\s+(?:a|an)\s+(?:claim|charge|accusation|figure|assertion|view|argument|number|"
    r"statement|suggestion|allegation|toll|estimate|move|decision|step)\b"
)
# Where a quotation's sentence ends and the next begins ("…papers. Two ballot boxes…").
QUOTED_SENTENCE_END = re.compile(r"(?<=[a-z][a-z][.!?])\s+(?=[A-Z])")
# "<claim>, <source> said [today]." and "<claim>, according to <source>." A run of commas
# and quote marks is tried only from its start or where the claim is first long enough
# (the lookbehinds): tried from each of its marks, the time grows with the square of its
# length (",’’’’’’…"), and it would match no differently.
TRAILING = re.compile(
    r"^(?P<claim>.{8,}?)(?:(?<![,’'”\"])|(?<=^.{8}))[,’'”\"]+\s+"
    r"(?P<subject>[^,]{2,80}?(?:,\s+[^,]{2,60}?,)?)\s+"  # "the manager, Tom Hadley, said"
    rf"(?:(?:has|have|had)\s+)?(?P<verb>{REPORTING})"
    r"(?P<where>\s+[\w ]{0,50})?[.!]?[’'”\"]?$",
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
# What a speaker after its verb can't begin with: "said after the match" says when.
NOT_A_SUBJECT = r"(?!(?:that|after|before|at|in|on|during|when|as|to)\b)"
# "“<claim>,” said <source>." (a run of marks tried as in TRAILING)
INVERTED = re.compile(
    r"^(?P<claim>[‘“\"'].{8,}?(?:(?<![,’”\"'])|(?<=^.{9}))[,’”\"']+)\s+"
    r"(?P<verb>said|says|added|told reporters)\s+"
    rf"(?P<subject>{NOT_A_SUBJECT}[^‘“]{{2,160}}?)[.!]?$",
    re.DOTALL,
)
# "<claim>, said the ministry." and "<claim>, reported the daily.": the verb before its
# subject, with no quotation (INVERTED has those).
VERB_FIRST = re.compile(
    r"^(?P<claim>.{8,}?),\s+(?P<verb>said|says|added|reported|wrote|stated|announced)\s+"
    rf"(?P<subject>{NOT_A_SUBJECT}[^,‘“”\"]{{2,60}}?)[.!]?$",
    re.DOTALL,
)
# "<claim>, the statement read."
READ = re.compile(
    r"^(?P<claim>.{8,}?),[’'”\"]*\s+(?P<subject>(?:the|a|an|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:statement|letter|post|report|notice|release|communiqué|document|message|note))\s+"
    r"(?P<verb>read|reads)[.!]?$",
    re.DOTALL | re.IGNORECASE,
)
# "Police were told by church elders that…": the elders speak, to the police.
TOLD_BY = re.compile(
    r"^(?P<whom>[^,]{2,80}?)\s+(?:was|were|had been|have been|has been)\s+(?P<verb>told)\s+by\s+"
    r"(?P<subject>[^,]{2,80}?)\s+that\s+(?P<claim>.{8,})$",
    re.DOTALL,
)
# "<reporter> quoted <source> as saying (that) <claim>": the source speaks.
QUOTED = re.compile(
    r"^(?P<reporter>.{2,120}?)\s+(?P<cue>quoted\s+(?P<subject>[^,]{2,80}?),?\s+as\s+saying)"
    r",?\s+(?:that\s+)?(?P<claim>.{8,})$",
    re.DOTALL,
)
DISMISSAL = re.compile(r"^(?P<what>.{3,80}?)\s+as\s+(?P<claim>.{5,})$", re.DOTALL)
# Background given in passing: "the Donbas, made up of the Luhansk and Donetsk regions".
RELATION = r"made up of|occupied by|home to|known as|located in|controlled by|bordered by"
GLOSS = (
    r"(?:(?:so far|now|still|already|only|partly|largely|mostly)\s+)*"
    rf"(?:{RELATION})\s(?:[^,.;]|(?<=\d)[,.](?=\d))+"
)
# A name of at most six words of at most 40 characters: unbounded, the pattern's time
# grows with the square of a run of capitalised words or of a hyphenated one ("A-A-A-…").
NAME_WORD = r"[A-Z][\w’'-]{1,40}"
BACKGROUND = re.compile(
    rf"(?P<what>\b(?:the\s+)?{NAME_WORD}(?:\s+(?:and\s+)?{NAME_WORD}){{0,5}}"
    r"(?:\s+(?:regions?|provinces?|states?|count(?:y|ies)|cit(?:y|ies)|islands?|rivers?))?)"
    rf"[’'”\"]?,\s+(?P<gloss>{GLOSS})"
)
BACKGROUND_GLOSS = re.compile(rf",\s+{GLOSS}$")
# "the Russian state-owned news agency RIA Novosti": what the article says a source is.
DESCRIBED = re.compile(
    r"\bthe\s+(?P<kind>(?:[\w’'-]+\s+){0,3}?(?:news agency|newspaper|broadcaster|"
    r"news channel|think tank|charity))\s+(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)
# A person's name at the end of a source ("Head librarian Ana Ortiz"), for a claim's "he".
PERSON = re.compile(r"(?:[A-Z][\w’'-]+\s+)?[A-Z][\w’'-]+$")
FIRST_PERSON = re.compile(r"\b(?:I|I[’'](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|us)\b")
PERSON_START = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof|Judge|Detective(?: Sergeant)?|Cllr|Sir|Dame)\.?\s+)?"
    rf"{NAME_WORD}\s+{NAME_WORD}(?=[\s,])"
)
# "Rovers manager Colin Beckett refused…": a name after the role that makes it a person's.
ROLE_NAME = re.compile(
    rf"\b(?i:manager|captain|coach|minister|president|mayor|agent|spokesman|spokeswoman|"
    rf"chief|director|secretary|leader|officer|official|candidate|judge|lawyer|doctor|"
    rf"professor|chairman|chairwoman|head|teacher|striker|player|councillor|governor|analyst|"
    rf"expert|specialist|engineer|owner|founder|scientist|researcher|librarian) "
    rf"(?P<name>{NAME_WORD}\s+{NAME_WORD})"
)
# Words that name a body, not a person: "Casco Harbor Lines", "Civic Ballot Watch".
BODY = re.compile(
    r"\b(?:Lines|Foods|Council|Ministry|Association|Watch|Rovers|United|City|Group|Trust|"
    r"Agency|Service|Services|Office|Department|Party|Union|Bank|Company|Corporation|Inc|Ltd|"
    r"Times|News|Post|Daily|Herald|Vestnik|Institute|University|Hospital|School|Club|Team|"
    r"Authority|Commission|Committee|Board|Police|Army|Navy|Government|Foundation)\b"
)
PERSON_NOUN = re.compile(
    r"\b(?:spokes(?:man|woman|person)|official|minister|lawyer|officer|manager|teacher|"
    r"director|president|chief|secretary|engineer|mayor|judge|librarian|doctor|worker|"
    r"resident|witness|member|councillor|leader|owner|driver|farmer|expert|analyst|"
    r"head ?teacher|principal|pastor|priest|attorney|treasurer|chair(?:man|woman)?|"
    r"commissioner|governor|inspector|detective|sergeant|nurse|consultant|specialist|"
    r"professor|scientist|researcher|captain|coach|agent|editor|reporter|correspondent)\b",
    re.IGNORECASE,
)
# "The school's headteacher, Martin Hale, rejected…": the name set off after a role.
APPOSITIVE_NAME = re.compile(
    rf"^(?:But\s+|And\s+|However,\s+)?(?:The|A|An|[A-Z][\w’'-]+[’']s?)\s[^,]{{2,50}},\s+"
    rf"(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Prof|the Rev\.?|Rev\.?)\s+)?{NAME_WORD}"
    rf"(?:\s+{NAME_WORD}){{0,2}}),\s"
)
# "A military official spoke to reporters": a person, for a "he" or "she" after
ROLE_SUBJECT = re.compile(
    r"(?:A|An|The)\s(?:[\w’'-]+\s){0,3}?" + PERSON_NOUN.pattern, re.IGNORECASE
)
# A statement in a speaker's voice, or pointing at someone the sentence named before.
SPEAKER_VOICE = re.compile(
    r"\b(?:I|I[’'](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our|[Hh]e|[Hh]im|[Hh]is|"
    r"[Ss]he|[Hh]er)\b"
)
SUBORDINATE_START = re.compile(
    r"^(?:As|When|While|If|Although|Though|Because|Since|After|Before|Once|Until)\b"
)
CONNECTIVE_START = re.compile(r"^(?:Yet|But|And|However|Meanwhile|Still|Also),?\s+")
# "This would have been only hours after Zelensky met Trump": the event it dates by.
DATED_BY = re.compile(r"\b(?:after|before|since)\s+(?P<event>[A-Z][\w’'-]*\s.{12,})$", re.DOTALL)
# Verbs after which "As X said, Y" would not assert Y: the source rejects or doubts it.
NOT_ASSERTING = re.compile(r"den(?:y|ies|ied)|brushed off|dismiss(?:es|ed)|accuse[sd]?")
# "said on Tuesday that…", "said that last Thursday that…": the time belongs to the verb.
TIME_LEAD = re.compile(
    r"(?:that\s+)?(?P<when>(?:(?:on|late|early|earlier|last|this|next)\s+){0,2}"
    rf"(?:{WEEKDAY}|yesterday|today|tonight|week|month|year|"
    r"morning|evening|night|afternoon|weekend)(?:\s+(?:morning|evening|night|afternoon))?)"
    r"(?:,?\s+that\s+|\s*:\s*)",
    re.IGNORECASE,
)
# A capitalised word mid-sentence (not after "that", where a claim may open capitalised).
MID_CAPITAL = re.compile(r"(?<=[\w,;:)%] )[A-Z][\w’'-]*")
# A reporting cue in a sentence no pattern could read: someone is saying it.
UNREAD_CUE = re.compile(
    r"\b(?:said|says|told|according to|quoted|claimed|alleged|alleges|reported|stated|"
    r"announced|insisted|denied|denies|added|wrote|warned|stressed|as saying)\b",
    re.IGNORECASE,
)
# "No group has said it flew the drone", "The council has not said whether…", "declined to
# comment": what nobody said is the article's own report, a fact, not anyone's claim.
NEGATED = r"(?:No|Nobody|No one|None|Neither)\b"
NOT_SAID = re.compile(
    rf"^{NEGATED}[^,]{{0,60}}?\b(?:said|says|claimed|has claimed)\b"
    r"|\b(?:has|have|had|did|does|do|would|will)(?:\s+not|n[’']t)\s+(?:yet\s+|publicly\s+)?"
    r"(?:said|say|comment(?:ed)?|confirm(?:ed)?|disclose[sd]?|claimed)\b"
    r"|\b(?:declined|refused)\s+to\s+(?:comment|say|confirm|disclose)\b",
    re.IGNORECASE,
)
NEGATED_SOURCE = re.compile(NEGATED)
# "he could not confirm…", "she did not know…": the speaker's own word on what they
# don't know is no claim about the world; the fact is that they said so.
NOT_KNOWING = re.compile(
    r"^\S+(?:\s+\S+){0,4}?\s+(?:could not|cannot|can ?not|couldn[’']t|can[’']t|did not|"
    r"didn[’']t|was unable to|were unable to|would not)\s+(?:yet\s+)?(?:confirm|say|verify|"
    r"know|comment|tell|put a (?:timescale|date|figure)|give a (?:timescale|date|figure)|"
    r"speculate|be drawn)\b",
    re.IGNORECASE,
)
# "According to county records, …": records kept as a matter of course, evidence in
# themselves (not documents "seen by" a newspaper, nor an affidavit's allegations).
RECORDS = re.compile(
    r"(?:(?:the|a)\s+)?(?:[\w’'-]+[’']s\s+)?"  # "the council's live traffic map"
    r"(?:(?:County|Public|Official|Court|State|Government|Land|Property|Census|Company|Police|"
    r"Hospital|School|Council|City|Federal|National|Flight|Shipping|Land Registry)\s+)?"
    r"(?:records|data|figures|statistics|(?:live\s+)?(?:traffic\s+)?maps?)",
    re.IGNORECASE,
)
# A speaker's word on its own stance ("it stood by its story", "he would appeal"): saying so
# is the stance; drafted as the fact that it was said.
STANCE = re.compile(
    r"^\S+(?:’s|'s)?\s+(?:(?:still|firmly)\s+)?(?:st(?:ood|ands?) by|welcome[sd]?|regrett?(?:ed|s)|"
    r"apologi[sz]e[sd]|(?:was|is|were|are|remained|remains) (?:committed|determined|confident)|"
    r"(?:would|will) (?:appeal|fight|challenge|not resign|cooperate))\b",
    re.IGNORECASE,
)
# "denied a newspaper report that…", "rejected claims that…": what is denied, and who made it.
DENIED_REPORT = re.compile(
    r"^(?P<what>(?:an?|the|these|those|recent|media)\s+(?P<by>(?:[\w’'-]+\s+){0,4}?)"
    r"(?:reports?|claims?|allegations?|accusations?|suggestions?|rumou?rs?|stor(?:y|ies)))"
    r"\s+that\s+(?P<claim>.{8,})$",
    re.IGNORECASE | re.DOTALL,
)
# "accused Southmark on Sunday of flying a drone…": an accusation that names its target.
ACCUSED_OF = re.compile(r"^(?P<whom>.{2,80}?)\s+of\s+(?P<what>\w+ing\b.{4,})$", re.DOTALL)
# "Southmark has not, as its army said, lost any aircraft": an attribution set inside.
AS_SAID_INSIDE = re.compile(
    r"^(?P<head>[^,]{4,120}?),\s+as\s+(?P<subject>[^,]{2,60}?)\s+(?:(?:has|have|had)\s+)?"
    r"(?P<verb>said|says|claimed|claims|reported|put it|stated|announced),\s+(?P<tail>.{4,})$",
    re.DOTALL,
)
# A sentence that goes on with what someone said would happen: "The first trains would run
# three years later." (no hedge or attribution of its own; its main verb "would").
REPORTED_FUTURE = re.compile(
    r"^(?:The|A|An|Its|Their|This|These|That|Those)\s(?:[\w’'-]+\s){0,6}?"
    r"(?:would|could)\s+(?!have\b)\w+"
)
# A speaker who concedes something against their own interest ("the researchers cautioned
# that the study was small"): the fact is that they said so, not a claim to doubt.
CONCEDING = re.compile(
    r"caution(?:s|ed)|conced(?:e|es|ed)|acknowledg(?:e|es|ed)|admit(?:s|ted)?",
    re.IGNORECASE,
)
# A finite verb, roughly: enough to tell "Four people died." from "Any operation conducted
# by the security forces." (a noun phrase, its verb lost).
FINITE = re.compile(
    r"\b(?:is|are|was|were|am|be|been|has|have|had|do|does|did|will|would|can|could|may|"
    r"might|must|shall|should|said|says|told|took|went|came|fell|hit|began|made|gave|saw|"
    r"knew|thought|found|left|kept|held|brought|led|met|ran|sent|shot|spent|stood|struck|"
    r"won|lost|flew|fought|broke|built|caught|chose|drove|grew|rose|sank|spoke|wrote|cost|"
    r"put|set|cut|let|spread|hurt|shut|quit|beat|bet|burst|cast|fled|fed|paid|sold|"
    r"remains|seems|wants|needs|says|takes|makes|gets|goes|shows)\b"
    r"|(?<=[\w,] )\w{2,}ed\b(?!\s+by\b)"
    r"|(?<=\w )[a-z]\w+s\s+(?:the|a|an|that|to|its|his|her|their|no|not|it|them|him|us|"
    r"more|up|down|out|over|off|[0-9])\b"
    r"|(?<=\ws )(?!and\b|for\b|but\b|from\b|with\b)[a-z]{3,}\s+(?:the|a|an|that|it|them|no|more)\b",
    re.IGNORECASE,
)
# Where a long claim may be cut at a comma: before an addition the clause stands without.
ADDITION = re.compile(
    r"(?:which|who|whom|whose|where|while|as|after|before|including|despite|although|though|"
    r"most of|many of|some of|according|adding|saying|\w+ing)\b",
    re.IGNORECASE,
)
# "These preposterous claims about…", "the claims were": the noun, not the reporting verb.
# What may stand before the noun (a determiner or adjective) or follow it, but not the verb.
NOUN_BEFORE = DETERMINERS | {
    "these",
    "those",
    "such",
    "this",
    "that",
    "any",
    "many",
    "new",
    "latest",
    "recent",
    "earlier",
    "similar",
    "false",
    "baseless",
    "unfounded",
    "wild",
    "fresh",
    "preposterous",
    "outlandish",
    "media",
    "russian",
    "ukrainian",
}
NOUN_AFTER = re.compile(
    r"\s*(?:of|about|by|from|against|have|has|had|are|were|was|is|made|which)"
    r"(?:\W|$)",
    re.IGNORECASE,
)
NOUN_FORMS = {"claim", "claims"}

NOT_A_SENTENCE = 0.5  # a draft that is not a full sentence is offered only below this
STRONG = 0.7  # drafts this sure make the drafter's own quiz (draft-eval counts them accepted)
TEACHING_PAIRS = 2  # claims drafted strongly both as "X said that Y" and as "Y"
AS_SAID_EVERY = 2  # every other claim that stands alone: "As X said, Y"
# How sure each form of an attributed claim is: (the claim itself, the fact that it was
# said, "As X said, Y"); 0 for a form not drafted. See Forms.
STRENGTH = {
    "claim": (0.9, 0.6, 0),
    "said+claim": (0.9, 0.8, 0),
    "as-said": (0, 0.6, 0.85),
    "as-said+claim": (0.9, 0.6, 0.85),
    "saying": (0.5, 0.8, 0),
    "unnamed": (0.6, 0.55, 0),
    "own-word": (0, 0.8, 0),  # "she could not confirm…", "it stood by its story"
    "confirmed": (0.75, 0.6, 0),  # the claim itself is a fact: "confirmed" is evidence
}
SOURCE_TYPES = (
    (
        HEAD_OF_STATE,
        # "President Trump", "Ukrainian leader Zelensky"; not "the president of the Anglers
        # Club" nor "a union leader"
        r"(?-i:\b(?:President|Prime Minister|King|Queen|Chancellor)\b)"
        r"(?!\s+of\s+(?:the\s+)?[\w’' ]{0,40}(?:Club|Association|Society|Union|Council|"
        r"Federation|Board|League|Company|Institute|Foundation|Party|Group))"
        r"|(?-i:\b[A-Z][a-z]+(?:ian|an|ese|ish|i|ch) leader\b)|\bcounterpart\b",
    ),
    (NEWS_AGENCY, r"\b(?:agency|RIA|TASS|Reuters|Associated Press|AFP|Interfax|BBC|media)\b"),
    (
        ANALYST,
        r"\b(?:analysts?|experts?|professor|researchers?|scientists?|institute|think|doctors?|"
        r"consultants?|specialists?|economists?|academics?|engineers?|epidemiologists?)\b",
    ),
    (
        WITNESS,
        r"\b(?:locals?|residents?|witness(?:es)?|neighbours?|one said|passers?-by|parents?|"
        r"famil(?:y|ies)|mothers?|fathers?|pupils?|patients?|passengers?|customers?|shoppers?|"
        r"villagers?|anglers?|fishermen|members of the public|onlookers?|eyewitness(?:es)?)\b",
    ),
    (REPORTER, r"\b(?:the article|reporter|correspondent|journalists?)\b"),
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
    lower_case: bool = False  # the claim opens lower-case in the article ("said that the…")
    inside: str = ""  # the source as it reads inside a sentence, when not _lower_first's
    more: list = field(default_factory=list)  # later sentences of the quotation, standing alone


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
class Forms:
    """Which forms of each attributed claim come strongest, in article order, so that the
    strong drafts state content and "said" never marks the answer: every other claim that
    stands alone is drafted "As X said, Y" (an allegation); of the others, the first
    TEACHING_PAIRS are drafted both as "X said that Y" (a fact) and as "Y", the rest as "Y".
    The first "As X said, Y" keeps "Y" beside it, so that the three pairs of
    docs/content-guide.md are not all split the same way. A claim that can't stand alone
    ("I was angry") gives the fact of the saying; a confirmed one, a fact."""

    turn: int = 0
    pairs: int = 0
    as_said: int = 0

    def choose(self, claim, content, weighed):
        """The next claim's form, a key of STRENGTH. `weighed`: the article weighs the
        claim with evidence of its own, so "As X said" would not be the only word on it."""
        if not claim.named:
            return "unnamed"
        own_word = _speaker_for(claim, claim.claim) and STANCE.match(claim.claim)
        conceded = CONCEDING.fullmatch(claim.verb) and not HEDGES.search(content)
        if NOT_KNOWING.match(content) or own_word or conceded:
            return "own-word"
        if not stands_alone(content):
            return "saying"
        if claim.verb.startswith("confirm") or (
            claim.verb == "according to" and RECORDS.fullmatch(claim.source)
        ):
            return "confirmed"
        if weighed or NOT_ASSERTING.fullmatch(claim.verb):
            return "claim"
        self.turn += 1
        if self.turn % AS_SAID_EVERY == 1:
            self.as_said += 1
            return "as-said+claim" if self.as_said == 1 else "as-said"
        if self.pairs < TEACHING_PAIRS:
            self.pairs += 1
            return "said+claim"
        return "claim"


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
        return "; ".join(parts) or f"none: {CUE_TYPE_NAMES[CUE_OWN_VOICE]}"


ATTRIBUTION_WORDS = re.compile(rf"\b(?:according to|{REPORTING_VERBS})\b", re.IGNORECASE)


def signals(text):
    """The claim signals of a sentence (or quote): who speaks, and the attribution, loaded
    verbs, hedges and evidence markers it holds. White space is read folded, as in the
    drafter's sentences (a run of it costs some patterns time, and means nothing)."""
    text = " ".join(text.split())
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
    """The article's sentences after its headline, each with its place in the article text."""
    return list(each_sentence(article))


def each_sentence(article):
    """The article's sentences after its headline, one paragraph at a time (so that the
    drafter can stop between them). A lone closing quote mark that the segmenter split
    off goes back on its sentence."""
    for number, (start, text) in enumerate(paragraph_spans(article)):
        if number == 0:
            continue  # the headline
        found = []
        for at, sent in _segments(text):
            s_text = sent.rstrip()
            if not s_text.strip(QUOTES + " "):
                if found:
                    found[-1].end = start + at + len(s_text)
                    found[-1].text = article[found[-1].start : found[-1].end]
                continue
            lead = len(s_text) - len(s_text.lstrip())
            if found and TITLE_CUT.search(found[-1].text):  # "police spokesperson Lt. | Dana…"
                found[-1].end = start + at + len(s_text)
                found[-1].text = article[found[-1].start : found[-1].end]
                continue
            if not found:
                dateline = DATELINE.match(s_text.lstrip())
                lead += dateline.end() if dateline else 0
            found.append(
                Sentence(s_text[lead:].strip(), start + at + lead, start + at + len(s_text), number)
            )
        yield from found


# pysbd's time grows with the square of a paragraph's length: a longer one is cut first
# where a sentence clearly ends, and a run this long (in words, or in characters: a few
# enormous "words") with no such end is one "sentence". Its time grows with the sentence
# ends it weighs too (50 microseconds each), so a run with more than SEGMENT_MAX_ENDS a
# word ("a?a?a?…") is one "sentence" as well: the article's words bound them all.
SEGMENT_MAX_WORDS = 300
SEGMENT_MAX_CHARS = 3000  # 300 words of English take about 1,800
SEGMENT_MAX_ENDS = 3  # full stops, question and exclamation marks a word, on average
CLEAR_END = re.compile(r"[.!?][’”\"')\]]*\s+(?=[‘“\"'(\[]?[A-Z0-9])")
TRAILING_SPACE = re.compile(r"\s*")


def _segments(text):
    """(start, text) of each sentence of one paragraph, as pysbd finds them."""
    global _SEGMENTER  # noqa: PLW0603  # pysbd's segmenter is slow to build; build it once
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    found = []
    for begin, piece in _pieces(text):
        if not _fits_segmenter(piece):
            found.append((begin, piece))
        else:
            found += [(begin + at, sent) for at, sent in _sentence_spans(piece)]
    return found


def _fits_segmenter(text):
    """Whether pysbd may read the text: at most SEGMENT_MAX_WORDS words and
    SEGMENT_MAX_CHARS characters, with at most SEGMENT_MAX_ENDS sentence ends a word."""
    if len(text) > SEGMENT_MAX_CHARS:
        return False
    words = len(text.split())
    ends = text.count(".") + text.count("!") + text.count("?")
    return words <= SEGMENT_MAX_WORDS and ends <= SEGMENT_MAX_ENDS * max(words, 1)


def _sentence_spans(piece):
    """(start, text with its trailing white space) of each sentence pysbd finds in a piece,
    as its `char_span` gives them, but each looked for after the one before: pysbd looks
    for each from the start of the piece, which takes seconds over a piece of many like
    sentences ("a?a?a?…")."""
    spans, at = [], 0
    for sent in _SEGMENTER.processor(piece).process():
        start = piece.find(sent, at)
        if not sent or start < 0:
            continue  # as pysbd drops a sentence it cannot find
        at = start + len(sent)
        spans.append((start, piece[start : TRAILING_SPACE.match(piece, at).end()]))
    return spans


def _pieces(text):
    """(start, text) of a paragraph in pieces that pysbd may read (_fits_segmenter), cut
    only where a sentence clearly ends: the whole paragraph when it fits."""
    if _fits_segmenter(text):
        return [(0, text)]
    cuts = [0, *(m.end() for m in CLEAR_END.finditer(text)), len(text)]
    pieces, begin, words = [], 0, 0
    for a, b in itertools.pairwise(cuts):
        n = len(text[a:b].split())
        if a > begin and (words + n > SEGMENT_MAX_WORDS or b - begin > SEGMENT_MAX_CHARS):
            pieces.append((begin, text[begin:a]))
            begin, words = a, 0
        words += n
    pieces.append((begin, text[begin:]))
    return pieces


def paragraph_spans(article):
    """(start, text) of each paragraph of the article, as found in its text."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", article, re.DOTALL):
        spans.append((match.start(), match.group()))
    return spans


# A longer "sentence" is not drafted from: no statement or quote of it would do, and the
# patterns below take time that grows with the square of its length. It is measured in
# characters too, as a few words can be long ("A-A-A-…"), before any pattern but
# open_quote_count (linear) reads it; within both, a sentence drafts in milliseconds.
SENTENCE_MAX_WORDS = 100
SENTENCE_MAX_CHARS = 1000  # 100 words of English take about 600
# The bank's limits on an item's fields: a draft over any of them is not offered.
ITEM_FIELD_MAX = {k: v for k, v in FIELD_MAX.items() if k in Draft.__dataclass_fields__}


@dataclass
class Drafted:
    """What drafting an article gave: its drafts, strongest first; how many weaker ones
    were left out past the limit; whether time ran out before the article's end."""

    drafts: list = field(default_factory=list)
    dropped: int = 0
    stopped_early: bool = False


def draft(article):
    """Draft items from an article (article.txt's form), strongest first, within the
    drafter's limits (see drafted)."""
    return drafted(article).drafts


def drafted(article, seconds=DRAFT_SECONDS, limit=DRAFTS_MAX, clock=time.monotonic):
    """Draft items from an article (article.txt's form), strongest first: the `limit`
    strongest (None: all), from the sentences read before `seconds` ran out (None: no
    deadline). The deadline is checked between sentences, and no sentence or paragraph
    takes long (SENTENCE_MAX_WORDS and _CHARS, SEGMENT_MAX_WORDS and _CHARS): the web
    server does not stop a request that runs on, so the drafter stops itself."""
    deadline = None if seconds is None else clock() + seconds
    result = Drafted()
    drafts, speaker, spoke_in, open_quotes, paragraph = [], None, None, 0, None
    forms = Forms()
    names = _names(article)
    last = None  # the sentence before this one
    person = None  # the person named last, for "he" and "she"
    for sentence in each_sentence(article):
        if deadline is not None and clock() >= deadline:
            result.stopped_early = True
            break
        if sentence.paragraph != paragraph:  # a quotation that runs on reopens its marks
            open_quotes, paragraph = 0, sentence.paragraph
        continues = open_quotes > 0 or sentence.text[0] in OPEN_QUOTES
        open_quotes = max(0, open_quotes + open_quote_count(sentence.text))
        words = len(sentence.text.split())
        if (
            not 4 <= words <= SENTENCE_MAX_WORDS
            or len(sentence.text) > SENTENCE_MAX_CHARS
            or sentence.text.rstrip(QUOTES).endswith("?")
        ):
            continue
        claim = attribution(sentence.text, speaker, person)
        if claim is not None and NEGATED_SOURCE.match(claim.source):
            claim = None  # "No group has said it…": the article's own report
        if claim is not None:
            claim.inside = _source_inside(claim.source, names)
            unbacked = UNBACKED.search(claim.claim)
            if unbacked and len(claim.claim[: unbacked.start()].split()) >= 3:
                drafts.append(_unbacked(sentence, claim, unbacked.group("what")))
                claim.claim = _tidy_claim(claim.claim[: unbacked.start()])
            denial = _denial(sentence, claim, forms)
            for part in [] if denial is not None else _conjoined(claim):
                part.lower_case = part.lower_case or not _a_name(part.claim, names)
                drafts.extend(_attributed(sentence, part, forms))
            drafts.extend(denial or [])
            if claim.named:
                speaker, spoke_in = claim, sentence
        elif (
            continues
            and speaker
            and sentence.paragraph - spoke_in.paragraph <= 2
            and not UNREAD_CUE.search(sentence.text)  # its own speaker, unread: not the last one's
        ):
            drafts.extend(_continued(article, spoke_in, sentence, speaker, forms, names))
        elif speaker and spoke_in is last and REPORTED_FUTURE.match(sentence.text):
            # "According to the report, construction could start in 2027. The first trains
            # would run three years later.": still the report's words
            drafts.extend(_continued(article, spoke_in, sentence, speaker, forms, names))
        else:
            clause = CLAUSE.search(sentence.text)
            if clause and _source(clause.group("subject")):
                claim = _clause_claim(sentence.text, clause)
                drafts.extend(_attributed(sentence, claim, forms))
            clause_at = clause.start() if clause else None
            own = _own_voice(sentence, clause_at)
            # someone is saying it, in words no pattern read: not the article's own voice
            unread = UNREAD_CUE.search(REPORTERS_ASIDE.split(sentence.text[:clause_at])[0])
            if own.label != FACT or not unread or NOT_SAID.search(sentence.text):
                drafts.append(own)
        drafts.extend(_background(sentence))
        last = sentence
        person = _person_named(sentence.text, claim) or person
    types, surnames = {}, {}
    for d in drafts:
        if d.source_type == PARTY_OFFICIAL:
            if d.source not in types:
                types[d.source] = source_type_in(article, d.source, surnames)
            d.source_type = types[d.source]
    drafts = [d for d in drafts if _offered(d)]
    for d in drafts:
        if d.confidence >= NOT_A_SENTENCE and not full_sentence(_what_it_states(d)):
            d.confidence = NOT_A_SENTENCE - 0.05
    drafts.sort(key=lambda d: (-d.confidence, d.start))
    if limit is not None and len(drafts) > limit:
        result.dropped = len(drafts) - limit
        drafts = drafts[:limit]
    result.drafts = drafts
    return result


def _names(article):
    """The words the article capitalises mid-sentence, after its headline: names, to keep
    capitalised when a claim opens with one ("said that Such…" is lower-cased, "said that
    Kyiv…" not). A capital after "that" is no sign: the claim may open with it. Also, as
    `lower`, the words it writes lower-case."""
    found = set()
    lower = set(re.findall(r"\b[a-z][\w’'-]*", article))
    for _, text in paragraph_spans(article)[1:]:
        for match in MID_CAPITAL.finditer(text):
            if text[max(0, match.start() - 5) : match.start()].casefold() != "that ":
                found.add(match.group())
    return found, lower


def _a_name(claim, names):
    """Whether a claim opens with a name (or "I", or letters all capitals, "NATO"): a
    word the article capitalises mid-sentence, or one it never writes lower-case (and not
    a common opening, "Such") or that goes on in capitals ("Greenvale Buses")."""
    names, lower = names
    first, _, rest = claim.partition(" ")
    first = first.rstrip(",.;:")
    bare = re.sub(r"[’']s$", "", first)
    common = first.casefold() in lower or first.casefold() in COMMON_STARTS | NOUN_BEFORE
    common = common or (rest.startswith("of ") and rest[3:4].islower())  # "Sales of drinks"
    return (
        not common
        or rest[:1].isupper()
        or first in names
        or bare in names
        or bare == "I"
        or first.startswith(("I’", "I'"))
        or (len(bare) > 1 and bare.isupper())
    )


def full_sentence(text):
    """Whether a statement reads as a sentence, with a subject and a finite verb, roughly:
    not a noun phrase whose verb was lost ("Any operation conducted by the forces.")."""
    return bool(FINITE.search(text))


def _what_it_states(d):
    """What a draft states, past "X said that" or "As X said,", to read as a sentence."""
    if d.label == FACT and d.cue_type == CUE_ATTRIBUTION and " that " in d.statement:
        return d.statement.split(" that ", 1)[1]
    if d.statement.startswith("As ") and ", " in d.statement:
        return d.statement.split(", ", 1)[1]
    if d.label == ALLEGATION and " right that " in d.statement:  # "X was right that Y"
        return d.statement.split(" right that ", 1)[1]
    return d.statement


def _offered(d):
    """Whether a draft is worth offering: it says something, has a cue, and fits the bank's
    limits on every field."""
    fits = all(len(getattr(d, k)) <= most for k, most in ITEM_FIELD_MAX.items())
    return bool(d.statement.strip(QUOTES + " .,") and d.cue.strip()) and fits


def _clause_claim(text, clause):
    """The claim of a clause such as ", with a peace plan … saying Russia must withdraw"."""
    verb = {"saying": "says", "claiming": "claims", "alleging": "alleges"}.get(
        clause.group("verb"), clause.group("verb")
    )
    source = _source(clause.group("subject"))
    cue = clause.group("verb")
    raw = clause.group("claim")
    return Claim(source, verb, cue, _tidy_claim(raw), True, lower_case=_opens_lower(raw))


def source_type_in(article, source, surnames=None):
    """The source type the article's own words give a speaker: "Trump" is a head of state
    when the article calls him "US President Donald Trump" somewhere. `surnames` keeps
    what each surname was found to be, to look for each once in an article."""
    kind = guess_source_type(source)
    surname = source.split()[-1].strip(",.")
    if kind != PARTY_OFFICIAL or not surname[:1].isupper():
        return kind
    surnames = {} if surnames is None else surnames
    if surname not in surnames:
        surnames[surname] = _described_as(article, surname)
    return surnames[surname] or kind


def _described_as(article, surname):
    """The source type the article's words give a surname somewhere, or None: the title
    just before it in the same clause ("Ukrainian leader Volodymyr Zelensky"), or the
    description set off just after it ("Dr Sunil Batra, a respiratory consultant")."""
    for match in re.finditer(rf"\b{re.escape(surname)}\b", article):
        clause = re.split(r"[.,;:!?\n]", article[max(0, match.start() - 80) : match.start()])[-1]
        described = re.match(r",\s+(?:a|an|the)\s+([^,.;]{2,60})", article[match.end() :])
        for words in (" ".join(clause.split()[-4:]), described.group(1) if described else ""):
            found = guess_source_type(words) if words else PARTY_OFFICIAL
            if found not in (PARTY_OFFICIAL, REPORTER):
                return found
    return None


# The order attribution tries them in: the forms that say who speaks inside a longer
# sentence ("as its army said", "quoted X as saying") before the plain ones.
ATTRIBUTION_PATTERNS = (
    AS_SAID_INSIDE,
    QUOTED,
    TOLD_BY,
    ACCORDING,
    INVERTED,
    MID_SAID,
    LEADING,
    FOUND,
    TRAILING,
    VERB_FIRST,
    READ,
)


def attribution(text, last_speaker=None, last_person=None):
    """The claim a sentence attributes to a source, or None when it speaks in its own voice.
    A pronoun source ("He said") is read as the last named speaker, or for "he" and "she"
    as `last_person` (the person the article named last) when given."""
    for pattern, match in _matches(ATTRIBUTION_PATTERNS, text):
        # read from the text itself: a retried LEADING match masks the verbs it passed
        groups = {
            k: text[match.start(k) : match.end(k)] if match.start(k) >= 0 else None
            for k in match.groupdict()
        }
        if pattern is MID_SAID:  # the claim's two parts, the speaker between them
            claim = groups["claim"].rstrip(",’”\"' ")
            groups = {**groups, "claim": f"{claim}, {groups['rest']}"}
        if pattern is AS_SAID_INSIDE:  # "Southmark has not, as its army said, lost…"
            head = groups["head"]
            whose = re.match(rf"{NAME_WORD}(?:\s+{NAME_WORD})*", head)
            subject = groups["subject"]
            if whose and re.match(r"(?:its|their)\s", subject, re.IGNORECASE):
                subject = f"{whose.group()}’s {subject.split(' ', 1)[1]}"
            groups = {**groups, "subject": subject, "claim": f"{head} {groups['tail']}"}
        if pattern is ACCORDING:  # "Y said, according to X": Y speaks, X only reports it
            inner = groups.get("claim") or groups.get("claim2") or ""
            said = attribution(" ".join(inner.split()), last_speaker, last_person)
            if said is not None and said.named and said.verb != "according to":
                return said
        subject = groups.get("subject") or groups.get("subject2") or ""
        raw = groups.get("claim") or groups.get("claim2") or ""
        # "According to her, …": the pronoun as a subject, to be read as the speaker
        subject = {"her": "she", "him": "he", "them": "they"}.get(subject.casefold(), subject)
        source = _source(subject)
        if not source:
            continue
        verb = groups.get("verb") or "according to"
        if _a_noun(text, match, subject, verb):
            continue
        if pattern is LEADING and verb.casefold() in ("told", "tells", "tell"):
            after = text[match.end("where") if groups.get("where") else match.end("verb") :]
            if not re.match(r",?\s+(?:that\b|:)|\s*:", after):  # "told staff to delay…"
                continue
        where = (groups.get("where") or "").rstrip()
        when = TIME_LEAD.match(raw)
        if when:  # "wrote on X on Sunday: …"
            where, raw = f"{where} {when.group('when')}", raw[when.end() :]
        lead = LEAD_BEFORE_THAT.match(raw)
        if lead and not FINITE.search(lead.group("lead")):  # "on Monday, at his press…, that"
            where, raw = f"{where} {lead.group('lead')}", raw[lead.end() :]
        said_at = WHERE_LEAD.match(raw)
        if said_at:  # "said at a news conference Saturday morning"
            where, raw = f"{where} {said_at.group('where')}", raw[said_at.end() :]
        claim, more = _tidy_claim(raw), []
        if len(claim.split()) < 4:
            continue
        # A quotation of several sentences: the first, and each later one that stands alone
        said = QUOTED_SENTENCE_END.split(strip_quote_marks(" ".join(raw.split())))
        if len(said) > 1:
            more = [_tidy_claim(x) for x in said[1:] if len(x.split()) >= 4 and stands_alone(x)]
            claim = _tidy_claim(said[0]) if more and len(said[0].split()) >= 4 else claim
            more = more if claim != _tidy_claim(raw) else []
        cue = _cue_words(text, subject, source, verb, groups.get("where"))
        if pattern is QUOTED:
            verb, cue = "said", groups["cue"]
        elif pattern is TOLD_BY:
            where = f" {_lower_first(groups['whom'])}"
            cue = text[match.start("verb") : match.end("subject")]
        elif pattern is READ:
            verb, cue = "said", text[match.start("subject") : match.end("verb")]
        named = source.casefold() not in PRONOUNS
        if source.split()[0].casefold() in ("its", "their", "his", "her"):
            named = False  # "Its authors said…": whose, the sentence alone doesn't say
        elif source.casefold() == "one":
            source = "One person quoted"
        elif not named and source.casefold() in ("he", "she"):
            if last_person:
                source, named = last_person, True
            elif last_speaker is not None and _is_person(last_speaker.source):
                source, named = last_speaker.source, True
        elif not named and last_speaker is not None:
            source, named = last_speaker.source, True
        return Claim(source, verb, cue, claim, named, where, _opens_lower(raw), more=more)
    return None


def _denial(sentence, claim, forms):
    """The drafts of a denial, accusation, claim or report whose object is a thing named
    rather than a clause, or None for any other claim. "X denied a newspaper report that
    Y": the fact that X denied it, and Y as the report's claim. "X accused Y of doing Z":
    the fact of the accusation (what Y is accused of is no sentence of its own). "X denies
    the charge", "X claimed victory", "X reported a net loss": a matter of record; "X
    alleged irregularities": that, and "There were irregularities" as X's claim."""
    verb = claim.verb.casefold()
    common = {
        "quote": sentence.text,
        "source": claim.source,
        "source_type": guess_source_type(claim.source),
        "start": sentence.start,
        "end": sentence.end,
    }
    text = claim.claim.rstrip(".")
    text = text[:1].lower() + text[1:] if claim.lower_case else _lower_first(text)
    if verb.startswith(("claim", "alleg", "report")) and not full_sentence(text):
        # "claimed victory in the election", "alleged irregularities at two polling stations",
        # "reported a net loss of 2.3 billion crowns"
        drafts = [_plea(sentence, claim, text)]
        if verb.startswith("alleg") and re.match(r"[a-z]", text):
            be = "were" if re.match(r"\w+s\b", text) else "was"
            alleged = Claim(claim.source, claim.verb, claim.cue, f"There {be} {text}.", True)
            alleged.inside = claim.inside
            drafts += _attributed(sentence, alleged, forms)
        return drafts
    if verb.startswith(("den", "reject", "dismiss")):
        denied = DENIED_REPORT.match(text)
        if not full_sentence(text) and not denied and verb.startswith("den"):
            return [_plea(sentence, claim, text)]  # "Mr Harrow denies the charge of arson."
        if not denied or not full_sentence(denied.group("claim")):
            return None
        said = f"{claim.source} {claim.verb}{claim.where} {text}."
        what = re.sub(r"^(?:these|those)\s", "the ", denied.group("what"), flags=re.IGNORECASE)
        reported = Claim(
            _capital(what),
            "said",
            denied.group("what"),
            _tidy_claim(denied.group("claim")),
            True,
            lower_case=True,
        )
        return [_saying(claim, said, 0.8, common), *_attributed(sentence, reported, forms)]
    if verb.startswith("accuse"):
        accused = ACCUSED_OF.match(text)
        if not accused:
            return None
        what = re.split(
            r",\s+(?:a|an|the)\s+(?:charge|claim|accusation|allegation)\b", accused.group("what")
        )[0]
        said = f"{claim.source} {claim.verb} {accused.group('whom')} of {what.rstrip('.')}."
        return [_saying(claim, said, 0.8, common)]
    return None


def _unbacked(sentence, claim, what):
    """What the article says a claim came without ("but did not give any details"): a fact
    in its own voice about the source."""
    return Draft(
        statement=f"{claim.source} {what.rstrip('.')}.",
        label=FACT,
        quote=sentence.text,
        explanation=(
            f"The article reports in its own voice that {_source_text(claim)} {what.rstrip('.')}: "
            "what a claim comes without is evidence about it too."
        ),
        cue=" ".join(what.split()[:2]),
        cue_type=CUE_EVIDENCE,
        source="The article, in its own voice",
        source_type=REPORTER,
        confidence=0.75,
        start=sentence.start,
        end=sentence.end,
    )


def _plea(sentence, claim, what):
    """A denial, claim or allegation of something named by a noun ("Mr Harrow denies the
    charge of arson", "Rosa Linden claimed victory"): a matter of record the article reports
    in its own voice."""
    return Draft(
        statement=f"{claim.source} {claim.verb} {what}.",
        label=FACT,
        quote=sentence.text,
        explanation=(
            f"The article reports in its own voice that {_source_text(claim)} "
            f"{claim.verb} {what}. That is on the record; whether they are right is another "
            "question."
        ),
        cue=claim.cue,
        cue_type=CUE_OWN_VOICE,
        source="The article, in its own voice",
        source_type=REPORTER,
        confidence=0.75,
        start=sentence.start,
        end=sentence.end,
    )


def _person_named(text, claim):
    """The person a sentence names as its speaker or its subject ("Dr Marta Eklund, a heart
    specialist, was not involved"), or None."""
    if claim is not None and claim.named:
        return claim.source if _is_person(claim.source) else None
    role = ROLE_NAME.search(" ".join(text.split()[:12])) or APPOSITIVE_NAME.match(text)
    if role:
        return role.group("name")
    subject = ROLE_SUBJECT.match(text)  # "A military official spoke…"
    if subject:
        return subject.group()
    named = PERSON_START.match(text)
    return (
        named.group()
        if named and named.group().split()[0].casefold() not in COMMON_STARTS
        else None
    )


def _conjoined(claim):
    """A claim of two clauses ("the dam had not been damaged and that the turbines were
    restarted") as two claims of the same speaker, each a sentence of its own."""
    # "…and that the turbines were restarted", "…, and said a survey had found the roof sound"
    parts = re.split(
        r",?\s+and\s+(?:(?:said|added|claimed|argued|insisted|warned)\s+(?:that\s+)?|that\s+)",
        claim.claim.rstrip("."),
    )
    if len(parts) == 1 or any(len(p.split()) < 4 for p in parts):
        parts = [claim.claim]
    first = [
        dataclasses.replace(
            claim, claim=_tidy_claim(part), lower_case=claim.lower_case if n == 0 else True, more=[]
        )
        for n, part in enumerate(parts)
    ]
    later = [
        dataclasses.replace(claim, claim=more, lower_case=False, more=[]) for more in claim.more
    ]
    return first + later


def _matches(patterns, text):
    """Each pattern's match of a sentence, in turn; LEADING's again past each reporting verb
    it found ("X, which maintains the bridge, …said"), up to five verbs, the verb masked so
    that the subject runs on to the next (positions stay those of the text)."""
    for pattern in patterns:
        masked = text
        for _ in range(5 if pattern is LEADING else 1):
            match = pattern.match(masked)
            if not match:
                break
            yield pattern, match
            if pattern is LEADING:
                start, end = match.span("verb")
                masked = masked[:start] + "#" * (end - start) + masked[end:]


def _a_noun(text, match, subject, verb):
    """Whether the "verb" a pattern found is the noun ("These preposterous claims about…"):
    after a determiner or adjective, or before "of", "about", "were" and the like."""
    if verb.casefold() not in NOUN_FORMS:
        return False
    last = subject.split()[-1].casefold() if subject.split() else ""
    if last in NOUN_BEFORE:
        return True
    return bool(match.re is not TRAILING and NOUN_AFTER.match(text, match.end("verb")))


def _opens_lower(text):
    """Whether a text's first letter, past any quote mark, is lower-case."""
    return strip_quote_marks(text.strip())[:1].islower()


def _source(subject):
    """The speaker in a subject: the noun phrase after any lead-in clause, or None when it
    is too long, negated ("did not say") or too vague to be a speaker."""
    subject = " ".join(subject.split()).strip(" ,")
    if re.search(r"\b(?:which|who|that)$", subject):  # "X, which maintains the bridge…"
        return None
    # "…, in an emailed statement", "… on Monday": how and when, not who
    subject = re.sub(
        r",?\s+(?:in|on|via|by)\s+(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:statement|interview|post|letter|email|e-mail|release|briefing|video|call|message)\b.*$",
        "",
        subject,
    )
    subject = re.sub(
        rf",?\s+(?:on|late on|early on|last|this)\s+(?:{WEEKDAY}|"
        r"week|month|year|morning|evening|night)$",
        "",
        subject,
    )
    subject = re.sub(r"\s+(?:published|released|issued)$", "", subject)  # "a study published"
    # "Mrs Ogunleye, 67, from Dunmere,", "Frank Ostrowski, president of the Anglers Club,",
    # "Gareth Pennock, a spokesperson for the council": the name before its description
    subject = re.sub(
        rf"^((?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Cllr|Rev|the Rev|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt)"
        rf"\.?\s+)?(?:[A-Z][\w’'.-]*\s+){{0,2}}{NAME_WORD}"
        rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}})?)(?:,\s+(?:\d{{1,3}}|(?:from|of|in)\s[^,]+|(?:the|a|an)\s[^,]+|[a-z][^,]+))+,?$",
        r"\1",
        subject,
    )
    # "X, who asked not to be named,", "Norvane, which employs about 1,400 people,"
    subject = re.sub(r",\s+(?:who|which)\b(?:[^,]|,(?=\d))*,?", "", subject)
    subject = re.sub(r",\s+(?:citing|quoting|speaking|writing)\b[^,]*,?", "", subject)
    # "Environmental groups welcomed the plan but": the speaker before a verb of its own
    subject = re.sub(r"^(\S+(?:\s+\S+){0,5}?)\s+[a-z]+ed\b.*\s(?:but|and)$", r"\1", subject)
    subject = LEAD_INS.sub("", subject, count=1).strip(" ,")
    subject = re.sub(r",?\s*meanwhile,?$", "", subject).strip(" ,")
    words = subject.split()
    if not words or len(words) > 10 or subject[0] in QUOTES:
        return None
    if subject.casefold() in PRONOUNS:
        return subject
    if words[-1].casefold() in NOT_A_SPEAKER | AUXILIARIES:  # "It was", "Police were"
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
    capitalised, ending with a full stop, cut at a comma if it runs past the guide's length,
    and at its first sentence when a second follows."""
    claim = strip_quote_marks(" ".join(claim.split())).strip(" ,")
    claim = re.sub(r"^(?:So|And|But|Yet|Still|However|Also),?\s+(?=\w)", "", claim)  # "So the…"
    # A quotation that runs to a second sentence: the first, when it says something alone.
    first = re.split(r"(?<=[a-z][a-z][.!?])\s+(?=[A-Z])", claim, maxsplit=1)[0]
    if first != claim and len(first.split()) >= 4 and stands_alone(first):
        claim = first
    claim = re.sub(r",\s+(?:the|a|an)\s+[\w\s’'-]{0,60}?(?:reported|said|says)\W*$", "", claim)
    # The reporter's counterpoint ("..., but it has not published the bill") is not the claim.
    claim = re.split(r"[,;]\s+(?:but|though|although|yet)\b|\s+though\b", claim)[0]
    claim = REPORTERS_ASIDE.split(claim)[0]  # ", a claim the opposition called…"
    # "Trade rose last year and we expect it to rise again": the claim, not the hope after it
    head = re.split(r",?\s+and\s+(?=(?:we|I)\s)", claim, maxsplit=1)[0]
    claim = head if head != claim and len(head.split()) >= 5 and stands_alone(head) else claim
    claim = claim.rstrip(".!;: ,")
    if len(claim.split()) > STATEMENT_MAX_WORDS:
        # "The official result, declared by the commission at 5.30am, gave…": the aside goes
        claim = ASIDE.sub(r"\g<subject> ", claim, count=1)
    if len(claim.split()) > STATEMENT_MAX_WORDS - 6 and "," in claim:
        head, tail = re.split(r",\s+", claim, maxsplit=1) if ", " in claim else (claim, "")
        # ", most of them children, were injured": an aside, and the clause goes on after it
        resumes = "," in tail and FINITE.match(tail.rsplit(",", 1)[1].lstrip())
        if len(head.split()) >= 5 and ADDITION.match(tail.lstrip()) and not resumes:
            claim = head if full_sentence(head) else claim
    return _capital(claim) + "." if claim else ""


def strip_quote_marks(text):
    """Text without its quotation marks; an apostrophe inside a word (Moscow’s) stays."""
    opened = re.search(r"(?:^|[\s(\[])[‘']\S", text)  # a single quotation opens somewhere
    text = re.sub(r"(?:(?<=^)|(?<=[\s(\[]))[‘“\"']+(?=\S)", "", text)
    # "the teachers' union": a plural's apostrophe stays, unless a single quotation is open
    kept = r"(?!(?<=s)[’']\s+[a-z])" if not opened else ""
    return re.sub(rf"(?<=\S){kept}[’”\"']+(?=[\s.,;:!?)\]]|$)", "", text)


def open_quote_count(text):
    """How many quotations the text opens and leaves open (apostrophes not counted)."""
    opened = len(re.findall(r"(?:^|(?<=[\s(\[]))[‘“]", text))
    closed = len(re.findall(r"[’”](?=[\s.,;:!?)\]]|$)", text))
    return opened - closed


def _attributed(sentence, claim, forms):
    """The drafts of an attributed claim: the claim itself, the fact that the source said
    it, or the claim asserted with its speech verb ("As X said, Y"), as `forms` chooses."""
    if not claim.claim or len(claim.claim.split()) < 4:
        return []
    said, content, asserted = _said_and_content(claim)
    evidence = EVIDENCE.search(sentence.text)
    # Evidence in the article's words counts against "As X said"; in the claim's, the claim
    # is itself about evidence ("lacks any clear-cut evidence").
    weighed = bool(evidence) and (not evidence.group("lacking") or evidence.group() in content)
    form = forms.choose(claim, content, weighed)
    of_claim, of_saying, of_as_said = STRENGTH[form]
    common = {
        "quote": sentence.text,
        "source": claim.source,
        "source_type": guess_source_type(claim.source),
        "start": sentence.start,
        "end": sentence.end,
    }
    saying = _saying(claim, said, of_saying, common)
    pointing = claim.claim.split(" ", 1)[0].strip(QUOTES)
    if (
        _starts_with_pronoun(claim.claim)
        and not FIRST_PERSON.match(pointing)
        and not _speaker_for(claim, _capital(claim.claim))
    ):
        # "The researchers cautioned that it did not show…": what "it" is, the reader can't
        # tell from the statement alone
        # "it", "they" ("it’s") name nothing; "these reports", "this plan" name what they point at
        personal = re.sub(r"[’']s$", "", pointing.casefold()) in PRONOUNS
        saying.confidence = round(saying.confidence - (0.15 if personal else 0.1), 2)
        saying.explanation += (
            f" “{pointing.casefold()}” points back to something earlier in the article: check "
            "that the statement reads clearly on its own."
        )
    drafts = [saying]
    if form == "confirmed":
        drafts.append(_confirmed(claim, content, of_claim, common))
    elif of_claim:
        supported = evidence and not evidence.group("lacking")
        strength = of_claim - (0.25 if supported else 0) - _long(content)
        drafts.append(_claim(claim, content, evidence, strength, common))
    if of_as_said:
        drafts.append(_as_said(claim, asserted, evidence, of_as_said, common))
    return drafts


def _said_and_content(claim):
    """The statement that the source said it; the claim as a statement of its own (a "he"
    that is the speaker named, background given in passing left to its own draft); and the
    claim as "As X said, …" asserts it (where "he" stays)."""
    dismissal = claim.verb in ("brushed off", "dismissed") and DISMISSAL.match(claim.claim)
    if dismissal:
        what = dismissal.group("what").rstrip(" ,.")
        said = f"{claim.source} {claim.verb} {_lower_first(what)} as {dismissal.group('claim')}"
        content = f"{_capital(what)} was {dismissal.group('claim')}"
        return said, content, content
    verb = "said" if claim.verb == "according to" else claim.verb
    said = f"{claim.source} {verb}{claim.where} that {_inside(claim, claim.claim)}"
    if FIRST_PERSON.search(claim.claim):  # "said that we have…" would be someone else's "we"
        said = f"{claim.source} {verb}{claim.where}: “{_capital(claim.claim)}”"
    content = _capital(BACKGROUND_GLOSS.sub("", claim.claim.rstrip(".")) + ".")
    speaker = _speaker_for(claim, content)
    if speaker:
        return said, f"{speaker} {content.split(' ', 1)[1]}", content
    return said, content, content


def _is_person(source):
    """Whether a source is one person, roughly: a role ("A spokesman", "Analyst Georgi
    Bovt"), a title ("Ms Linden") or a name of two or three words ("Amal Rudd") that isn't a
    body's ("Casco Harbor Lines", "Reports in Spain", "Civic Ballot Watch")."""
    titled = r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Cllr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Rev)\.?\s"
    if PERSON_NOUN.search(source) or re.match(titled, source):
        return not _plural(source)
    named = re.match(
        rf"(?:(?:[A-Z]\.\s?){{1,3}})?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}(?=$|\s+(?:of|from|at)\s)",
        source,
    )
    return bool(named) and not BODY.search(named.group())


def _speaker_for(claim, content):
    """Who a claim's opening pronoun is, when it can only be its named speaker: "he" or
    "she" a person's name (or "the spokesman" for "a spokesman"), "it" a body, "they" many
    ("Hauliers' groups said they had…"). None when the pronoun isn't the speaker's kind."""
    pronoun = content.split(" ", 1)[0]
    if not claim.named or pronoun not in ("He", "She", "It", "They"):
        return None
    source = re.sub(r"^(?:A|An)\s", "The ", claim.source)
    person = _is_person(source)
    # "Gov. Martin Silas of Northern Province": the name is before "of" (but "Chief of the
    # General Staff Valery Gerasimov": after it)
    before_of = re.sub(r"\s+(?:of|from|at)\s.*$", "", claim.source)
    named_before = re.search(rf"{NAME_WORD}\s+{NAME_WORD}$", before_of)
    name = (named_before or PERSON.search(claim.source)) if person else None
    if pronoun in ("He", "She"):
        return name.group() if name else (_capital(source) if person else None)
    if pronoun == "They":
        return source if _plural(source) or source.split()[-1].endswith("s") else None
    return source if not person and not _plural(source) else None


def _saying(claim, said, strength, common):
    """The fact that the source said the claim: on the record, whatever the truth of it."""
    return Draft(
        statement=_capital(said),
        label=FACT,
        explanation=(
            f"The article reports that {_source_text(claim)} said this (“{claim.cue}”). "
            "That the words were said is on the record, whatever the truth of what was said."
        ),
        cue=claim.cue,
        cue_type=CUE_ATTRIBUTION,
        confidence=round(strength - _long(said), 2),
        **common,
    )


def _claim(claim, content, evidence, strength, common):
    """The claim itself, as a statement: an allegation of its source's."""
    cue, cue_type = _claim_cue(claim, common["quote"], content)
    return Draft(
        statement=content,
        label=ALLEGATION,
        explanation=(
            f"The claim comes from {_source_text(claim)}, reported with “{cue}”. "
            f"{_backing(evidence, content)} Ask who says so and what backs it up."
        ),
        cue=cue,
        cue_type=cue_type,
        confidence=round(strength, 2),
        **common,
    )


def _confirmed(claim, content, strength, common):
    """A claim the article reports as confirmed: a fact, with the word that makes it one."""
    cue = re.search(r"confirm\w*", common["quote"], re.IGNORECASE)
    if cue:
        explained = (
            f"The article reports that {_source_text(claim)} confirmed this "
            f"(“{cue.group()}”): reporters use the word for what has been checked, not merely "
            "claimed. Ask who confirmed it and how they would know."
        )
    else:  # "According to county records, …"
        cue = re.search(r"according to [^,.]+", common["quote"], re.IGNORECASE)
        explained = (
            f"The article gives this from {_source_text(claim)} (“{cue.group()}”): records "
            "are evidence, not someone's claim. Ask who keeps them and whether they could be "
            "wrong."
        )
    return Draft(
        statement=content,
        label=FACT,
        explanation=explained,
        cue=cue.group(),
        cue_type=CUE_EVIDENCE,
        confidence=round(strength - _long(content), 2),
        **common,
    )


def _as_said(claim, content, evidence, strength, common):
    """The claim asserted with its speech verb: "As X said, Y" ("X was right that Y" after a
    loaded verb), an allegation however much it sounds like a report of words."""
    source, claimed = _source_text(claim), _inside(claim, content.rstrip("."))
    if LOADED_VERBS.fullmatch(claim.verb):
        past = claim.verb.endswith("ed")
        be = ("were" if past else "are") if _plural(source) else ("was" if past else "is")
        statement = f"{_capital(source)} {be} right that {claimed}."
        opening = f"Saying that {source} {be} right asserts the claim itself"
        cue, cue_type = _claim_cue(claim, common["quote"], content)
        habit = "Read what a statement commits to, not whose name it carries."
    else:
        verb = "said" if claim.verb == "according to" else claim.verb
        statement = f"As {source} {verb}{claim.where}, {claimed}."
        opening = "The statement does more than report words: it asserts the claim itself"
        cue, cue_type = claim.cue, CUE_ATTRIBUTION
        habit = "Read what a statement commits to, not just its speech verb."
    return Draft(
        statement=statement,
        label=ALLEGATION,
        explanation=(
            f"{opening}, that {claimed}, and only {source} says so (“{cue}”). "
            f"{_backing(evidence, content)} {habit}"
        ),
        cue=cue,
        cue_type=cue_type,
        confidence=round(strength - _long(statement), 2),
        **common,
    )


def _claim_cue(claim, quote, content):
    """The words of the quote that mark a claim: its loaded verb, else a hedge in it, else
    the attribution."""
    hedge = HEDGES.search(content)
    if LOADED_VERBS.fullmatch(claim.verb) and claim.verb in quote:
        return claim.verb, CUE_LOADED_VERB
    if hedge and hedge.group() in quote:
        return hedge.group(), CUE_HEDGE
    return claim.cue, CUE_ATTRIBUTION


def _backing(evidence, content=""):
    """What the article shows for or against a claim, in a sentence."""
    if evidence and evidence.group() in content:
        return f"The claim is itself a reading of the evidence (“{evidence.group()}”)."
    if evidence and evidence.group("lacking"):
        return f"The article even notes what is missing (“{evidence.group()}”)."
    if evidence:
        return f"The article does mention evidence (“{evidence.group()}”): read it closely."
    return "The article shows no evidence of its own that it is true."


def _long(statement):
    """How much a statement's length takes off its draft's confidence."""
    return 0.15 if len(statement.split()) > STATEMENT_MAX_WORDS else 0


def _continued(article, spoke_in, sentence, speaker, forms, names):
    """A quotation that carries on from the last speaker's words, quoted from the sentence
    that names the speaker through this one: drafted as the speaker's claim when it stands
    alone, else as an allegation in the speaker's own words ("I was very angry"). No
    drafts when the quotation is longer than an item's quote may be (it runs on and on)."""
    if sentence.end - spoke_in.start > ITEM_FIELD_MAX["quote"]:
        return []
    statement = _tidy_claim(sentence.text)
    quoted = Sentence(article[spoke_in.start : sentence.end], spoke_in.start, sentence.end, 0)
    if stands_alone(statement):
        verb = "said" if LOADED_VERBS.fullmatch(speaker.verb) else speaker.verb  # not "denied"
        lower = not _a_name(statement, names)
        claim = Claim(speaker.source, verb, speaker.cue, statement, True, speaker.where, lower)
        claim.inside = speaker.inside
        return _attributed(quoted, claim, forms)
    return [
        Draft(
            statement=statement,
            label=ALLEGATION,
            quote=quoted.text,
            explanation=(
                f"These are still the words of {_source_text(speaker)}, quoted without "
                "evidence of their own. Ask who says so and what backs it up."
            ),
            cue=speaker.cue,
            cue_type=CUE_ATTRIBUTION,
            source=speaker.source,
            source_type=guess_source_type(speaker.source),
            confidence=0.55,
            start=quoted.start,
            end=quoted.end,
        )
    ]


def _own_voice(sentence, clause_at=None):
    """A sentence in the article's own voice: a fact, unless its main clause hedges. A
    hedge in a trailing clause (", despite it allegedly…") or in an attributed clause
    (`clause_at`) is someone else's doubt, not the article's. Drafts that state something
    plainly, standing alone, are strong; a sentence that only points elsewhere ("This would
    have been hours after…") gives the event it dates by."""
    text = sentence.text
    main = re.split(r",\s+(?:despite|although|though|while|but|yet)\b", text[:clause_at])[0]
    main = REPORTERS_ASIDE.split(main)[0]
    main = main if main.strip(QUOTES + " ,.") else text
    hedge, evidence = HEDGES.search(main), EVIDENCE.search(main)
    if hedge and evidence and evidence.start() <= hedge.start() < evidence.end():
        hedge = None  # "could not be independently verified": what was not found, a fact
    event = DATED_BY.search(main) if _starts_with_pronoun(main) and not hedge else None
    statement = _tidy_claim(event.group("event") if event else CONNECTIVE_START.sub("", main))
    understood = IT_IS_HEDGED.match(statement)
    if understood:  # "It is understood that officers have drawn up a timetable": the hedged claim
        statement = _tidy_claim(statement[understood.end() :])
    fits = len(statement.split()) <= STATEMENT_MAX_WORDS
    plain = fits and stands_alone(statement) and not SUBORDINATE_START.match(statement)
    common = {
        "statement": statement,
        "quote": text,
        "source": "The article, in its own voice",
        "source_type": REPORTER,
        "start": sentence.start,
        "end": sentence.end,
    }
    if hedge:
        return Draft(
            label=ALLEGATION,
            explanation=(
                f"The article itself hedges this (“{hedge.group()}”): it is reported as "
                "possible or as someone's view, not shown to be so."
            ),
            cue=hedge.group(),
            cue_type=CUE_HEDGE,
            confidence=0.7 if plain else 0.5,
            **common,
        )
    if evidence:
        return Draft(
            label=FACT,
            explanation=(
                f"The article reports what was or wasn't found (“{evidence.group()}”) in its "
                "own voice. What was recorded is evidence; check who recorded it."
            ),
            cue=evidence.group(),
            cue_type=CUE_EVIDENCE,
            confidence=0.75 if plain else 0.45,
            **common,
        )
    dated = "to date something else by it, " if event else ""
    return Draft(
        label=FACT,
        explanation=(
            f"The article states this in its own voice, {dated}and no one in it disputes it. "
            "Check that nothing nearby casts doubt on it."
        ),
        cue=" ".join((event.group("event") if event else text).split()[:4]),
        cue_type=CUE_OWN_VOICE,
        # "Not everyone is opposed.": too short to say something a reader could check
        confidence=(0.75 if len(statement.split()) >= 6 else 0.55)
        if plain
        else (0.35 if fits else 0.2),
        **common,
    )


def _background(sentence):
    """Background a sentence gives in passing, outside any quotation ("the Donbas, made up
    of the Luhansk and Donetsk regions"; "the state-owned news agency RIA Novosti"): facts
    a reader can look up."""
    text, found = sentence.text, []
    for match in BACKGROUND.finditer(text):
        what, gloss = match.group("what"), " ".join(match.group("gloss").split())
        plural = " and " in what or re.search(r"\b[a-z]+s$", what)
        statement = f"{_capital(what)} {'are' if plural else 'is'} {gloss}."
        found.append((match.start("gloss"), statement, re.search(RELATION, gloss).group()))
    for match in DESCRIBED.finditer(text):
        kind = " ".join(match.group("kind").split())
        a = "an" if kind[0].casefold() in "aeiou" else "a"
        found.append((match.start(), f"{match.group('name')} is {a} {kind}.", kind))
    return [
        Draft(
            statement=statement,
            label=FACT,
            quote=text,
            explanation=(
                "The article gives this in passing, as background a reader can check in any "
                "reference work, and no one in it disputes it. Facts can sound like claims: "
                "ask whether anyone in the article doubts them."
            ),
            cue=cue,
            cue_type=CUE_OWN_VOICE,
            source="The article, in its own voice",
            source_type=REPORTER,
            confidence=0.75,
            start=sentence.start,
            end=sentence.end,
        )
        for at, statement, cue in found
        if open_quote_count(text[:at]) <= 0
    ]


def stands_alone(statement):
    """Whether a statement makes sense without its sentence: not in a speaker's voice ("I",
    "we"), not pointing at someone named before ("his", "This")."""
    if _starts_with_pronoun(statement) or re.search(
        r"\b(?:that|this|these|those|it)\W*$", statement
    ):
        return False  # "He knows that.": what it points at, the statement doesn't say
    voice = SPEAKER_VOICE.search(statement)
    if voice and voice.group().casefold() in ("he", "him", "his", "she", "her"):
        # "Daniel Harrow, 52, allegedly set fire to his warehouse": named before, in itself
        named = re.match(rf"(?:(?:Mr|Mrs|Ms|Dr|Judge|Detective)\.?\s+)?{NAME_WORD}", statement)
        voice = None if named and not FIRST_PERSON.search(statement) else voice
    return not voice


def _plural(source):
    """Whether a source is many people ("Analysts", "Top Kyiv officials")."""
    last = source.split()[-1].casefold().rstrip("’'")
    return bool(SPEAKERS.fullmatch(last)) and (last.endswith("s") or last == "police")


def guess_source_type(source):
    """The source type (docs/content-guide.md) that a speaker's description suggests."""
    for kind, pattern in SOURCE_TYPES:
        if re.search(pattern, source, re.IGNORECASE):
            return kind
    return PARTY_OFFICIAL


def _starts_with_pronoun(text):
    """Whether a claim opens with a word that points elsewhere ("He", "This", "It")."""
    first = text.split()[0].casefold().strip(QUOTES) if text.split() else ""
    return first in POINTING


def _inside(claim, text):
    """A claim's words as they read inside a longer sentence: lower-case first when the
    article has them so, or when they open with a common word."""
    return text[:1].lower() + text[1:] if claim.lower_case else _lower_first(text)


def _source_inside(source, names):
    """A source as it reads inside a sentence, when its first word is capitalised only
    because it opens one ("Environmental groups", "Bus operator Greenline"): not a name
    the article writes capitalised mid-sentence, nor a possessive ("Southmark’s army"), and
    the word after it lower-case. Else "" (and _lower_first decides)."""
    first, _, rest = source.partition(" ")
    if (
        not rest
        or first in names[0]
        or re.search(r"[’']s$", first)
        or first.isupper()
        or rest[:1].isupper()  # "Norvane Chemicals", "Top Kyiv officials"
    ):
        return ""
    return first.lower() + " " + rest


def _source_text(claim):
    """A claim's source as it reads inside a sentence."""
    return claim.inside or _lower_first(claim.source)


def _lower_first(text):
    """The text with its first word lower-case when that word is a common one ("The"),
    never a name."""
    first = text.split(" ", 1)[0]
    common = first.casefold() in COMMON_STARTS | TITLE_WORDS or SPEAKERS.fullmatch(first)
    return text[:1].lower() + text[1:] if common else text


def _capital(text):
    """The text with its first letter upper-case."""
    return text[:1].upper() + text[1:]
