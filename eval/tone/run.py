#!/usr/bin/env python3
"""Tone quality benchmark: our tone core and VADER on the same human-rated texts.

    python3 eval/tone/run.py            # prints a Markdown report
    python3 eval/tone/run.py --items nyt  # also dumps per-item scores of one set (TSV)

Document and sentence tone (regression checks):
Sets:
  nyt     VADER's 5,190 New York Times editorial snippets, mean of 20 human ratings (-4..4)
  tweets  VADER's 4,200 tweet-like texts, rated the same way
  news    our own 66 news sentences (eval/tone/news_sentences.tsv), rated before tuning
The VADER sets ship in the vaderSentiment 3.3.2 sdist on PyPI (MIT licence), which this
script downloads with pip; VADER itself is installed from PyPI into eval/.venv.

Each VADER set is also reported in halves: items at even positions (the half the rules were
tuned on while developing) and odd positions (held out).

Metrics: Pearson r between the model's score (ours: document score; VADER: compound) and the
mean human rating; macro F1 over three classes, human classes by rating (>= 0.5 positive,
<= -0.5 negative, else neutral) and model classes by score (>= 0.05, <= -0.05: VADER's
recommended thresholds).

Target tone (NewsMTSC rw and mt dev splits, ../shared/dev/tone/): 3-class macro-F1 and
accuracy of the tone toward each judged target (classes at +-0.05, the dev README's metric),
side by side with giving every target its sentence's score and with VADER's compound of the
sentence. The target span is given to the core as the mention (no entity recognition in the
loop). Dev sentences are split in halves by a hash of their id (newsmtsc.held_out): the
training script tunes on one half; the other is held out.

Headlines (SemEval-2007 trial, 250): Pearson r of the document score against the valence, on
all and in halves by upstream id: odd ids are the half the lexicon was tuned looking at, even
ids are held out.

Speakers (eval/tone/speakers.jsonl, our own fixtures): each gold (speech fragment, speaker)
is matched to the quote whose text holds the fragment; precision = right speakers / quotes we
gave a speaker, recall = right speakers / gold quotes (case-insensitive names).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsmtsc import ensure_venv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, "eval", ".venv")
CACHE = os.path.join(VENV, "tone-data")
VADER_VERSION = "3.3.2"


def rated_sets_dir():
    """Extracts the rated sets that ship inside the vaderSentiment sdist."""
    target = os.path.join(CACHE, "hutto_ICWSM_2014")
    if os.path.isdir(target):
        return target
    os.makedirs(CACHE, exist_ok=True)
    subprocess.run(
        [os.path.join(VENV, "bin", "python"), "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
         f"vaderSentiment=={VADER_VERSION}", "-d", CACHE],
        check=True,
    )
    sdist = os.path.join(CACHE, f"vaderSentiment-{VADER_VERSION}.tar.gz")
    with tarfile.open(sdist) as outer:
        member = outer.getmember(f"vaderSentiment-{VADER_VERSION}/additional_resources/hutto_ICWSM_2014.tar.gz")
        with tarfile.open(fileobj=outer.extractfile(member)) as inner:
            if hasattr(tarfile, "data_filter"):
                inner.extractall(CACHE, filter="data")
            else:
                inner.extractall(CACHE)
    return target


def read_ground_truth(path):
    items = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[2].strip():
                items.append((parts[0], float(parts[1]), parts[2]))
    return items


def read_own(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            ident, rating, text = line.rstrip("\n").split("\t", 2)
            items.append((ident, float(rating), text))
    return items


def our_scores(items):
    payload = "".join(f"{i}\t{text.replace(chr(9), ' ')}\n" for i, (_, _, text) in enumerate(items))
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "tone_eval"],
        cwd=ROOT, input=payload, capture_output=True, text=True, check=True,
    ).stdout
    records = {}
    for line in out.splitlines():
        record = json.loads(line)
        records[int(record["id"])] = record
    return [records.get(i, {"score": 0.0}) for i in range(len(items))]


def vader_scores(items):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return [analyzer.polarity_scores(text)["compound"] for _, _, text in items]


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def classify(value, threshold):
    return 1 if value >= threshold else -1 if value <= -threshold else 0


def macro_f1(gold, predicted):
    scores = []
    for label in (-1, 0, 1):
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / 3


def metrics(ratings, scores):
    gold = [classify(r, 0.5) for r in ratings]
    return pearson(scores, ratings), macro_f1(gold, [classify(s, 0.05) for s in scores])


def target_rows():
    """Target-tone rows: (split, half, n, [(system, macro-F1, accuracy)])."""
    import newsmtsc
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    rows = []
    for split in ("rw_dev", "mt_dev"):
        sentences = newsmtsc.read_sentences(split)
        scores = newsmtsc.target_scores(sentences)
        vader = {s["id"]: analyzer.polarity_scores(s["text"])["compound"] for s in sentences}
        judged = [(s, t) for s in sentences for t in s["targets"]]
        for half, keep in (("tune", False), ("held out", True), ("all", None)):
            chosen = [(s, t) for s, t in judged if keep is None or newsmtsc.held_out(s["id"]) == keep]
            gold = [t["label"] for _, t in chosen]
            systems = {
                "ours (target)": [scores[t["id"]]["target"] for _, t in chosen],
                "ours (sentence)": [scores[t["id"]]["sentence"] for _, t in chosen],
                "VADER (sentence)": [vader[s["id"]] for s, _ in chosen],
            }
            results = []
            for name, values in systems.items():
                predicted = [classify(v, 0.05) for v in values]
                accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
                results.append((name, macro_f1(gold, predicted), accuracy))
            rows.append((split, half, len(chosen), results))
    return rows


def headline_rows():
    """(half, n, r ours, r VADER) on all headlines, the odd ids (tuned on), the even (held out)."""
    import newsmtsc

    headlines = newsmtsc.read_headlines()
    items = [(h["id"], float(h["valence"]), h["text"]) for h in headlines]
    ours = [r["score"] if r["score"] is not None else 0.0 for r in our_scores(items)]
    vader = vader_scores(items)
    ratings = [rating for _, rating, _ in items]
    number = [int(h["id"].rsplit(":", 1)[1]) for h in headlines]
    rows = []
    for half, keep in (("all", None), ("odd ids (tuned on)", 1), ("even ids (held out)", 0)):
        chosen = [i for i in range(len(items)) if keep is None or number[i] % 2 == keep]
        pick = lambda values: [values[i] for i in chosen]  # noqa: E731
        rows.append((half, len(chosen), pearson(pick(ours), pick(ratings)), pearson(pick(vader), pick(ratings))))
    return rows


def speaker_row():
    """(gold quotes, quotes with a speaker, right, precision, recall) on our fixtures."""
    with open(os.path.join(HERE, "speakers.jsonl"), encoding="utf-8") as f:
        fixtures = [json.loads(line) for line in f]
    payload = "".join(json.dumps({"id": x["id"], "text": x["text"]}) + "\n" for x in fixtures)
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "tone_quotes"],
        cwd=ROOT, input=payload, capture_output=True, text=True, check=True,
    ).stdout
    quotes = [json.loads(line) for line in out.splitlines()]
    gold_count = sum(len(x["gold"]) for x in fixtures)
    given = sum(1 for q in quotes if q["speaker"])
    right = 0
    for fixture in fixtures:
        own = [q for q in quotes if q["id"] == fixture["id"]]
        for fragment, speaker in fixture["gold"]:
            match = next((q for q in own if fragment in q["speech"]), None)
            right += bool(match and match["speaker"].lower() == speaker.lower())
    return gold_count, given, right, right / given if given else 0.0, right / gold_count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", choices=["nyt", "tweets", "news"], help="dump per-item scores of one set")
    args = parser.parse_args()
    ensure_venv(__file__)
    hutto = rated_sets_dir()
    sets = {
        "nyt": read_ground_truth(os.path.join(hutto, "nytEditorialSnippets_GroundTruth.txt")),
        "tweets": read_ground_truth(os.path.join(hutto, "tweets_GroundTruth.txt")),
        "news": read_own(os.path.join(HERE, "news_sentences.tsv")),
    }
    rows = []
    for name, items in sets.items():
        ours = [r["score"] if r["score"] is not None else 0.0 for r in our_scores(items)]
        vader = vader_scores(items)
        ratings = [rating for _, rating, _ in items]
        halves = [("all", range(len(items)))]
        if name != "news":
            halves += [("even (tuned on)", range(0, len(items), 2)), ("odd (held out)", range(1, len(items), 2))]
        for half, indexes in halves:
            r_ours, f1_ours = metrics([ratings[i] for i in indexes], [ours[i] for i in indexes])
            r_vader, f1_vader = metrics([ratings[i] for i in indexes], [vader[i] for i in indexes])
            rows.append((name, half, len(indexes), r_ours, r_vader, f1_ours, f1_vader))
        if args.items == name:
            with open(os.path.join(CACHE, f"items-{name}.tsv"), "w", encoding="utf-8") as f:
                for (ident, rating, text), o, v in zip(items, ours, vader):
                    f.write(f"{ident}\t{rating:.2f}\t{o:.3f}\t{v:.3f}\t{text}\n")
            print(f"per-item scores: {os.path.join(CACHE, f'items-{name}.tsv')}", file=sys.stderr)
    print("| set | items | n | Pearson r (ours) | Pearson r (VADER) | macro F1 (ours) | macro F1 (VADER) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, half, n, r_ours, r_vader, f1_ours, f1_vader in rows:
        print(f"| {name} | {half} | {n} | {r_ours:.3f} | {r_vader:.3f} | {f1_ours:.3f} | {f1_vader:.3f} |")
    print()
    print("| headlines | half | n | Pearson r (ours) | Pearson r (VADER) |")
    print("| --- | --- | --- | --- | --- |")
    for half, n, r_ours, r_vader in headline_rows():
        print(f"| SemEval-2007 trial | {half} | {n} | {r_ours:.3f} | {r_vader:.3f} |")
    gold, given, right, precision, recall = speaker_row()
    print()
    print("| speakers | gold quotes | quotes with a speaker | right | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| eval/tone/speakers.jsonl | {gold} | {given} | {right} | {precision:.3f} | {recall:.3f} |")
    print()
    print("| NewsMTSC target tone | half | n | system | macro F1 | accuracy |")
    print("| --- | --- | --- | --- | --- | --- |")
    for split, half, n, results in target_rows():
        for system, f1, accuracy in results:
            print(f"| {split} | {half} | {n} | {system} | {f1:.3f} | {accuracy:.3f} |")


if __name__ == "__main__":
    main()
