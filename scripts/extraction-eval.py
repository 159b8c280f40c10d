#!/usr/bin/env python3
"""Measures HTML article extraction: seedwatch beside trafilatura, on the shared HTML suites.

Usage (from the repository root, after `swift build -c release --product seedwatch`):

    python3 scripts/extraction-eval.py [--seedwatch .build/release/seedwatch]
        [--corpus ../shared/corpus] [--scrapinghub DIR] [--runs 3] [--ngram 1]
        [--split all|tune|heldout] [--pages] [--dump DIR] [--no-trafilatura]

Run it with a Python that has trafilatura (`python3 -m venv /tmp/venv && /tmp/venv/bin/pip install
trafilatura lxml_html_clean`) to measure trafilatura beside seedwatch; without it, seedwatch's
figures alone are printed.

Suites (pages with a reference body text):
- scrapinghub: scrapinghub/article-extraction-benchmark (`html/*.html.gz`, `ground-truth.json`
  articleBody), given with --scrapinghub (a checkout; it is not in ../shared).
- readability: mozilla/readability `test/test-pages/*/source.html`, reference `expected.html` as text.
- fundus: flairNLP/fundus `test_data/*/*.html.gz`, reference the body (summary, section headlines
  and paragraphs) of the matching version in `<Publisher>.json` (versions sorted ↔ files sorted).
- newspaper4k: `tests/data/html/X.html`, reference `tests/data/txt/X.txt`.
And trafilatura's `tests/evaldata.subset.json`: per page, strings that must (`with`) and must not
(`without`) appear in the extracted text; the figure is the share of those assertions that pass.

Quality: scrapinghub's evaluate.py metric. Per page, tokens (`\\w+`, or n-grams of them with
--ngram) of the extracted body and of the reference are matched as multisets; tp/fp/fn are
normalised per page; precision and recall are averaged over pages and F1 is their harmonic mean.

Hold-out: each page belongs to the `tune` or the `heldout` half by the first byte of SHA-256 of
"suite/relative path" (even: tune, odd: heldout), fixed before any tuning. Heuristics are tuned
on `tune`; the figures to report are `heldout` (and `all`).

Speed: seedwatch is timed as one `seedwatch extract --json` process over a suite's files (start-up,
reading, gzip, decoding, extraction, language detection and JSON output included); trafilatura as
the sum of its `extract(html, include_comments=False)` calls on bytes already read and
inflated. Best of --runs, interleaved. MB/s counts the pages' HTML bytes (inflated), 10^6 bytes.
"""
import argparse
import collections
import gzip
import hashlib
import html.parser
import json
import os
import pathlib
import re
import subprocess
import sys
import time

TOKEN = re.compile(r"\w+", re.UNICODE)


class Page:
    def __init__(self, suite, key, path, reference=None, must=None, must_not=None):
        self.suite, self.key, self.path = suite, key, path
        self.reference, self.must, self.must_not = reference, must or [], must_not or []
        digest = hashlib.sha256(f"{suite}/{key}".encode()).digest()
        self.split = "tune" if digest[0] % 2 == 0 else "heldout"
        self._html = None

    def html(self):
        if self._html is None:
            data = pathlib.Path(self.path).read_bytes()
            self._html = gzip.decompress(data) if self.path.endswith(".gz") else data
        return self._html


class TextOfHTML(html.parser.HTMLParser):
    """Visible text of a reference HTML fragment, one block a line (stdlib only)."""
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "pre",
              "section", "article", "figcaption", "dd", "dt", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(source):
    parser = TextOfHTML()
    parser.feed(source)
    parser.close()
    return "".join(parser.parts)


def scrapinghub_pages(root):
    if not root:
        return []
    root = pathlib.Path(root)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf8"))
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        if key in truth:
            pages.append(Page("scrapinghub", path.name, str(path), reference=truth[key].get("articleBody") or ""))
    return pages


def readability_pages(corpus):
    root = corpus / "html/readability/test/test-pages"
    pages = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        source, expected = folder / "source.html", folder / "expected.html"
        if source.is_file() and expected.is_file():
            reference = html_text(expected.read_text(encoding="utf8", errors="replace"))
            pages.append(Page("readability", folder.name, str(source), reference=reference))
    return pages


def fundus_body(version):
    body = version.get("body") or {}
    if not isinstance(body, dict):
        return None
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    return "\n".join(parts) if parts else None


def version_order(name):
    return [int(n) for n in re.findall(r"\d+", name)] or [0]


def fundus_pages(corpus):
    root = corpus / "html/fundus/tests/resources/parser/test_data"
    pages = []
    for expected in sorted(root.glob("*/*.json")) if root.is_dir() else []:
        versions = json.loads(expected.read_text(encoding="utf8"))
        files = sorted(expected.parent.glob(expected.stem + "_*.html.gz"))
        names = sorted(versions, key=version_order)
        if len(files) != len(names):
            continue
        for name, path in zip(names, files):
            reference = fundus_body(versions[name])
            if reference:
                key = str(path.relative_to(root))
                pages.append(Page("fundus", key, str(path), reference=reference))
    return pages


def newspaper4k_pages(corpus):
    root = corpus / "html/newspaper4k/tests/data"
    pages = []
    for path in sorted((root / "html").glob("*.html")) if root.is_dir() else []:
        text = root / "txt" / (path.stem + ".txt")
        if text.is_file():
            pages.append(Page("newspaper4k", path.name, str(path),
                              reference=text.read_text(encoding="utf8", errors="replace")))
    return pages


def trafilatura_pages(corpus):
    root = corpus / "html/trafilatura/tests"
    index = root / "evaldata.subset.json"
    if not index.is_file():
        return []
    pages = []
    for url, entry in sorted(json.loads(index.read_text(encoding="utf8")).items()):
        for folder in ("eval", "cache"):
            path = root / folder / entry["file"]
            if path.is_file():
                pages.append(Page("trafilatura", entry["file"], str(path),
                                  must=entry.get("with"), must_not=entry.get("without")))
                break
    return pages


def ngrams(text, n):
    tokens = TOKEN.findall(text or "")
    if n == 1:
        return collections.Counter(tokens)
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(reference, extracted, n):
    true, pred = ngrams(reference, n), ngrams(extracted, n)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision(tp, fp, fn):
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def recall(tp, fp, fn):
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def f1_of(counts):
    """scrapinghub's aggregate: mean precision, mean recall, F1 of the means."""
    ps = [precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def collapse(text):
    return " ".join((text or "").replace("\u00ad", "").split())


def assertions(page, text):
    text = collapse(text)
    passed = sum(collapse(s) in text for s in page.must) + sum(collapse(s) not in text for s in page.must_not)
    return passed, len(page.must) + len(page.must_not)


def run_seedwatch(binary, pages):
    """(seconds, {path: (title, body)}) of one `seedwatch extract --json` over the pages."""
    start = time.perf_counter()
    done = subprocess.run([binary, "extract", "--json"] + [p.path for p in pages],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 65):
        sys.exit(f"seedwatch extract failed ({done.returncode}): {done.stderr.decode(errors='replace')[:500]}")
    results = {}
    for line in done.stdout.splitlines():
        obj = json.loads(line)
        results.setdefault(obj["path"], (obj["title"], obj["text"]))
    return seconds, results


def run_trafilatura(pages):
    import trafilatura
    results, seconds = {}, 0.0
    for page in pages:
        data = page.html()
        start = time.perf_counter()
        text = trafilatura.extract(data, include_comments=False) or ""
        seconds += time.perf_counter() - start
        results[page.path] = ("", text)
    return seconds, results


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seedwatch", default=str(root / ".build/release/seedwatch"))
    parser.add_argument("--corpus", default=str(root.parent / "shared/corpus"))
    parser.add_argument("--scrapinghub", help="a checkout of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per extractor; the best counts")
    parser.add_argument("--ngram", type=int, default=1, help="1: token F1; 4: scrapinghub's shingles")
    parser.add_argument("--split", choices=["all", "tune", "heldout"], help="only this half (default: every row)")
    parser.add_argument("--suite", action="append", help="only these suites")
    parser.add_argument("--pages", action="store_true", help="print seedwatch's F1 per page, worst first")
    parser.add_argument("--dump", help="write each page's extracted text (NAME.txt, trafilatura's NAME.trafilatura) "
                        "and reference (NAME.ref) into this folder")
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args()

    corpus = pathlib.Path(args.corpus)
    pages = (scrapinghub_pages(args.scrapinghub) + readability_pages(corpus) + fundus_pages(corpus)
             + newspaper4k_pages(corpus) + trafilatura_pages(corpus))
    if args.suite:
        pages = [p for p in pages if p.suite in args.suite]
    if args.split in ("tune", "heldout"):
        pages = [p for p in pages if p.split == args.split]
    if not pages:
        sys.exit(f"no pages found under {corpus}")
    suites = list(dict.fromkeys(p.suite for p in pages))

    peers = {"seedwatch": lambda ps: run_seedwatch(args.seedwatch, ps)}
    if not args.no_trafilatura:
        try:
            import trafilatura  # noqa: F401
            peers["trafilatura"] = run_trafilatura
        except ImportError:
            print("trafilatura is not installed for this Python: seedwatch's figures only", file=sys.stderr)

    outputs = {name: {} for name in peers}
    times = {name: {s: float("inf") for s in suites} for name in peers}
    for suite in suites:
        members = [p for p in pages if p.suite == suite]
        for p in members:
            p.html()
        for _ in range(max(1, args.runs)):
            for name, run in peers.items():
                seconds, results = run(members)
                times[name][suite] = min(times[name][suite], seconds)
                outputs[name].update(results)

    if args.dump:
        folder = pathlib.Path(args.dump)
        folder.mkdir(parents=True, exist_ok=True)
        for p in pages:
            title, body = outputs["seedwatch"].get(p.path, ("", ""))
            name = f"{p.suite}--{p.key.replace('/', '_')}"
            (folder / (name + ".txt")).write_text(title + "\n" + body + "\n", encoding="utf8")
            if "trafilatura" in outputs:
                (folder / (name + ".trafilatura")).write_text(outputs["trafilatura"].get(p.path, ("", ""))[1], encoding="utf8")
            if p.reference is not None:
                (folder / (name + ".ref")).write_text(p.reference, encoding="utf8")

    def text(name, page, with_title):
        title, body = outputs[name].get(page.path, ("", ""))
        return (title + "\n" + body) if with_title and title else body

    print(f"Extraction quality ({'token' if args.ngram == 1 else str(args.ngram) + '-gram'} F1, P, R; "
          f"must/must-not pass rate), hold-out split by SHA-256 of the page name")
    names = list(peers)
    header = "| suite | half | pages | " + " | ".join(f"{n} F1 (P, R)" for n in names) + " |"
    print(header)
    print("|" + "---|" * (3 + len(names)))
    halves = [args.split] if args.split else ["tune", "heldout", "all"]
    for suite in suites + ["all F1 suites"]:
        for half in halves:
            if suite == "all F1 suites":
                members = [p for p in pages if p.reference is not None]
            else:
                members = [p for p in pages if p.suite == suite]
            if half != "all":
                members = [p for p in members if p.split == half]
            if not members:
                continue
            cells = []
            for name in names:
                if members[0].reference is None:
                    passed = total = 0
                    for p in members:
                        a, b = assertions(p, text(name, p, with_title=True))
                        passed, total = passed + a, total + b
                    cells.append(f"{passed}/{total} = {passed / total:.3f}" if total else "–")
                else:
                    f1, pr, rc = f1_of([tp_fp_fn(p.reference, text(name, p, False), args.ngram) for p in members])
                    cells.append(f"{f1:.3f} ({pr:.3f}, {rc:.3f})")
            print(f"| {suite} | {half} | {len(members)} | " + " | ".join(cells) + " |")

    print()
    print("Extraction speed (best of %d runs)" % max(1, args.runs))
    print("| suite | pages | MB | " + " | ".join(f"{n} pages/s, MB/s" for n in names) + " |"
          + (" seedwatch ÷ trafilatura |" if "trafilatura" in names else ""))
    print("|" + "---|" * (3 + len(names) + (1 if "trafilatura" in names else 0)))
    for suite in suites + ["all"]:
        members = pages if suite == "all" else [p for p in pages if p.suite == suite]
        megabytes = sum(len(p.html()) for p in members) / 1e6
        cells, seconds = [], {}
        for name in names:
            seconds[name] = sum(times[name].values()) if suite == "all" else times[name][suite]
            cells.append(f"{len(members) / seconds[name]:.1f}, {megabytes / seconds[name]:.1f}")
        ratio = f" {seconds['trafilatura'] / seconds['seedwatch']:.1f}× |" if "trafilatura" in names else ""
        print(f"| {suite} | {len(members)} | {megabytes:.1f} | " + " | ".join(cells) + " |" + ratio)

    if args.pages:
        print()
        scored = []
        for p in pages:
            if p.reference is None:
                a, b = assertions(p, text("seedwatch", p, True))
                scored.append((a / b if b else 1.0, "pass", p))
            else:
                f1, pr, rc = f1_of([tp_fp_fn(p.reference, text("seedwatch", p, False), args.ngram)])
                scored.append((f1, f"P {pr:.2f} R {rc:.2f}", p))
        for score, detail, p in sorted(scored, key=lambda s: s[0]):
            if score < 0.999:
                extra = ""
                if "trafilatura" in outputs and p.reference is not None:
                    extra = " traf %.3f" % f1_of([tp_fp_fn(p.reference, text("trafilatura", p, False), args.ngram)])[0]
                print(f"{score:.3f} {detail}{extra} {p.split} {p.suite} {p.key}")


if __name__ == "__main__":
    main()
