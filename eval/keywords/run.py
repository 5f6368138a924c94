"""Keyword quality benchmark: our extractor against YAKE and plain TF-IDF.

One command from the repository root:

    python3 eval/keywords/run.py

It creates eval/.venv (git-ignored) with yake, scikit-learn and nltk on first use, builds
examples/keywords_eval.rs, and scores each system on the news texts in eval/keywords/texts/
against the keyphrases in eval/keywords/gold.json (written before the extractor was tuned),
then on the held-out set in eval/keywords/heldout/ (written after tuning, before its first run).

Scoring: for each text a system gives one ranked list. Ours merges keywords and key phrases
by their shared 0..1 score. A prediction matches a gold keyphrase when both, lower-cased and
stemmed word by word with the Snowball English stemmer, are equal. F1@k per text uses the
top k predictions (duplicates after stemming removed), averaged over texts (macro).

The baselines get each text twice: as is (what a caller would send, date line and byline
included), and "clean", with the leading `date` line and `By …` lines removed, so that their
figures do not suffer from metadata our extractor knows to skip. YAKE runs with its default
n=3 (longest phrase) and, since most gold phrases are one or two words, also with n=2.

    python3 eval/keywords/run.py --verbose   # also prints each system's top ten per text
"""

import json
import os
import pathlib
import re
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = ROOT / "eval" / "keywords"
VENV = ROOT / "eval" / ".venv"
PACKAGES = ["yake==0.6.0", "scikit-learn==1.9.1", "nltk==3.10.4"]
KS = (5, 10)


def ensure_venv() -> None:
    """Re-runs this script inside eval/.venv, creating it and installing packages if needed."""
    python = VENV / "bin" / "python"
    if pathlib.Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        venv.create(VENV, with_pip=True)
    check = subprocess.run([python, "-c", "import yake, sklearn, nltk"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "--quiet", *PACKAGES], check=True)
    os.execv(python, [python, __file__, *sys.argv[1:]])


WORD = re.compile(r"[\w’'&-]+")


def make_normaliser():
    from nltk.stem.snowball import SnowballStemmer

    stemmer = SnowballStemmer("english")

    def normalise(phrase: str) -> str:
        words = WORD.findall(phrase.lower().replace("’", "'"))
        words = [w[:-2] if w.endswith("'s") else w for w in words]
        return " ".join(stemmer.stem(w) for w in words if w)

    return normalise


def dedupe(predictions, normalise):
    seen, ranked = set(), []
    for phrase in predictions:
        key = normalise(phrase)
        if key and key not in seen:
            seen.add(key)
            ranked.append(key)
    return ranked


def f1_at(ranked, gold, k):
    top = ranked[:k]
    if not top or not gold:
        return 0.0
    hits = len(set(top) & gold)
    precision = hits / len(top)
    recall = hits / len(gold)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def ours(files):
    build = subprocess.run(
        ["cargo", "build", "--quiet", "--example", "keywords_eval"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        sys.exit(f"cargo build failed:\n{build.stderr}")
    binary = ROOT / "target" / "debug" / "examples" / "keywords_eval"
    out = subprocess.run(
        [binary, "--lang", "en", "--max", "20", *map(str, files)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ranked = {}
    for line in out.splitlines():
        result = json.loads(line)
        items = [(k["score"], k["text"]) for k in result["keywords"]]
        items += [(p["score"], p["text"]) for p in result["key_phrases"]]
        # Stable on equal scores: keywords first, each list in its own order.
        items = [text for _, text in sorted(items, key=lambda item: -item[0])]
        ranked[pathlib.Path(result["file"]).stem] = items
    return ranked


def yake_lists(texts, n=3):
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=n, top=20)
    # YAKE scores are "lower is better"; extract_keywords returns them best first.
    return {name: [kw for kw, _ in extractor.extract_keywords(text)] for name, text in texts.items()}


def tfidf_lists(texts):
    from sklearn.feature_extraction.text import TfidfVectorizer

    names = sorted(texts)
    vectorizer = TfidfVectorizer(ngram_range=(1, 3), stop_words="english", lowercase=True)
    matrix = vectorizer.fit_transform([texts[n] for n in names])
    vocabulary = vectorizer.get_feature_names_out()
    lists = {}
    for row, name in enumerate(names):
        weights = matrix.getrow(row).toarray()[0]
        order = sorted(range(len(vocabulary)), key=lambda i: (-weights[i], vocabulary[i]))
        lists[name] = [vocabulary[i] for i in order[:20] if weights[i] > 0]
    return lists


METADATA_LINE = re.compile(r"^\s*(date \d{4}-\d{2}-\d{2}|By [^\n]*)\s*$", re.MULTILINE)


def clean(text: str) -> str:
    return METADATA_LINE.sub("", text)


# Each set: a name and a folder with texts/*.txt and gold.json. The held-out set was written
# after the extractor was tuned on the first, and run once.
SETS = [("tuning set", HERE), ("held-out set", HERE / "heldout")]


def evaluate(label, folder, normalise, verbose):
    gold_raw = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    files = sorted((folder / "texts").glob("*.txt"))
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files}
    gold = {name: {normalise(g) for g in phrases} for name, phrases in gold_raw.items()}
    cleaned = {name: clean(text) for name, text in texts.items()}
    systems = {
        "ours": ours(files),
        "YAKE": yake_lists(texts),
        "YAKE (clean)": yake_lists(cleaned),
        "YAKE n=2 (clean)": yake_lists(cleaned, n=2),
        "TF-IDF": tfidf_lists(texts),
        "TF-IDF (clean)": tfidf_lists(cleaned),
    }
    print(f"\n{label}: {len(texts)} texts, {sum(len(g) for g in gold.values())} gold keyphrases")
    print(f"{'system':<17} " + " ".join(f"F1@{k:<4}" for k in KS))
    for system, lists in systems.items():
        scores = []
        for k in KS:
            per_text = [f1_at(dedupe(lists.get(name, []), normalise), gold[name], k) for name in texts]
            scores.append(sum(per_text) / len(per_text))
        print(f"{system:<17} " + " ".join(f"{s:.3f} " for s in scores))
    if verbose:
        for name in texts:
            print(f"\n{name}: gold {sorted(gold[name])}")
            for system, lists in systems.items():
                top = dedupe(lists.get(name, []), normalise)[:10]
                marked = [f"*{p}*" if p in gold[name] else p for p in top]
                print(f"  {system}: {marked}")


def main() -> None:
    ensure_venv()
    normalise = make_normaliser()
    verbose = "--verbose" in sys.argv
    for label, folder in SETS:
        evaluate(label, folder, normalise, verbose)


if __name__ == "__main__":
    main()
