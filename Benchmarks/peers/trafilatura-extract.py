#!/usr/bin/env python3
"""trafilatura peer of seedwatch's HTML extraction: the same pages, main text only.

    python3 trafilatura-extract.py FOLDER [ROUNDS]

Prints "trafilatura: N pages, X MB in S s = Y MB/s", best of ROUNDS passes over every `.html`
file under FOLDER (reading the files is not timed). Needs `pip install trafilatura`.
"""
import os, sys, time
import trafilatura

folder = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
pages = []
for root, _, names in os.walk(folder):
    for name in sorted(names):
        if name.endswith(".html"):
            with open(os.path.join(root, name), "rb") as f:
                pages.append(f.read())
size = sum(len(p) for p in pages)
best = None
for _ in range(rounds):
    t = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    elapsed = time.perf_counter() - t
    best = elapsed if best is None else min(best, elapsed)
print(f"trafilatura: {len(pages)} pages, {size / 1e6:.1f} MB in {best:.3f} s = {size / 1e6 / best:.1f} MB/s")
