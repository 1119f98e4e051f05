"""The app's words, each defined once: the two kinds of statement and their names, the
confidence levels, cue and source types, and the statuses of quizzes and drafts.

Stored values (what a row or quiz.yaml holds) are the lower-case codes; what a learner or
teacher reads comes from the *_NAMES mappings beside them. Pure data: no Flask, no
database, so every module (and the templates, through app/__init__.py) can use it.
"""

# The two kinds of statement. FACT comes first: where a choice must break a tie (the
# wording check's classifier), it goes to FACT.
FACT, ALLEGATION = "fact", "allegation"
LABELS = (FACT, ALLEGATION)
LABEL_NAMES = {FACT: "Verified fact", ALLEGATION: "Unevidenced allegation"}
KIND_NAMES = {FACT: "Facts", ALLEGATION: "Allegations"}  # a group of items of one kind
KIND_HEADINGS = {FACT: "Fact items", ALLEGATION: "Allegation items"}
EITHER_LABEL = " or ".join(f"“{name}”" for name in LABEL_NAMES.values())  # for a message


# How sure a learner says they are (optional with each answer).
CONFIDENCE_NAMES = {1: "Just guessing", 2: "Somewhat sure", 3: "Quite sure", 4: "Certain"}
CONFIDENCE_LEVELS = tuple(CONFIDENCE_NAMES)

# What in an item's quote signals its kind, and who makes the claim (quiz.yaml's cue_type
# and source_type), with how feedback names a cue type.
CUE_TYPE_NAMES = {
    "attribution": "attribution (who said it)",
    "loaded-verb": "a loaded verb (a word that takes a side, like “claimed”)",
    "hedge": "a hedge (a word that holds back, like “may” or “reportedly”)",
    "evidence": "evidence (what was or wasn't found)",
    "none": "the article's own voice",
}
CUE_TYPES = tuple(CUE_TYPE_NAMES)
CUE_ATTRIBUTION, CUE_LOADED_VERB, CUE_HEDGE, CUE_EVIDENCE, CUE_OWN_VOICE = CUE_TYPES
SOURCE_TYPES = ("party-official", "head-of-state", "analyst", "witness", "news-agency", "reporter")
PARTY_OFFICIAL, HEAD_OF_STATE, ANALYST, WITNESS, NEWS_AGENCY, REPORTER = SOURCE_TYPES

# Quiz.status: a teacher's quiz is a draft until it is first published (a quiz from
# questions/ is published from the start); publishing again later keeps it published.
QUIZ_DRAFT, QUIZ_PUBLISHED = "draft", "published"

# DraftItem.status: a drafted item waits for the teacher's review (pending), who accepts
# or rejects it; publishing takes the accepted ones.
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"

# ClassSession.stage, for a lesson the teacher leads (paced): the lobby until the teacher
# starts, then each statement is asked (QUESTION) and its answers shown (REVEAL) in turn;
# REVIEW once the last is shown, where the teacher may show any statement again.
LOBBY, QUESTION, REVEAL, REVIEW = "lobby", "question", "reveal", "review"
STAGES = (LOBBY, QUESTION, REVEAL, REVIEW)

# A lesson with a check before and after (ClassSession.check_forms): each learner's
# statements come in three parts, the check before the practice, the practice, and the
# check after it; the two checks are the quiz's parallel forms A and B, in the order the
# learner was given at join (Attempt.form_order, "AB" or "BA").
BEFORE, PRACTICE, AFTER = "before", "practice", "after"
PART_NAMES = {
    BEFORE: "Check before the practice",
    PRACTICE: "Practice",
    AFTER: "Check after the practice",
}
FORM_ORDERS = ("AB", "BA")
