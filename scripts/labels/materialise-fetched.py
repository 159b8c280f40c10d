#!/usr/bin/env python3
"""Rebuild the folder of fetched, labelled non-English articles from snapshots under /work/.mirror.

The labels file (default `labels/fetched.tsv`) has one line per article:
`PATH<TAB>LABEL<TAB>reason<TAB>language<TAB>source`, where PATH is relative to the output folder
(default `var/corpus-fetched/`) and source is `owner/name@commit:path`, optionally followed by
`#N` for record N (0-based) inside a larger file. Articles are not kept in the repository: this
script reads them out of the bare git snapshots that the `fetch` tool leaves at
`MIRROR/owner+name/repo` and writes one file per label line.

How each source becomes a file the drop folder reads (README "The drop folder"):
- a Markdown article with clean text (nguyenvulebinh/trends): copied byte for byte;
- a Markdown/Jekyll post whose body is HTML or uses HTML entities (ljzac/ljzac.github.io,
  cynaramaira/jamildorep): a derived `.md` with front matter `title`, `date` (and `url` when the
  post names one) and the body with tags removed and entities decoded;
- a row of a CSV file (tblock/10kGNAD `test.csv`, `label;'text'`): a derived `.txt` whose first
  line is the text's first sentence (the dataset has no separate title) and the rest the body;
- a `## ` section of a daily digest (douglasgreen/news `YYYY/MM/DD/LANG.md`): a derived `.md`
  with front matter `title` (the section heading) and `date` (from the path);
- an entry of a daily RSS link file (rumca-js/RSS-Link-Database-YYYY
  `YYYY/MM/YYYY-MM-DD/FEED_entries.json`, `{"entries": [{"title", "link", "date_published",
  "description", ...}]}` or, in early files, the bare array; record N = entry N): a derived `.md` with front matter `title`, `date`
  (the entry's `date_published`, UTC), `url` (its `link`), and the description, tags removed and
  entities decoded, as the body — the item as the feed showed it;
- an `<article>` of a Le Monde RSS extract (Yidi-Huang/LeMondeTopic2022
  `articles_par_international.xml`, `<date month="Mar" day="14"><article><title>…<description>…`,
  all from 2022; record N = the N-th `<article>` in document order) or an item of its JSON array
  `economie.json` (`{"category", "date": "Jul 09", "title", "description"}`, record N = item N):
  a derived `.md` with front matter `title` and `date`, and the RSS description as the body;
- an `<article source="…" date="…">` element of a news-podcast prompt (p1va/news-in-brief
  `italy-today/artifacts/YYYY-MM-DD/YYYY-MM-DD-user-message.md`, the Italian RSS items the show
  was given: a first line with the item's title, further lines with its description; `date` in
  RFC 5322 or ISO 8601 form; record N = the N-th `<article ` element in document order): a derived `.md`
  with front matter `title`, `date` (UTC) and `source` (the outlet), the description as the body;
- an item of a stored RSS feed in JSON (albertbus/news-feed `FEED_rss_feed.json`, `{"items": [{"title",
  "description", "link", "published"}]}` with `published` in milliseconds since 1970 UTC; record N =
  item N): a derived `.md` with front matter `title`, `date` (UTC) and `url`, the description, tags
  removed and entities decoded, as the body;
- an article teaser of a news front-page snapshot (defgsus/frontpage-archive-2026
  `docs/snapshots/SITE/PAGE.json`, `{"timestamp", "articles": [{"title", "teaser", "url"}]}`; record
  N = article N): a derived `.md` with front matter `title` and `url`, the teaser (when there is one)
  as the body; no date (a front page does not say when a story was published).

Missing snapshots are reported with the `fetch` call that brings them in; they are not errors.
Exit status: 0 when every article whose snapshot is present was written; 1 when a label line is
malformed, a path or record is absent from a present snapshot, or a file cannot be written;
2 for bad arguments. Python 3 standard library only.
"""

import argparse
import csv
import datetime
import email.utils
import html
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SOURCE_RE = re.compile(r"^(?P<repo>[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*)"
                       r"@(?P<commit>[0-9a-f]{7,40}):(?P<path>[^#]+?)(?:#(?P<record>\d+))?$")

# How each known repository's records become drop-folder files (see the module docstring).
CONVERTERS = {
    "nguyenvulebinh/trends": "copy",
    "ljzac/ljzac.github.io": "jekyll-html",
    "cynaramaira/jamildorep": "jekyll-html",
    "tblock/10kGNAD": "csv-10kgnad",
    "douglasgreen/news": "digest-sections",
    "Yidi-Huang/LeMondeTopic2022": "lemonde-2022",
    "rumca-js/RSS-Link-Database-2022": "rss-link-entries",
    "rumca-js/RSS-Link-Database-2023": "rss-link-entries",
    "p1va/news-in-brief": "tagged-articles",
    "albertbus/news-feed": "rss-json-items",
    "defgsus/frontpage-archive-2026": "frontpage-articles",
}

MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}


class LabelError(Exception):
    """A problem with one label line or its record; reported, counted, and the run goes on."""


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--labels", default=os.path.join(repo_root, "labels", "fetched.tsv"),
                   help="labels TSV (default: labels/fetched.tsv)")
    p.add_argument("--out", default=os.path.join(repo_root, "var", "corpus-fetched"),
                   help="output folder (default: var/corpus-fetched)")
    p.add_argument("--mirror", default="/work/.mirror",
                   help="folder holding fetched snapshots as owner+name/repo (default: /work/.mirror)")
    return p.parse_args(argv)


def read_labels(path):
    """Returns a list of (line number, out path, source dict); raises LabelError on a bad line."""
    rows, problems = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                problems.append(f"{path}:{n}: expected 5 tab-separated columns, found {len(cols)}")
                continue
            out_path, label, _reason, lang, source = cols
            m = SOURCE_RE.match(source)
            if label not in ("0", "1", "2") or not re.fullmatch(r"[a-z]{2}", lang) or not m:
                problems.append(f"{path}:{n}: bad label, language or source: {line!r}")
                continue
            if os.path.isabs(out_path) or ".." in out_path.split("/"):
                problems.append(f"{path}:{n}: PATH must stay inside the output folder: {out_path!r}")
                continue
            src = m.groupdict()
            src["record"] = None if src["record"] is None else int(src["record"])
            rows.append((n, out_path, src))
    return rows, problems


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], capture_output=True)


def snapshot_dir(mirror, repo):
    return os.path.join(mirror, repo.replace("/", "+"), "repo")


def snapshot_state(mirror, repo, commit):
    """'ok', or a sentence saying why the snapshot cannot be read."""
    d = snapshot_dir(mirror, repo)
    if not os.path.isdir(d):
        return f"not fetched (no {d})"
    if git(d, "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        return f"present at {d} but without commit {commit} (fetch a newer snapshot)"
    return "ok"


def split_front_matter(text):
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)\Z", text, re.S)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        if ":" in line and not line[:1].isspace():
            k, v = line.split(":", 1)
            v = v.strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            meta.setdefault(k.strip().lower(), v)
    return meta, m.group(2)


def html_to_text(body):
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    body = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h[1-6]>|</li>", "\n", body)
    body = re.sub(r"<[^>]+>", " ", body)
    body = html.unescape(body)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", body)          # Markdown images
    lines = [re.sub(r"[ \t\u00a0]+", " ", l).strip() for l in body.splitlines()]
    text, blank = [], False
    for l in lines:
        if l:
            text.append(l)
            blank = False
        elif not blank and text:
            text.append("")
            blank = True
    return "\n".join(text).strip() + "\n"


def yaml_quote(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def markdown_article(title, date, url, body):
    head = ["---", f"title: {yaml_quote(title)}"]
    if date:
        head.append(f"date: {date}")
    if url:
        head.append(f"url: {url}")
    head.append("---")
    return ("\n".join(head) + "\n\n" + body).encode("utf-8")


def convert_jekyll_html(data, src):
    meta, body = split_front_matter(data.decode("utf-8", errors="replace"))
    title = html.unescape(re.sub(r"<[^>]+>", " ", meta.get("title", ""))).strip()
    date = meta.get("date", "")
    if not date:  # ljzac posts: _posts/YYYY/MM/DD/HHMM-slug; the time zone is not stated, so the day only
        m = re.search(r"_posts/(\d{4})/(\d{2})/(\d{2})/", src["path"])
        if m:
            date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    url = meta.get("url", "")
    return markdown_article(title, date, url, html_to_text(body))


def convert_csv_10kgnad(data, src):
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";", quotechar="'"))
    n = src["record"]
    if n is None or n >= len(rows) or len(rows[n]) != 2:
        raise LabelError(f"no record #{n} (label;text) in {src['path']}")
    text = re.sub(r"\s+", " ", rows[n][1]).strip()
    m = re.match(r"(.{20,300}?[.!?])\s+(?=\S)", text)
    title, body = (m.group(1), text[m.end():]) if m else (text[:120], text)
    return (title + "\n\n" + body + "\n").encode("utf-8")


def convert_digest_sections(data, src):
    text = data.decode("utf-8")
    sections = re.split(r"(?m)^## ", text)[1:]
    n = src["record"]
    if n is None or n >= len(sections):
        raise LabelError(f"no section #{n} (a '## ' heading) in {src['path']}")
    heading, _, body = sections[n].partition("\n")
    m = re.search(r"(\d{4})/(\d{2})/(\d{2})/", src["path"])
    date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else ""
    return markdown_article(heading.strip(), date, "", body.strip() + "\n")


_parsed_xml = {}


def convert_lemonde_rss_xml(data, src):
    key = (src["repo"], src["commit"], src["path"])
    if key not in _parsed_xml:
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            raise LabelError(f"{src['path']} is not well-formed XML: {e}")
        _parsed_xml.clear()
        _parsed_xml[key] = [(day, article) for day in root.iter("date") for article in day.findall("article")]
    records, n = _parsed_xml[key], src["record"]
    if n is None or n >= len(records):
        raise LabelError(f"no record #{n} (an <article> inside a <date>) in {src['path']}")
    day, article = records[n]
    date = lemonde_date(day.get("month"), day.get("day", ""))
    return markdown_article((article.findtext("title") or "").strip(), date, "",
                            (article.findtext("description") or "").strip() + "\n")


def lemonde_date(month_abbr, day):
    month = MONTHS.get(month_abbr or "")
    return f"2022-{month:02d}-{int(day):02d}" if month and str(day).isdigit() else ""


def convert_lemonde_json_array(data, src):
    try:
        items = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise LabelError(f"{src['path']} is not a JSON array: {e}")
    n = src["record"]
    if not isinstance(items, list) or n is None or n >= len(items) or not isinstance(items[n], dict):
        raise LabelError(f"no record #{n} (an object of the top-level array) in {src['path']}")
    item = items[n]
    month, _, day = (item.get("date") or "").partition(" ")
    return markdown_article((item.get("title") or "").strip(), lemonde_date(month, day), "",
                            (item.get("description") or "").strip() + "\n")


def convert_rss_link_entries(data, src):
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise LabelError(f"{src['path']} is not JSON: {e}")
    entries = doc.get("entries") if isinstance(doc, dict) else doc  # early files: a bare array
    n = src["record"]
    if not isinstance(entries, list) or n is None or n >= len(entries) or not isinstance(entries[n], dict):
        raise LabelError(f"no record #{n} (an item of 'entries') in {src['path']}")
    entry = entries[n]
    title = html.unescape(re.sub(r"<[^>]+>", " ", entry.get("title") or "")).strip()
    try:  # "2023-01-01 23:55:42+00:00"; a time without an offset is not trusted as UTC
        stamp = datetime.datetime.fromisoformat(entry.get("date_published") or "")
        date = stamp.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if stamp.tzinfo else ""
    except ValueError:
        date = ""
    return markdown_article(title, date, (entry.get("link") or "").strip(),
                            html_to_text(entry.get("description") or ""))


_TAGGED_ARTICLE_RE = re.compile(r'<article source="([^"]*)" date="([^"]*)">\n?(.*?)</article>', re.S)


def convert_tagged_articles(data, src):
    matches = list(_TAGGED_ARTICLE_RE.finditer(data.decode("utf-8")))
    n = src["record"]
    if n is None or n >= len(matches):
        raise LabelError(f"no record #{n} (an <article source=… date=…> element) in {src['path']}")
    outlet, stamp, text = matches[n].groups()
    lines = [l.strip() for l in html.unescape(text).strip().splitlines() if l.strip()]
    title, body = (lines[0], "\n\n".join(lines[1:])) if lines else ("", "")
    try:  # RFC 5322 ("Fri, 09 Jan 2026 19:27:59 +0100") or ISO 8601 ("2026-01-18T12:35:00Z");
        # a date without an offset is not trusted as UTC
        parsed = email.utils.parsedate_to_datetime(stamp)
    except (TypeError, ValueError):
        try:
            parsed = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
    date = parsed.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if parsed and parsed.tzinfo else ""
    head = ["---", f"title: {yaml_quote(title)}"]
    if date:
        head.append(f"date: {date}")
    head += [f"source: {yaml_quote(outlet)}", "---"]
    return ("\n".join(head) + "\n\n" + body + "\n").encode("utf-8")


def json_record(data, src, key):
    """Record N of the list under `key` of a JSON object file."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise LabelError(f"{src['path']} is not JSON: {e}")
    items = doc.get(key) if isinstance(doc, dict) else None
    n = src["record"]
    if not isinstance(items, list) or n is None or n >= len(items) or not isinstance(items[n], dict):
        raise LabelError(f"no record #{n} (an item of '{key}') in {src['path']}")
    return items[n]


def convert_rss_json_items(data, src):
    item = json_record(data, src, "items")
    title = html.unescape(re.sub(r"<[^>]+>", " ", item.get("title") or "")).strip()
    published = item.get("published")
    date = (datetime.datetime.fromtimestamp(published / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if isinstance(published, (int, float)) else "")
    return markdown_article(title, date, (item.get("link") or "").strip(), html_to_text(item.get("description") or ""))


def convert_frontpage_articles(data, src):
    article = json_record(data, src, "articles")
    return markdown_article((article.get("title") or "").strip(), "", (article.get("url") or "").strip(),
                            (article.get("teaser") or "").strip() + "\n")


def convert(kind, data, src):
    if kind == "copy":
        if src["record"] is not None:
            raise LabelError(f"{src['repo']} records are whole files, but the source names #{src['record']}")
        return data
    if kind == "jekyll-html":
        return convert_jekyll_html(data, src)
    if kind == "csv-10kgnad":
        return convert_csv_10kgnad(data, src)
    if kind == "digest-sections":
        return convert_digest_sections(data, src)
    if kind == "lemonde-2022":
        if src["path"].endswith(".json"):
            return convert_lemonde_json_array(data, src)
        return convert_lemonde_rss_xml(data, src)
    if kind == "rss-link-entries":
        return convert_rss_link_entries(data, src)
    if kind == "tagged-articles":
        return convert_tagged_articles(data, src)
    if kind == "rss-json-items":
        return convert_rss_json_items(data, src)
    if kind == "frontpage-articles":
        return convert_frontpage_articles(data, src)
    raise LabelError(f"unknown converter {kind!r}")


def main(argv):
    args = parse_args(argv)
    try:
        rows, problems = read_labels(args.labels)
    except OSError as e:
        print(f"error: cannot read labels {args.labels}: {e}", file=sys.stderr)
        return 1
    for p in problems:
        print(f"error: {p}", file=sys.stderr)

    states, missing, blobs = {}, {}, {}
    written = errors = 0
    for n, out_path, src in rows:
        key = (src["repo"], src["commit"])
        if key not in states:
            states[key] = snapshot_state(args.mirror, *key)
        if states[key] != "ok":
            missing.setdefault(key, 0)
            missing[key] += 1
            continue
        kind = CONVERTERS.get(src["repo"], "copy")
        try:
            blob_key = (src["repo"], src["commit"], src["path"])
            if blob_key not in blobs:
                r = git(snapshot_dir(args.mirror, src["repo"]), "show", f"{src['commit']}:{src['path']}")
                if r.returncode != 0:
                    raise LabelError(f"{src['path']} is not in {src['repo']}@{src['commit']}")
                blobs = {blob_key: r.stdout}  # keep only the latest file: label lines are grouped
            content = convert(kind, blobs[blob_key], src)
            dest = os.path.join(args.out, out_path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(content)
            written += 1
        except (LabelError, OSError, UnicodeDecodeError, csv.Error) as e:
            print(f"error: {args.labels}:{n}: {e}", file=sys.stderr)
            errors += 1

    print(f"wrote {written} of {len(rows)} articles into {args.out}")
    for (repo, commit), count in sorted(missing.items()):
        print(f"missing snapshot: {repo}@{commit} — {count} articles not written; "
              f"{states[(repo, commit)]}. Bring it in with the fetch tool: fetch github:{repo}")
    return 1 if errors or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
