#!/usr/bin/env python3
"""Hyperscan peer of `seedwatch scan`: the same alias and term list, caseless, whole words.

    python3 hyperscan-scan.py PATTERNS FILE [ROUNDS]

Prints "hyperscan: N MB in S s = X MB/s (M matches)", best of ROUNDS block-mode scans of FILE
(compilation not timed). Needs `pip install hyperscan`.
"""
import re, sys, time
import hyperscan

patterns_path, file_path = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
words = [w for w in open(patterns_path, encoding="utf-8").read().split("\n") if w]
expressions = [(r"\b" + re.escape(w) + r"\b").encode("utf-8") for w in words]
db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
db.compile(expressions=expressions, ids=list(range(len(expressions))),
           flags=[hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_UTF8] * len(expressions))
data = open(file_path, "rb").read()
count = [0]
def on_match(id, start, end, flags, context):
    count[0] += 1
best = None
for _ in range(rounds):
    count[0] = 0
    t = time.perf_counter()
    db.scan(data, match_event_handler=on_match)
    elapsed = time.perf_counter() - t
    best = elapsed if best is None else min(best, elapsed)
print(f"hyperscan: {len(data) / 1e6:.1f} MB in {best:.3f} s = {len(data) / 1e6 / best:.0f} MB/s ({count[0]} matches)")
