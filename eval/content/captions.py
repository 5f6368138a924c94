#!/usr/bin/env python3
"""Do the human-judged article bodies hold figure captions? (Decides whether extraction keeps
`<figcaption>`.) For every `<figcaption>` of three tokens or more on the tuning pages, the share
of its 4-token shingles found in the page's gold body; a caption counts as "in gold" above half.

    python3 eval/content/captions.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

run.ensure_venv()
import lxml.html  # noqa: E402  (installed with readability-lxml in eval/.venv)

pages = [p for p in run.load_pages() if not run.is_held_out(p["id"])]
in_gold = not_in_gold = with_captions = 0
for p in pages:
    try:
        doc = lxml.html.fromstring(p["html"].encode())
    except Exception:  # a page lxml cannot read has no captions to count
        continue
    gold, _ = run.shingles(p["articleBody"])
    shares = []
    for caption in doc.xpath("//figcaption"):
        shingles, tokens = run.shingles(" ".join(caption.text_content().split()))
        if len(tokens) >= 3:
            shares.append(sum((shingles & gold).values()) / sum(shingles.values()))
    with_captions += bool(shares)
    in_gold += sum(s > 0.5 for s in shares)
    not_in_gold += sum(s <= 0.5 for s in shares)
print(f"{len(pages)} tuning pages, {with_captions} with captions: {in_gold} captions in the gold body, {not_in_gold} not")
