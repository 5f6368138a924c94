#!/usr/bin/env python3
"""Language-identification accuracy of our detector next to whatlang (and lingua, when
`eval/language/lingua_compare` has been run), on ../shared/dev/langid/.

Rerun everything with one command from the repository root:

    python3 eval/language/run.py

It builds and runs `cargo run --release --example language_eval` over the development files,
then prints per-language and per-length-bucket tables for sentences and word pairs separately
and together, on the held-back part (each language's every 5th item, never used for tuning) and
on all items, plus the most frequent confusions and the calibration of confidences >= 0.9.
`gle` (Irish) and `yid` (Yiddish) are reported but kept out of the macro average (whatlang has
neither); Latin-script Serbian (`extra_srp_latn_*`) is reported apart.
Standard library only; no venv needed. The lingua columns appear once
`eval/language/lingua_compare` (its own crate and workspace, never built by the service's build
or tests) has written `eval/language/lingua_answers.tsv`:

    (cd eval/language/lingua_compare && cargo run --release -- ../../../../shared/dev/langid/*.jsonl)
"""
import collections
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEV = os.path.join(ROOT, "..", "shared", "dev", "langid")
FILES = ["ud_dev_sentences.jsonl", "ud_dev_word_pairs.jsonl", "extra_srp_latn_sentences.jsonl", "extra_srp_latn_word_pairs.jsonl"]
BUCKETS = [(0, 19), (20, 49), (50, 99), (100, 199), (200, 10**9)]
OUTSIDE_MACRO = {"gle", "yid"}
LINGUA = os.path.join(ROOT, "eval", "language", "lingua_answers.tsv")


def run_detector():
    paths = [os.path.join(DEV, name) for name in FILES if os.path.exists(os.path.join(DEV, name))]
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "language_eval", "--", *paths],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    texts = {}
    for name in FILES:
        path = os.path.join(DEV, name)
        if os.path.exists(path):
            import json
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    item = json.loads(line)
                    texts[(name, item["id"])] = item["text"]
    rows = []
    for line in out.splitlines():
        file, split, id_, gold, ours, conf, second, whatlang = line.split("\t")
        rows.append(dict(file=file, split=split, id=id_, gold=gold, ours=ours, conf=float(conf),
                         second=second, whatlang=whatlang, length=len(texts.get((file, id_), ""))))
    return rows


def load_lingua(rows):
    """Answers of lingua 1.8 (high and low accuracy), when the comparison crate wrote them."""
    if not os.path.exists(LINGUA):
        return False
    answers = {}
    with open(LINGUA, encoding="utf-8") as handle:
        for line in handle:
            file, id_, high, low = line.rstrip("\n").split("\t")
            answers[(file, id_)] = (high, low)
    for row in rows:
        row["lingua_high"], row["lingua_low"] = answers.get((row["file"], row["id"]), ("und", "und"))
    return True


def accuracy_table(rows, systems, title):
    per = collections.defaultdict(lambda: collections.Counter())
    for row in rows:
        counter = per[row["gold"]]
        counter["n"] += 1
        for system in systems:
            counter[system] += row[system] == row["gold"]
    print(f"\n### {title}\n")
    print("| lang | items | " + " | ".join(systems) + " |")
    print("|---|---:|" + "---:|" * len(systems))
    macro = collections.defaultdict(list)
    for lang in sorted(per):
        counter = per[lang]
        cells = [f"{100 * counter[s] / counter['n']:.1f}" for s in systems]
        print(f"| {lang} | {counter['n']} | " + " | ".join(cells) + " |")
        if lang not in OUTSIDE_MACRO:
            for s in systems:
                macro[s].append(counter[s] / counter["n"])
    cells = [f"**{100 * sum(macro[s]) / max(1, len(macro[s])):.1f}**" for s in systems]
    print(f"| macro ({len(macro[systems[0]])} languages) | | " + " | ".join(cells) + " |")
    return {s: sum(macro[s]) / max(1, len(macro[s])) for s in systems}


def bucket_table(rows, systems, title):
    print(f"\n### {title}: macro accuracy by length in code points\n")
    print("| length | items | " + " | ".join(systems) + " |")
    print("|---|---:|" + "---:|" * len(systems))
    for low, high in BUCKETS:
        chosen = [r for r in rows if low <= r["length"] <= high and r["gold"] not in OUTSIDE_MACRO]
        per = collections.defaultdict(collections.Counter)
        for row in chosen:
            per[row["gold"]]["n"] += 1
            for s in systems:
                per[row["gold"]][s] += row[s] == row["gold"]
        cells = []
        for s in systems:
            values = [c[s] / c["n"] for c in per.values()]
            cells.append(f"{100 * sum(values) / max(1, len(values)):.1f}")
        label = f"{low}–{high}" if high < 10**9 else f"{low}+"
        print(f"| {label} | {len(chosen)} | " + " | ".join(cells) + " |")


def calibration(rows):
    confident = [r for r in rows if r["conf"] >= 0.9]
    right = sum(r["ours"] == r["gold"] for r in confident)
    print(f"\nCalibration: {len(confident)} of {len(rows)} answers have confidence >= 0.9; "
          f"{100 * right / max(1, len(confident)):.1f}% of them are right.")


def main():
    rows = run_detector()
    systems = ["ours", "whatlang"]
    if load_lingua(rows):
        systems += ["lingua_high", "lingua_low"]
    main_rows = [r for r in rows if not r["file"].startswith("extra_srp")]
    for split in ["heldout", "all"]:
        chosen = [r for r in main_rows if split == "all" or r["split"] == split]
        print(f"\n## {split} items\n")
        accuracy_table(chosen, systems, f"{split}: sentences and word pairs together")
        bucket_table(chosen, systems, f"{split}: together")
        for kind, file in [("sentences", "ud_dev_sentences.jsonl"), ("word pairs", "ud_dev_word_pairs.jsonl")]:
            part = [r for r in chosen if r["file"] == file]
            accuracy_table(part, systems, f"{split}: {kind}")
            bucket_table(part, systems, f"{split}: {kind}")
        calibration(chosen)
    confusions = collections.Counter((r["gold"], r["ours"]) for r in main_rows if r["ours"] != r["gold"])
    print("\nMost frequent confusions (all items): " + ", ".join(f"{g}→{o} {n}" for (g, o), n in confusions.most_common(15)))
    serbian = [r for r in rows if r["file"].startswith("extra_srp")]
    if serbian:
        answers = collections.Counter(r["ours"] for r in serbian)
        print(f"\nLatin-script Serbian ({len(serbian)} items), our answers: " + ", ".join(f"{c} {n}" for c, n in answers.most_common(5)))


if __name__ == "__main__":
    sys.exit(main())
