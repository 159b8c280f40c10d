#!/usr/bin/env python3
"""Builds the background document-frequency table that `seedwatch watch new` scores a seed's words
against (Sources/SeedwatchCore/WatchBuilder/Data/background-df.tsv).

A term is a lower-cased word (a run of letters or digits; an apostrophe splits, so "Russia's" gives
"russia") or two such words in a row within one clause (clauses end at . , ; : ! ? ( ) " and line
breaks). The table counts, per term, the documents of a public news corpus that hold it. Sources
(read where they lie, never copied into the repository):

  ../shared/corpus/articles/giveme5w1h/.../bbc/data_raw/*/*.txt    BBC News 2004-05, 2,225 articles
  ../shared/corpus/articles/ag-news-test/ag_news_csv/test.csv       AG News test set, 7,600 items
  ../shared/corpus/articles/giveme5w1h/.../*.json                   Giveme5W1H news (title + text)

Kept: words in at least 3 documents, word pairs in at least 5 (so the file stays small).
Output: a header line "#documents<TAB>N", then "term<TAB>df" lines sorted by term.

Usage: scripts/build-background-df.py [CORPUS_DIR] [OUT_FILE]
"""
import csv, glob, json, os, re, sys
from collections import Counter

corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
out = sys.argv[2] if len(sys.argv) > 2 else "Sources/SeedwatchCore/WatchBuilder/Data/background-df.tsv"
CLAUSE = re.compile(r"[.,;:!?()\"\n\u201c\u201d]")
WORD = re.compile(r"[^\W_]+", re.UNICODE)

def terms(text):
    found = set()
    for clause in CLAUSE.split(text.lower().replace("\u2019", "'")):
        words = [w for w in WORD.findall(clause) if len(w) > 1 or w.isdigit()]
        found.update(words)
        found.update(a + " " + b for a, b in zip(words, words[1:]))
    return found

docs = []
base = os.path.join(corpus, "articles/giveme5w1h")
for path in sorted(glob.glob(os.path.join(base, "**/bbc/data_raw/*/*.txt"), recursive=True)):
    with open(path, encoding="latin-1") as f:
        docs.append(f.read())
with open(os.path.join(corpus, "articles/ag-news-test/ag_news_csv/test.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        docs.append(row["title"] + "\n" + row["description"].replace("\\", " "))
for path in sorted(glob.glob(os.path.join(base, "**/*.json"), recursive=True)):
    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except (ValueError, UnicodeDecodeError):
        continue
    if isinstance(obj, dict):
        text = "\n".join(str(obj.get(k) or "") for k in ("title", "description", "text"))
        if text.strip():
            docs.append(text)

df = Counter()
for d in docs:
    df.update(terms(d))
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    f.write(f"#documents\t{len(docs)}\n")
    for term in sorted(df):
        n = df[term]
        if n >= (5 if " " in term else 3):
            f.write(f"{term}\t{n}\n")
print(f"{len(docs)} documents -> {out}", file=sys.stderr)
