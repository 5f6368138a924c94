#!/usr/bin/env python3
"""Article-body extraction and publication dates on the development pages, side by side.

    python3 eval/content/run.py              # Markdown report (all pages, tuning and held-out halves)
    python3 eval/content/run.py --pages ID   # also prints our body of one page

Pages: ../shared/dev/article-extraction/ (121 real news pages with human article bodies).
Held out: pages whose id starts with 0, 1, 2 or 3 (about a quarter) were never looked at while
tuning the extractor; the report gives them apart.

Metric (the benchmark's own, see that folder's README): `\\w+` tokens, 4-token shingles as
multisets, TP/FP/FN normalised per page, precision and recall averaged over pages, F1 of the
means; "exact" = token lists equal.

Extractors: ours (`cargo run --release --example content_eval`, `text` cut to `page.body`),
our text without extraction (the baseline), trafilatura, readability-lxml, newspaper4k, all
from PyPI in eval/.venv.

Dates: eval/content/dates.tsv holds each page's publication date as the page states it
(written by hand from the visible page); ours (top-level `published_date`) against htmldate's
(`find_date(..., original_date=True)`).
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEV = os.path.join(ROOT, "..", "shared", "dev", "article-extraction")
VENV = os.path.join(ROOT, "eval", ".venv")
PACKAGES = ["trafilatura==2.3.1", "readability-lxml==0.9", "newspaper4k==0.9.6", "htmldate==1.11.0", "lxml_html_clean==0.4.6"]
TOKEN = re.compile(r"\w+", re.UNICODE)


def ensure_venv():
    """Re-runs this script inside eval/.venv with the competitors installed."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        # The pip a fresh venv brings (23.2) fails to resolve lxml's `html_clean` extra.
        subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", *PACKAGES], check=True)
    os.execv(python, [python, *sys.argv])


def is_held_out(page_id):
    return page_id[0] in "0123"


def load_pages():
    pages = []
    with open(os.path.join(DEV, "ground-truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            with gzip.open(os.path.join(DEV, "pages", item["id"] + ".html.gz"), "rt", encoding="utf-8", errors="replace") as g:
                item["html"] = g.read()
            pages.append(item)
    return pages


def shingles(text):
    tokens = TOKEN.findall(text or "")
    if len(tokens) < 4:
        return collections.Counter([tuple(tokens)]) if tokens else collections.Counter(), tokens
    return collections.Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)), tokens


def score(pairs):
    """pairs: [(gold, extracted)] -> dict of precision, recall, f1, exact."""
    precisions, recalls, exact = [], [], 0
    for gold, got in pairs:
        g, gt = shingles(gold)
        e, et = shingles(got)
        tp = sum((g & e).values())
        fp = sum((e - g).values())
        fn = sum((g - e).values())
        total = tp + fp + fn
        if total == 0:
            precisions.append(1.0)
            recalls.append(1.0)
        else:
            tp, fp, fn = tp / total, fp / total, fn / total
            if fp == 0 and fn == 0:
                precisions.append(1.0)
                recalls.append(1.0)
            else:
                if tp + fp > 0:
                    precisions.append(tp / (tp + fp))
                if tp + fn > 0:
                    recalls.append(tp / (tp + fn))
        exact += gt == et
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "exact": exact / max(1, len(pairs))}


def run_ours(pages, extraction):
    # EVAL_PROFILE=dev builds faster while iterating; the reported figures use release.
    dev = os.environ.get("EVAL_PROFILE") == "dev"
    subprocess.run(["cargo", "build", "-q", *([] if dev else ["--release"]), "--example", "content_eval"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "debug" if dev else "release", "examples", "content_eval")
    payload = "".join(json.dumps({"id": p["id"], "url": p["url"], "html": p["html"]}) + "\n" for p in pages)
    out = subprocess.run([binary, "--extraction", extraction], input=payload, capture_output=True, text=True, check=True)
    return {row["id"]: row for row in map(json.loads, out.stdout.splitlines())}


def run_python(pages, name):
    results, seconds = {}, 0.0
    if name == "trafilatura":
        import trafilatura
        extract = lambda p: trafilatura.extract(p["html"], url=p["url"], favor_precision=False) or ""
    elif name == "readability-lxml":
        from readability import Document
        import lxml.html
        def extract(p):
            summary = Document(p["html"]).summary(html_partial=True)
            return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    elif name == "newspaper4k":
        import newspaper
        def extract(p):
            # No image fetching: newspaper would download every image to rank them.
            article = newspaper.Article(p["url"], fetch_images=False)
            article.download(input_html=p["html"])
            article.parse()
            return article.text
    print(f"running {name}", file=sys.stderr)
    for p in pages:
        started = time.perf_counter()
        try:
            results[p["id"]] = extract(p)
        except Exception:  # an extractor failing on a page scores that page empty
            results[p["id"]] = ""
        seconds += time.perf_counter() - started
    return results, seconds


def load_dates():
    dates = {}
    path = os.path.join(HERE, "dates.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            page_id, date = line.rstrip("\n").split("\t")[:2]
            dates[page_id] = date
    return dates


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", nargs="*", default=[])
    parser.add_argument("--only-ours", action="store_true", help="skip the other extractors and htmldate")
    args = parser.parse_args()
    ensure_venv()
    pages = load_pages()
    mb = sum(len(p["html"].encode()) for p in pages) / 1e6
    ours = run_ours(pages, "article")
    whole = run_ours(pages, "none")
    systems = {"textanalytics": {k: v["body"] for k, v in ours.items()}, "no extraction": {k: v["body"] for k, v in whole.items()}}
    seconds = {"textanalytics": sum(v["seconds"] for v in ours.values()), "no extraction": sum(v["seconds"] for v in whole.values())}
    for name in [] if args.only_ours else ["trafilatura", "readability-lxml", "newspaper4k"]:
        systems[name], seconds[name] = run_python(pages, name)
    splits = {
        "all": pages,
        "tuning": [p for p in pages if not is_held_out(p["id"])],
        "held out": [p for p in pages if is_held_out(p["id"])],
    }
    print(f"# Article bodies: {len(pages)} dev pages ({mb:.1f} MB of HTML)\n")
    print("| extractor | split | pages | precision | recall | F1 | exact | seconds (all pages) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, found in systems.items():
        for split, chosen in splits.items():
            s = score([(p["articleBody"], found.get(p["id"], "")) for p in chosen])
            secs = f"{seconds[name]:.2f}" if split == "all" else ""
            print(f"| {name} | {split} | {len(chosen)} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | {s['exact']:.3f} | {secs} |")

    for page_id in args.pages:
        print(f"\n## {page_id}\n\n{ours.get(page_id, {}).get('body', '')}")
    if args.only_ours:
        return
    dates = load_dates()
    from htmldate import find_date
    right = collections.Counter()
    for p in pages:
        if p["id"] not in dates:
            continue
        gold = dates[p["id"]]
        try:
            theirs = find_date(p["html"], url=p["url"], original_date=True, outputformat="%Y-%m-%d") or ""
        except Exception:
            theirs = ""
        right["textanalytics"] += ours[p["id"]]["published_date"] == gold
        right["htmldate"] += theirs == gold
        right["pages"] += 1
    print(f"\n# Publication dates: {right['pages']} annotated pages (eval/content/dates.tsv)\n")
    print("| system | right | share |")
    print("| --- | --- | --- |")
    for name in ["textanalytics", "htmldate"]:
        print(f"| {name} | {right[name]} | {right[name] / max(1, right['pages']):.3f} |")


if __name__ == "__main__":
    main()
