"""Keyword quality benchmark: our `key_terms` against TF-IDF (scikit-learn) and YAKE.

One command from the repository root:

    python3 eval/keywords/run.py            # add --verbose for each system's top ten per text

(`--only=kpcrowd` or `--only=own` runs one part; `--debug` uses an unoptimised build; `--quick`
scores our extractor alone; `--record` stores this run's key_terms F1@10 per set in
eval/keywords/floors.json. Without it, a set whose F1@10 falls more than 0.005 below its
recorded floor is reported as a REGRESSION and the script exits with status 1.)

It creates eval/.venv (git-ignored) with yake, scikit-learn and snowballstemmer on first use,
builds examples/keywords_eval.rs (release), and scores every system on:

1. the public development split of 500N-KPCrowd (130 crowd-annotated English news articles,
   ../shared/dev/keywords/, research-only, never copied into the repository), in two parts:
   "tune" (positions 0, 1, 2 of every four in doc_id order; the documents the extractor may be
   tuned on) and "held-out" (every fourth document, positions 3, 7, 11, …; never looked at
   while tuning, so its figure is the headline);
2. the project's own texts: eval/keywords/texts (27, written before tuning) and
   eval/keywords/heldout/texts (8, written after tuning), plus any other language folders in
   eval/keywords/<lang>/ (texts/*.txt and gold.json, scored with that language's stemmer).

Scoring is the standard exact-match protocol of the dev set's README, the same on both sides:
lower-case, tokens = `\\w+`, each token Snowball-stemmed, joined by one space, de-duplicated.
Per document P@k = hits / min(k, predictions), R@k = hits / gold; F1@k is the macro average
over documents. "present" restricts gold to phrases whose normalised form occurs in the
normalised text; "stem" counts one-token predictions against one-word gold only.

TF-IDF's idf is fitted on the documents of the set being scored (the dev README's protocol);
YAKE 0.7.3 runs with its defaults (n=3) and with n=1.
"""

import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import venv

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = ROOT / "eval" / "keywords"
VENV = ROOT / "eval" / ".venv"
KPCROWD = ROOT.parent / "shared" / "dev" / "keywords" / "500N-KPCrowd-dev"
PACKAGES = ["yake==0.7.3", "scikit-learn==1.9.1", "snowballstemmer==3.1.1"]
KS = (5, 10)
# Every fourth document (positions 3, 7, …) is held out from tuning.
HOLDOUT_EVERY = 4
# `--debug` builds the example without optimisation: quicker to rebuild while iterating.
DEBUG = "--debug" in sys.argv
# `--quick` scores only our extractor (while iterating).
QUICK = "--quick" in sys.argv
STEMMER_NAMES = {"en": "english", "fr": "french", "pt": "portuguese", "de": "german", "es": "spanish"}


def ensure_venv() -> None:
    """Re-runs this script inside eval/.venv, creating it and installing packages if needed."""
    python = VENV / "bin" / "python"
    if pathlib.Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        venv.create(VENV, with_pip=True)
    check = subprocess.run([python, "-c", "import yake, sklearn, snowballstemmer"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", *PACKAGES], check=True)
    os.execv(python, [python, __file__, *sys.argv[1:]])


TOKEN = re.compile(r"\w+")


def make_normaliser(language: str):
    import snowballstemmer

    stemmer = snowballstemmer.stemmer(STEMMER_NAMES[language])

    def normalise(phrase: str) -> str:
        return " ".join(stemmer.stemWords(TOKEN.findall(phrase.lower())))

    return normalise


def dedupe(items):
    seen, kept = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            kept.append(item)
    return kept


def scores(predictions, gold, k):
    """(P, R, F1) at k for one document; predictions ranked and normalised, gold a set."""
    top = predictions[:k]
    if not top or not gold:
        return 0.0, 0.0, 0.0
    hits = len(set(top) & gold)
    precision, recall = hits / len(top), hits / len(gold)
    f1 = 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def ours(texts, language):
    """Our key_terms (up to 20) per document, through the release example binary, with its
    single words alone and the separate key_phrases list for comparison."""
    profile = "debug" if DEBUG else "release"
    build = subprocess.run(
        ["cargo", "build", "--quiet", "--example", "keywords_eval", *([] if DEBUG else ["--release"])],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        sys.exit(f"cargo build failed:\n{build.stderr}")
    binary = ROOT / "target" / profile / "examples" / "keywords_eval"
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, text in texts.items():
            path = pathlib.Path(folder) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        out = subprocess.run(
            [binary, "--lang", language, "--max", "20", *files], check=True, capture_output=True, text=True
        ).stdout
    lists = {"mixed": {}, "words": {}, "phrases": {}}
    for line in out.splitlines():
        result = json.loads(line)
        name = pathlib.Path(result["file"]).stem
        lists["mixed"][name] = [term["text"] for term in result["key_terms"]]
        lists["words"][name] = [term["text"] for term in result["key_terms"] if not term["phrase"]]
        lists["phrases"][name] = [phrase["text"] for phrase in result["key_phrases"]]
    return lists


def yake_lists(texts, language, n):
    import yake

    extractor = yake.KeywordExtractor(lan=language, n=n, top=20)
    # extract_keywords returns the best (lowest YAKE score) first.
    return {name: [kw for kw, _ in extractor.extract_keywords(text)] for name, text in texts.items()}


def tfidf_lists(texts, language, ngrams):
    from sklearn.feature_extraction.text import TfidfVectorizer

    names = sorted(texts)
    stop_words = "english" if language == "en" else None
    vectorizer = TfidfVectorizer(ngram_range=(1, ngrams), stop_words=stop_words, lowercase=True)
    matrix = vectorizer.fit_transform([texts[n] for n in names])
    vocabulary = vectorizer.get_feature_names_out()
    lists = {}
    for row, name in enumerate(names):
        weights = matrix.getrow(row).toarray()[0]
        order = sorted(range(len(vocabulary)), key=lambda i: (-weights[i], vocabulary[i]))
        lists[name] = [vocabulary[i] for i in order[:20] if weights[i] > 0]
    return lists


def systems_for(texts, language):
    mine = ours(texts, language)
    if QUICK:
        return {"ours (key_terms)": mine["mixed"]}
    return {
        "ours (key_terms)": mine["mixed"],
        "ours, words only": mine["words"],
        "ours, key_phrases": mine["phrases"],
        "TF-IDF unigrams": tfidf_lists(texts, language, 1),
        "TF-IDF 1-3-grams": tfidf_lists(texts, language, 3),
        "YAKE 0.7.3 n=1": yake_lists(texts, language, 1),
        "YAKE 0.7.3 n=3": yake_lists(texts, language, 3),
    }


# Our key_terms F1@10 per set as last measured (eval/keywords/floors.json): a later run that
# falls more than TOLERANCE below one fails, so a regression cannot pass unnoticed.
FLOORS = HERE / "floors.json"
TOLERANCE = 0.005
MEASURED = {}


def report(label, names, texts, gold_raw, systems, normalise, verbose):
    """Prints one table for the documents `names` of a set and records our F1@10 for it."""
    gold = {n: set(dedupe(normalise(g) for g in gold_raw[n])) for n in names}
    padded = {n: f" {normalise(texts[n])} " for n in names}
    present = {n: {g for g in gold[n] if f" {g} " in padded[n]} for n in names}
    one_word = {n: {g for g in gold[n] if " " not in g} for n in names}
    print(f"\n{label}: {len(names)} documents, {sum(len(g) for g in gold.values())} gold keyphrases")
    header = ["F1@5", "F1@10", "P@10", "present F1@10", "stem F1@5", "stem F1@10"]
    print(f"{'system':<18} " + " ".join(f"{h:>13}" for h in header))
    for system, lists in systems.items():
        rows = {h: 0.0 for h in header}
        for n in names:
            predicted = dedupe(normalise(p) for p in lists.get(n, []))
            singles = [p for p in predicted if " " not in p]
            rows["F1@5"] += scores(predicted, gold[n], 5)[2]
            precision, _, f1 = scores(predicted, gold[n], 10)
            rows["F1@10"] += f1
            rows["P@10"] += precision
            rows["present F1@10"] += scores(predicted, present[n], 10)[2]
            rows["stem F1@5"] += scores(singles, one_word[n], 5)[2]
            rows["stem F1@10"] += scores(singles, one_word[n], 10)[2]
        print(f"{system:<18} " + " ".join(f"{rows[h] / len(names):>13.4f}" for h in header))
        if system == "ours (key_terms)":
            MEASURED[label] = rows["F1@10"] / len(names)
    if verbose:
        for n in names:
            print(f"\n{n}")
            for system, lists in systems.items():
                top = dedupe(normalise(p) for p in lists.get(n, []))[:10]
                print(f"  {system}: " + ", ".join(f"*{p}*" if p in gold[n] else p for p in top))


def kpcrowd(verbose):
    if not KPCROWD.exists():
        print(f"\n(500N-KPCrowd dev split not found at {KPCROWD}: skipped)")
        return
    read = lambda name: [json.loads(line) for line in (KPCROWD / name).read_text(encoding="utf-8").splitlines()]
    docs, golds = read("docs.jsonl"), read("gold.jsonl")
    texts = {d["doc_id"]: d["text"] for d in docs}
    gold = {g["doc_id"]: g["keywords"] for g in golds}
    names = sorted(texts)
    normalise = make_normaliser("en")
    systems = systems_for(texts, "en")
    held = [n for i, n in enumerate(names) if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1]
    tune = [n for i, n in enumerate(names) if i % HOLDOUT_EVERY != HOLDOUT_EVERY - 1]
    report("500N-KPCrowd dev, held-out part (never tuned on)", held, texts, gold, systems, normalise, verbose)
    report("500N-KPCrowd dev, tuning part", tune, texts, gold, systems, normalise, verbose)
    report("500N-KPCrowd dev, all", names, texts, gold, systems, normalise, False)


def own_sets(verbose):
    """Our own texts: English (tuning and held-out folders) and any other language folders."""
    sets = [("own English texts (tuning)", HERE, "en"), ("own English texts (held-out)", HERE / "heldout", "en")]
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and p.name in STEMMER_NAMES):
        sets.append((f"own {folder.name} texts", folder, folder.name))
    for label, folder, language in sets:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        texts = {f.stem: f.read_text(encoding="utf-8") for f in sorted((folder / "texts").glob("*.txt"))}
        systems = systems_for(texts, language)
        report(label, sorted(texts), texts, gold, systems, make_normaliser(language), verbose)


def main() -> None:
    ensure_venv()
    verbose = "--verbose" in sys.argv
    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), None)
    if only in (None, "kpcrowd"):
        kpcrowd(verbose)
    if only in (None, "own"):
        own_sets(verbose)
    check_floors()


def check_floors() -> None:
    """Compares our F1@10 per set with the recorded floors; exits non-zero on a regression.
    `--record` writes the figures of this run as the new floors (after a reviewed change)."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    if "--record" in sys.argv:
        floors.update({label: round(value, 4) for label, value in MEASURED.items()})
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nrecorded {len(MEASURED)} floors in {FLOORS.relative_to(ROOT)}")
        return
    fallen = [(label, value, floors[label]) for label, value in MEASURED.items() if label in floors and value < floors[label] - TOLERANCE]
    for label, value, floor in fallen:
        print(f"\nREGRESSION: {label}: key_terms F1@10 {value:.4f} < recorded {floor:.4f}")
    if fallen:
        sys.exit(1)


if __name__ == "__main__":
    main()
