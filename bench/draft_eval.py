"""How well the drafter does on the first article, against the hand-made bank.

Reads the raw page text, cleans it as the import page does, drafts items, and compares
with questions/buffer-zone-2026/: the share of the sentences the hand-made quotes come from
that some draft quotes (coverage), the hand-made items whose sentence has a draft of the
same kind (label agreement), the furniture lines the cleaner caught, the drafts that
quote furniture (must be none), and how far the words alone give away the labels of the
drafts it would accept (those of confidence 0.7 or more): docs/content-guide.md's wording
shortcut, at most 65% on every score. The same shortcut is shown for the three invented
articles in tests/articles/. Run with `make draft-eval`.
"""

import argparse
import dataclasses
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import bank, drafting, importing, passages, wording  # noqa: E402

INVENTED = ("library-roof", "science-fair", "bus-timetable")  # in tests/articles/
ARTICLES = ROOT / "tests/articles"


def evaluate(raw_text, hand):
    """The figures for one raw page against its hand-made quiz (a bank.QuizData)."""
    cleaned = importing.sort_furniture(importing.extract(raw_text, "txt").paragraphs)
    article = importing.article_text(hand.headline, cleaned.kept)
    drafts = drafting.draft(article)
    found = drafting.sentences(article)
    hand_paras = {passages.fold(p)[0] for p in passages.paragraphs(hand.article)}
    truth = [
        p for p in importing.from_text(raw_text).paragraphs if passages.fold(p)[0] not in hand_paras
    ]
    caught = {f.text for f in cleaned.furniture}

    def overlapping(start, end):
        return {i for i, s in enumerate(found) if s.start < end and start < s.end}

    targets, agreed = set(), 0
    for item in hand.items:
        start, end = passages.find_span(article, item["quote"])
        mine = overlapping(start, end)
        targets |= mine
        agreed += any(
            d.label == item["label"] and overlapping(d.start, d.end) & mine for d in drafts
        )
    covered = {i for d in drafts for i in overlapping(d.start, d.end)} & targets
    quoting_furniture = [
        d
        for d in drafts
        if any(passages.fold(line)[0] in passages.fold(d.quote)[0] for line in truth)
    ]
    return {
        "sentences": len(found),
        "target_sentences": len(targets),
        "covered": len(covered),
        "hand_items": len(hand.items),
        "label_agreed": agreed,
        "drafts": len(drafts),
        "strong_drafts": sum(d.confidence >= drafting.STRONG for d in drafts),
        "wording": accepted_wording(drafts),
        "furniture_lines": len(truth),
        "furniture_caught": len(caught & set(truth)),
        "kept_wrongly_as_furniture": len(caught - set(truth)),
        "drafts_quoting_furniture": len(quoting_furniture),
    }


def accepted_wording(drafts):
    """The wording report (app/wording.py) on the drafts the drafter would accept."""
    return wording.wording_report(
        {"id": f"d{n}", "statement": d.statement, "label": d.label}
        for n, d in enumerate(d for d in drafts if d.confidence >= drafting.STRONG)
    )


def invented_wording(name):
    """The wording report on the accepted drafts of one invented test article."""
    raw = (ROOT / "tests/articles" / f"{name}.txt").read_text(encoding="utf-8")
    kept = importing.sort_furniture(importing.extract(raw, "txt").paragraphs).kept
    return accepted_wording(drafting.draft(importing.article_text(kept[0], kept)))


def cleaned_article(name):
    """One article of tests/articles/ as the import page leaves it: (the raw page, its
    headline, the sorted lines)."""
    raw = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    return (raw, *importing.clean(importing.extract(raw, "txt")))


def expected_lists():
    """tests/articles/expected.yaml: each test article's headline, furniture and drafts."""
    return yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8"))


def cleaning(name, expected):
    """How the cleaner does on one article of tests/articles/ (`expected`: its entry in
    expected.yaml): the listed furniture lines it kept, the other lines of the page it lost
    (each looked for in the cleaned text, white space and glued sentences aside), the
    headline it found, and the furniture it set aside."""
    raw, headline, cleaned = cleaned_article(name)
    text = passages.fold(" ".join([headline, *cleaned.kept]))[0]
    listed = expected["furniture"]
    dropped = {f.text for f in cleaned.furniture}
    lines = [" ".join(line.split()) for line in raw.split("\n") if line.strip()]
    return {
        "furniture_kept": [line for line in listed if line not in dropped],
        "lines_lost": [
            line
            for line in lines
            if line not in listed
            and passages.fold(importing.split_glued_sentences(line))[0] not in text
        ],
        "headline": headline,
        "furniture": cleaned.furniture,
    }


def print_cleaning():
    """Print the cleaner's figures for every article of expected.yaml; return whether it
    kept no listed furniture, lost no line and found every headline."""
    expected = expected_lists()
    print("Furniture on the test articles (listed lines kept / article lines lost / headline):")
    kept = lost = wrong = listed = 0
    for name, entry in expected.items():
        c = cleaning(name, entry)
        right = c["headline"] == entry["headline"]
        print(
            f"  {name}: {len(c['furniture_kept'])} of {len(entry['furniture'])} kept, "
            f"{len(c['lines_lost'])} lost, headline {'right' if right else 'WRONG'}"
        )
        for line in c["furniture_kept"]:
            print(f"    kept: {line}")
        for line in c["lines_lost"]:
            print(f"    lost: {line}")
        if not right:
            print(f"    headline: {c['headline']}")
        kept, lost = kept + len(c["furniture_kept"]), lost + len(c["lines_lost"])
        wrong, listed = wrong + (not right), listed + len(entry["furniture"])
    print(
        f"  All {len(expected)}: {kept} of {listed} furniture lines kept (target 0), "
        f"{lost} article lines lost (target 0), {wrong} headlines wrong (target 0)"
    )
    return kept == lost == wrong == 0


BANDS = ((0.85, 1.0), (0.7, 0.85), (0.5, 0.7), (0.0, 0.5))  # confidence bands, highest first


def _plain(text):
    """Text compared without case, double quote marks, a final full stop or extra space."""
    return passages.fold(text)[0].replace('"', "").strip().rstrip(".").lower()


def _sources(entry):
    names = entry.get("source")
    return {_plain(n) for n in ([names] if isinstance(names, str) else names or [])}


def matches(draft, entry):
    """Whether a draft is the one an expected.yaml entry names: its label, one of its
    sources (any source when it names none) and its piece of statement."""
    sources = _sources(entry)
    return (
        draft.label == entry["label"]
        and (not sources or _plain(draft.source) in sources)
        and _plain(entry["statement"]) in _plain(draft.statement)
    )


def judged(drafts, entries):
    """Each draft with its verdict against an article's list: "right" (an entry of its kind
    names it), "misplaced" (it is sure, but the entry wants it offered below 0.7), "wrong
    kind" (only an entry of the other label, with its source, has its words) or "unlisted"
    (a careful teacher would not take it as drafted)."""
    out = []
    for d in drafts:
        mine = [e for e in entries if matches(d, e)]
        if mine and d.confidence >= drafting.STRONG and all(e.get("strong") is False for e in mine):
            verdict = "misplaced"
        elif mine:
            verdict = "right"
        elif any(
            matches(dataclasses.replace(d, label=e["label"]), e) and e["label"] != d.label
            for e in entries
        ):
            verdict = "wrong kind"
        else:
            verdict = "unlisted"
        out.append((d, verdict))
    return out


def regression(name, entry):
    """The drafter on one article of the regression set against its list: the verdicts on
    its drafts, the required entries (strong: true) it found at 0.7 or more and those it
    missed, and the strong drafts that are not full sentences."""
    _, headline, cleaned = cleaned_article(name)
    drafts = drafting.draft(importing.article_text(headline, cleaned.kept))
    sure = [d for d in drafts if d.confidence >= drafting.STRONG]
    required = [e for e in entry["drafts"] if e.get("strong") is True]
    return {
        "judged": judged(drafts, entry["drafts"]),
        "found": [e for e in required if any(matches(d, e) for d in sure)],
        "missed": [e for e in required if not any(matches(d, e) for d in sure)],
        "not_sentences": [d for d in sure if not drafting.full_sentence(d.statement)],
        "accepted": [d for d in sure if judged([d], entry["drafts"])[0][1] == "right"],
    }


def regression_figures(expected):
    """The regression set's figures, added up: per kind recall (required entries found at
    0.7 or more) and precision (drafts at 0.7 or more judged right), the calibration per
    confidence band, the strong drafts that are not full sentences, and each article's."""
    per = {n: regression(n, e) for n, e in expected.items() if e.get("regression")}
    kinds = {}
    for label in ("allegation", "fact"):
        found = sum(1 for r in per.values() for e in r["found"] if e["label"] == label)
        required = found + sum(1 for r in per.values() for e in r["missed"] if e["label"] == label)
        sure = [
            v
            for r in per.values()
            for d, v in r["judged"]
            if d.label == label and d.confidence >= drafting.STRONG
        ]
        kinds[label] = (found, required, sure.count("right"), len(sure))
    bands = []
    for low, high in BANDS:
        verdicts = [
            v
            for r in per.values()
            for d, v in r["judged"]
            if low <= d.confidence < high or (high == 1.0 and d.confidence == 1.0)
        ]
        bands.append((low, high, verdicts))
    return {"articles": per, "kinds": kinds, "bands": bands}


def _share(n, of):
    return f"{n} of {of} ({n / of:.0%})" if of else "0 of 0"


def print_regression():
    """Print the regression set's figures; return whether they meet the floors: recall of
    each kind at least 80%, precision at least 90%, no strong draft that is not a full
    sentence, and the accepted drafts' words not giving their labels away."""
    expected = expected_lists()
    f = regression_figures(expected)
    print("Drafts on the regression set (confidence 0.7 or more is the drafter's own quiz):")
    for name, r in f["articles"].items():
        sure = [(d, v) for d, v in r["judged"] if d.confidence >= drafting.STRONG]
        right = sum(v == "right" for _, v in sure)
        print(
            f"  {name}: {len(r['found'])} of {len(r['found']) + len(r['missed'])} required "
            f"found; {right} of {len(sure)} strong drafts right"
        )
        for e in r["missed"]:
            print(f"    missed ({e['label']}): {e['statement']}")
        for d, v in sure:
            if v != "right":
                print(f"    {v} ({d.label}, {d.confidence:.2f}, {d.source}): {d.statement}")
    good = True
    for label, (found, required, right, sure) in f["kinds"].items():
        recall_ok = required and found / required >= 0.8
        precision_ok = sure and right / sure >= 0.9
        good = good and recall_ok and precision_ok
        print(
            f"  {label}: recall {_share(found, required)} (target 80%), "
            f"precision {_share(right, sure)} (target 90%)"
        )
    not_sentences = sum(len(r["not_sentences"]) for r in f["articles"].values())
    print(f"  Strong drafts that are not full sentences: {not_sentences} (target 0)")
    print("  Calibration (share of drafts right, by confidence):")
    for low, high, verdicts in f["bands"]:
        others = ", ".join(
            f"{verdicts.count(v)} {v}" for v in ("misplaced", "wrong kind", "unlisted")
        )
        print(
            f"    {low:.2f}–{high:.2f}: {_share(verdicts.count('right'), len(verdicts))}; {others}"
        )
    accepted = [d for r in f["articles"].values() for d in r["accepted"]]
    report = accepted_wording(accepted)
    print(f"  Wording shortcut (accepted drafts): {shortcut(report)}")
    return good and not_sentences == 0 and report.passed


def shortcut(report):
    """The wording scores in a line: each rule's and the classifier's, then the baseline."""
    scores = ", ".join(f"{s.name} {s.score:.0%}" for s in [*report.rules, report.classifier])
    note = f"; classifier not judged under {wording.CLASSIFIER_MIN_ITEMS} items"
    note = "" if report.classifier_judged else note
    return (
        f"{scores}; majority baseline {report.baseline:.0%} ({report.facts} of "
        f"{report.total} facts; limit {wording.LEAK_LIMIT:.0%}{note})"
    )


def main():
    """Print the figures; exit 1 when coverage is under 80%, a draft quotes furniture, the
    accepted drafts' words give their labels away or the cleaner keeps listed furniture,
    loses an article's line or misses a headline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", default=ROOT / "tests/articles/buffer-zone-2026.raw.txt")
    parser.add_argument("--quiz", default=ROOT / "questions/buffer-zone-2026")
    args = parser.parse_args()
    f = evaluate(Path(args.raw).read_text(encoding="utf-8"), bank.read_folder(args.quiz))
    coverage = f["covered"] / f["target_sentences"]
    print(f"Article: {args.raw}")
    print(f"Sentences in the article (after the headline): {f['sentences']}")
    print(
        f"Coverage: {f['covered']} of the {f['target_sentences']} sentences the hand-made "
        f"quotes come from have a draft ({coverage:.0%}; target 80%)"
    )
    print(
        f"Label agreement: {f['label_agreed']} of {f['hand_items']} hand-made items have a "
        f"draft of the same kind on their sentence ({f['label_agreed'] / f['hand_items']:.0%})"
    )
    print(f"Drafts: {f['drafts']}, of which {f['strong_drafts']} with confidence 0.7 or more")
    print(
        f"Furniture: {f['furniture_caught']} of {f['furniture_lines']} furniture lines left out, "
        f"{f['kept_wrongly_as_furniture']} article lines wrongly left out"
    )
    print(f"Drafts quoting page furniture: {f['drafts_quoting_furniture']} (target 0)")
    print(f"Wording shortcut (accepted drafts): {shortcut(f['wording'])}")
    for problem in f["wording"].problems:
        print(f"  {problem}")
    print("Wording shortcut on the invented articles' accepted drafts:")
    for name in INVENTED:
        print(f"  {name}: {shortcut(invented_wording(name))}")
    cleaned = print_cleaning()
    drafted_well = print_regression()
    good = coverage >= 0.8 and f["drafts_quoting_furniture"] == 0 and f["wording"].passed
    good = good and cleaned and drafted_well
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
