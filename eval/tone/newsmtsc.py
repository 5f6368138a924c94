"""NewsMTSC target tone and SemEval-2007 headlines: data loading and our core's answers.

Used by `run.py` (the report) and `train_target.py` (fitting `data/tone/target_model.rs`).
The data lives in ../shared/dev/tone/ (see its README); nothing here is read by the build.
"""
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEV = os.path.normpath(os.path.join(ROOT, "..", "shared", "dev", "tone"))
LABELS = {"neg": -1, "neu": 0, "pos": 1}


def ensure_venv(script):
    """Re-runs `script` inside eval/.venv with numpy and vaderSentiment installed."""
    venv = os.path.join(ROOT, "eval", ".venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    if os.path.abspath(sys.prefix) != os.path.abspath(venv):
        os.execv(python, [python, os.path.abspath(script)] + sys.argv[1:])
    try:
        import numpy  # noqa: F401
        import vaderSentiment  # noqa: F401
    except ImportError:
        subprocess.run([python, "-m", "pip", "install", "-q", "numpy", "vaderSentiment==3.3.2"], check=True)


def read_sentences(name):
    """Sentences of one NewsMTSC file with targets in UTF-8 byte offsets."""
    items = []
    with open(os.path.join(DEV, f"newsmtsc_{name}.jsonl"), encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record["text"]
            targets = []
            for t in record["targets"]:
                start = len(text[: t["start"]].encode("utf-8"))
                end = len(text[: t["end"]].encode("utf-8"))
                targets.append({"id": t["tid"], "start": start, "end": end, "label": LABELS[t["label"]]})
            items.append({"id": record["id"], "text": text, "targets": targets})
    return items


def train_sentences():
    """The training split without the sentence it shares with rw-dev (the README says so)."""
    dev_texts = {s["text"] for s in read_sentences("rw_dev")} | {s["text"] for s in read_sentences("mt_dev")}
    return [s for s in read_sentences("train") if s["text"] not in dev_texts]


def held_out(sentence_id):
    """Half of the dev sentences, fixed by a hash of the id, is held out from tuning."""
    return hashlib.sha256(sentence_id.encode("utf-8")).digest()[0] % 2 == 1


def target_scores(sentences):
    """Runs examples/tone_targets on the sentences; returns {target id: record}."""
    payload = "".join(
        json.dumps({"text": s["text"], "targets": [{k: t[k] for k in ("id", "start", "end")} for t in s["targets"]]})
        + "\n"
        for s in sentences
    )
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "tone_targets"],
        cwd=ROOT, input=payload, capture_output=True, text=True, check=True,
    ).stdout
    return {r["id"]: r for r in map(json.loads, out.splitlines())}


def read_headlines():
    with open(os.path.join(DEV, "semeval2007_trial.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]
