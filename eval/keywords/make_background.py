"""Regenerates data/keywords/background/<lang>.txt from the wordfreq package.

Each table lists the most common words of one language with their Zipf frequency
(log10 of occurrences per billion words), which the keyword scorer turns into an
inverse-document-frequency estimate. The tables are an adaptation of wordfreq's data,
CC BY-SA 4.0 (see data/README.md for the recorded share-alike decision).

Run inside the eval venv (created by eval/keywords/run.py):
    eval/.venv/bin/pip install wordfreq==3.1.1 regex
    eval/.venv/bin/python eval/keywords/make_background.py
"""

import pathlib

import regex
import wordfreq

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "keywords" / "background"

# The languages rust-stemmers knows; English gets a deeper table because it is the
# language most of the traffic is in.
LANGUAGES = [
    "ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it",
    "nb", "nl", "pt", "ro", "ru", "sv", "ta", "tr",
]
DEPTH = {"en": 40000, "de": 25000, "es": 25000, "fr": 25000, "ru": 25000}
DEFAULT_DEPTH = 15000
# A word: letters and marks, optionally joined by apostrophes or hyphens.
WORD = regex.compile(r"^[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*$")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    version = wordfreq.__version__ if hasattr(wordfreq, "__version__") else "3.1.1"
    for lang in LANGUAGES:
        depth = DEPTH.get(lang, DEFAULT_DEPTH)
        rows = []
        for word in wordfreq.top_n_list(lang, depth * 2, wordlist="best"):
            if not WORD.match(word):
                continue
            rows.append((word, wordfreq.zipf_frequency(word, lang, wordlist="best")))
            if len(rows) == depth:
                break
        path = OUT / f"{lang}.txt"
        with path.open("w", encoding="utf-8") as out:
            out.write(f"# wordfreq {version} ({lang}), top {len(rows)} words by Zipf frequency; CC BY-SA 4.0\n")
            out.write("# '@z' starts a group of words whose Zipf frequency rounds to z\n")
            group = None
            for word, zipf in rows:
                rounded = f"{zipf:.1f}"
                if rounded != group:
                    out.write(f"@{rounded}\n")
                    group = rounded
                out.write(f"{word}\n")
        print(f"{lang}: {len(rows)} words, last Zipf {rows[-1][1]:.2f}")


if __name__ == "__main__":
    main()
