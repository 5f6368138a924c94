"""Regenerates data/language/word_pairs.tsv from the wordfreq package.

Some languages of the detector are near-twins whose character n-gram models barely tell them
apart on a sentence (Indonesian and Malay, Norwegian Bokmål and Danish, Spanish and
Portuguese, Czech and Slovak, Slovene and Croatian; and Tagalog, often written with English
words in it, and English), while their everyday
words differ: Indonesian writes `bisa`, `karena`, `kantor` where Malay writes `boleh`,
`kerana`, `pejabat`. For each such pair this lists every word of either language's most common
words whose frequency differs between the two, with the log-likelihood ratio of a unigram
word model, in the detector's quantised steps (1/8 nat): round(min(|zA - zB|, CAP) * ln 10 * 8),
where z is wordfreq's Zipf frequency (log10 per billion words) and the sign is carried by
naming the language the word favours. The detector sums these per pair and uses the sum only
to decide between the pair's two languages (see src/analysis/language/word_pairs.rs).

The table is an adaptation of wordfreq's data, CC BY-SA 4.0 (see data/README.md for the
recorded share-alike decision). Deterministic: the same wordfreq version gives the same file.

    eval/.venv/bin/pip install wordfreq==3.1.1
    eval/.venv/bin/python eval/language/make_word_pairs.py
"""

import math
import pathlib

import wordfreq

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "language" / "word_pairs.tsv"

# (wordfreq code, detector code) of each pair, in the order of PAIRS in word_pairs.rs.
PAIRS = [(("id", "ind"), ("ms", "msa")), (("nb", "nob"), ("da", "dan")), (("es", "spa"), ("pt", "por")), (("cs", "ces"), ("sk", "slk")), (("sl", "slv"), ("sh", "hrv")), (("fil", "tgl"), ("en", "eng"))]
# Words taken from each language's list, most common first (30,000 scored 0.01 point higher on
# the development data's tuning part for a table 60% larger).
DEPTH = 20000
# The largest difference counted for one word, in Zipf units (a factor of 100): a word one
# list lacks would otherwise weigh without bound.
CAP = 2.0


def common_words(lang: str) -> set:
    return {w for w in wordfreq.top_n_list(lang, DEPTH, wordlist="best") if w.isalpha()}


def main() -> None:
    rows = []
    for (a, code_a), (b, code_b) in PAIRS:
        for word in sorted(common_words(a) | common_words(b)):
            gap = wordfreq.zipf_frequency(word, a, wordlist="best") - wordfreq.zipf_frequency(word, b, wordlist="best")
            steps = round(min(abs(gap), CAP) * math.log(10) * 8)
            if steps:
                rows.append((word, code_a if gap > 0 else code_b, steps))
    rows.sort()
    with OUT.open("w", encoding="utf-8") as out:
        out.write(f"# word\tlanguage it favours\tsteps (1/8 nat); from wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'}, CC BY-SA 4.0; eval/language/make_word_pairs.py\n")
        for word, code, steps in rows:
            out.write(f"{word}\t{code}\t{steps}\n")


if __name__ == "__main__":
    main()
