#!/usr/bin/env python3
"""Where our extractor loses, page by page, on the TUNING pages only (ids starting 4–f).

    python3 eval/content/errors.py               # per-page P/R/F1 of ours and trafilatura, worst first
    python3 eval/content/errors.py --diff ID     # the gold body's lines we missed and our lines not in gold

Held-out pages (ids starting 0–3) are never listed or diffed here, so that their figure in
run.py stays a measure on pages nobody looked at while tuning.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the evaluation's loader, metric and runner)


def page_score(gold, got):
    s = run.score([(gold, got)])
    return s["precision"], s["recall"], s["f1"]


def diff(gold, got):
    """Lines of one side whose 4-token shingles mostly miss the other side."""
    gold_shingles, _ = run.shingles(gold)
    got_shingles, _ = run.shingles(got)

    def unmatched(text, other):
        out = []
        for line in text.splitlines():
            sh, _ = run.shingles(line)
            if not sh:
                continue
            missing = sum((sh - other).values()) / max(1, sum(sh.values()))
            if missing > 0.5:
                out.append(line.strip())
        return out

    return unmatched(gold, got_shingles), unmatched(got, gold_shingles)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--diff", nargs="*", default=[])
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args()
    run.ensure_venv()
    pages = [p for p in run.load_pages() if not run.is_held_out(p["id"])]
    ours = run.run_ours(pages, "article")
    theirs = {} if args.no_trafilatura else run.run_python(pages, "trafilatura")[0]
    rows = []
    for p in pages:
        po, ro, fo = page_score(p["articleBody"], ours[p["id"]]["body"])
        ft = page_score(p["articleBody"], theirs[p["id"]])[2] if theirs else float("nan")
        rows.append((fo, po, ro, ft, p["id"], p["url"]))
    rows.sort()
    print("| ours F1 | P | R | trafilatura F1 | id | url |")
    print("| --- | --- | --- | --- | --- | --- |")
    for fo, po, ro, ft, page_id, url in rows:
        if fo < 0.99:
            print(f"| {fo:.3f} | {po:.3f} | {ro:.3f} | {ft:.3f} | {page_id} | {url} |")
    by_id = {p["id"]: p for p in pages}
    for page_id in args.diff:
        if page_id not in by_id:
            print(f"\n{page_id}: not a tuning page")
            continue
        missed, extra = diff(by_id[page_id]["articleBody"], ours[page_id]["body"])
        print(f"\n## {page_id}\n\n### missed (in gold, not ours)")
        for line in missed:
            print(f"- {line[:300]}")
        print("\n### extra (ours, not in gold)")
        for line in extra:
            print(f"+ {line[:300]}")


if __name__ == "__main__":
    main()
