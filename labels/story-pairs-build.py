#!/usr/bin/env python3
"""Builds the story pairs file (by default var/story-pairs.tsv, not tracked: it is derived from the
corpus and is over 6 MB): pairs of corpus articles labelled 1 (one story) or 0 (separate
stories), for measuring seedwatch's story rule (labels/README.md, "story pairs").

Reads ../shared/corpus (or the folder given as the first argument) where it lies; writes paths
and labels only, never corpus text, to OUT (default var/story-pairs.tsv). The output is the same
on every run for the same corpus; StoryPairEvaluationTests builds it this way. Python 3 standard
library. Run from the repository root:

    python3 labels/story-pairs-build.py [CORPUS [OUT]]

The split column is fixed here, before any threshold was tuned: a group (an event, a BASIL
triplet, a BBC title) is held out ("test") when the first byte of SHA-256 of its name is < 86
(about a third); a pair is "test" when both its groups are, "dev" when neither is, and by the
same hash of its two paths otherwise.
"""
import ast, datetime, glob, hashlib, itertools, json, os, sys

corpus = sys.argv[1] if len(sys.argv) > 1 else '../shared/corpus'
output = sys.argv[2] if len(sys.argv) > 2 else 'var/story-pairs.tsv'
NC = 'articles/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data'
BBC = 'articles/giveme5w1h/Giveme5W1H/examples/datasets/bbc/data_raw'
NORTH_KOREA_EVENTS = {19, 34, 70, 71}   # NK oil from Russia, Kim's olive branch, Hokkaido missile, satellite launch
HOUR = 3600.0

def held_out(name):
    return hashlib.sha256(name.encode()).digest()[0] < 86

def split(group_a, group_b, path_a, path_b):
    a, b = held_out(group_a), held_out(group_b)
    if a == b:
        return 'test' if a else 'dev'
    return 'test' if held_out(path_a + '\t' + path_b) else 'dev'

def date(text):
    if not text or text == 'None':
        return None
    return datetime.datetime.fromisoformat(text[:19])

articles = []   # (path, group, date, description)
for f in sorted(glob.glob(os.path.join(corpus, NC, '*.json'))):
    d = json.load(open(f, encoding='utf-8'))
    c = d['newsCluster'] if isinstance(d['newsCluster'], dict) else ast.literal_eval(d['newsCluster'])
    articles.append((os.path.relpath(f, corpus), 'event %d %s' % (c['EventId'], c['Event']), date(d['date_publish']), c['EventId']))
for f in sorted(glob.glob(os.path.join(corpus, 'articles/basil/articles/*/*.json'))):
    d = json.load(open(f, encoding='utf-8'))
    articles.append((os.path.relpath(f, corpus), 'BASIL triplet %s' % d['triplet-uuid'][:8], date(d['date']), None))

rows = []
for (pa, ga, da, ea), (pb, gb, db, eb) in itertools.combinations(articles, 2):
    if da is None or db is None:
        continue
    hours = abs((da - db).total_seconds()) / HOUR
    if ga == gb:
        if hours <= 48:
            rows.append((pa, pb, 1, split(ga, gb, pa, pb), '%s, %.0f h apart' % (ga, hours)))
        elif ea == 70 and hours > 7 * 24:   # the set's one label for three launches over Japan (Aug, Sep, Nov 2017)
            rows.append((pa, pb, 0, split(ga, gb, pa, pb), 'different missile launches over Japan, %.0f days apart' % (hours / 24)))
        continue   # otherwise the same event reported days later is outside the rule's 48 h
    nk = ea in NORTH_KOREA_EVENTS and eb in NORTH_KOREA_EVENTS
    if hours <= 7 * 24 or nk:
        why = 'North Korea, different events' if nk else 'different events'
        rows.append((pa, pb, 0, split(ga, gb, pa, pb), '%s (%s / %s), %.0f h apart' % (why, ga, gb, hours)))

# BBC 2004-05: files with the same headline are versions of one story (the set holds updated copies).
bbc = {}
for f in sorted(glob.glob(os.path.join(corpus, BBC, '*/*.txt'))):
    title = open(f, encoding='latin-1').readline().strip()
    bbc.setdefault(title, []).append(os.path.relpath(f, corpus))
for title, paths in sorted(bbc.items()):
    for pa, pb in itertools.combinations(paths, 2):
        group = 'BBC title ' + title
        rows.append((pa, pb, 1, split(group, group, pa, pb), 'BBC versions of one story (same headline)'))

os.makedirs(os.path.dirname(output) or '.', exist_ok=True)
with open(output, 'w', encoding='utf-8') as out:
    out.write('# PATH_A\tPATH_B\tLABEL (1 one story, 0 separate)\tSPLIT (dev|test)\treason — built by labels/story-pairs-build.py\n')
    for r in rows:
        out.write('%s\t%s\t%d\t%s\t%s\n' % r)
count = lambda lab, sp: sum(1 for r in rows if r[2] == lab and r[3] == sp)
print('dev: %d one story, %d separate; test: %d one story, %d separate' % (count(1, 'dev'), count(0, 'dev'), count(1, 'test'), count(0, 'test')))
