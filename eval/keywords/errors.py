"""Error analysis of `key_terms` on the tuning part of 500N-KPCrowd dev (never the held-out part).

    python3 eval/keywords/errors.py            # add --debug for an unoptimised build

Prints, over the tuning documents' top ten: how many predictions hit, split by shape (single
word or phrase) and casing (lower-case, capitalised, all-caps); how often a phrase and one of
its own words are both in the top ten; the gold's own mix of words and phrases; and the most
frequent wrong predictions and missed gold words that are present in the text.
"""

import collections
import json
import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import run  # noqa: E402  (the scoring protocol and the example runner)


def shape(surface: str) -> str:
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "all-caps"
    return "capitalised" if surface[:1].isupper() else "lower-case"


def main() -> None:
    run.ensure_venv()
    read = lambda name: [json.loads(line) for line in (run.KPCROWD / name).read_text(encoding="utf-8").splitlines()]
    texts = {d["doc_id"]: d["text"] for d in read("docs.jsonl")}
    gold_raw = {g["doc_id"]: g["keywords"] for g in read("gold.jsonl")}
    names = sorted(texts)
    tune = [n for i, n in enumerate(names) if i % run.HOLDOUT_EVERY != run.HOLDOUT_EVERY - 1]
    normalise = run.make_normaliser("en")
    mine = run.ours({n: texts[n] for n in tune}, "en")["mixed"]
    by_class = collections.defaultdict(lambda: [0, 0])
    wrong, missed = collections.Counter(), collections.Counter()
    doubled = gold_words = gold_phrases = 0
    for n in tune:
        gold = {normalise(g) for g in gold_raw[n]}
        padded = f" {normalise(texts[n])} "
        gold_words += sum(1 for g in gold if " " not in g)
        gold_phrases += sum(1 for g in gold if " " in g)
        seen, top = set(), []
        for surface in mine[n]:
            key = normalise(surface)
            if key and key not in seen:
                seen.add(key)
                top.append((surface, key))
        top = top[:10]
        keys = {k for _, k in top}
        for surface, key in top:
            cls = (("phrase" if " " in key else "word"), shape(surface))
            by_class[cls][0] += 1
            by_class[cls][1] += key in gold
            if key not in gold:
                wrong[surface.lower()] += 1
            if " " in key and any(part in keys for part in key.split()):
                doubled += 1
        for g in gold:
            if " " not in g and g not in keys and f" {g} " in padded and padded.count(f" {g} ") >= 3:
                missed[g] += 1
    print(f"tuning documents: {len(tune)}; gold: {gold_words} single words, {gold_phrases} phrases")
    print(f"{'shape':<28} {'predicted':>9} {'hits':>6} {'precision':>9}")
    for cls in sorted(by_class):
        total, hits = by_class[cls]
        print(f"{cls[0] + ', ' + cls[1]:<28} {total:>9} {hits:>6} {hits / total:>9.3f}")
    print(f"phrases in a top ten beside one of their own words: {doubled}")
    print("most frequent wrong predictions:", ", ".join(f"{w} ({c})" for w, c in wrong.most_common(40)))
    print("most often missed gold words seen 3+ times:", ", ".join(f"{w} ({c})" for w, c in missed.most_common(40)))


if __name__ == "__main__":
    main()
