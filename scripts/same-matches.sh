#!/bin/sh
# What one seedwatch binary makes of every labelled article, written to a folder so that two builds
# can be compared with `diff -r` (issue 15: speed work must change no match, no score, no alert line).
#
#   scripts/same-matches.sh BINARY OUTDIR [--wide]
#
# Writes OUTDIR/scan.jsonl: `seedwatch scan --json --explain` over every file that a labels file
# names (../shared/labels/dev.tsv, labels/shared-extra.tsv, labels/fetched.tsv, labels/stories/*.tsv),
# with the scan-time "time" fields removed; OUTDIR/eval.txt: `seedwatch eval` over the label sets;
# OUTDIR/stories/: the watches `watch new` builds from the two story seeds and their evaluations.
# With --wide, also OUTDIR/wide.jsonl: every file under ../shared/corpus/{articles,html,feeds}.
# labels/fetched.tsv needs var/corpus-fetched (scripts/labels/materialise-fetched.py); without it
# those lines are skipped. Python 3 standard library only.
set -eu
bin=$(realpath "$1")
out=$2
wide=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(realpath "$root/../shared/corpus")
fetched=$root/var/corpus-fetched
config=$root/config/seedwatch.yaml
mkdir -p "$out/stories"

strip_time() {
    python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k != "time"}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
for line in sys.stdin:
    print(json.dumps(strip(json.loads(line)), ensure_ascii=False, sort_keys=True))
'
}

python3 - "$root" "$corpus" "$fetched" > "$out/files.txt" <<'EOF'
import glob, os, sys
root, corpus, fetched = sys.argv[1:4]
sets = [(os.path.join(root, "../shared/labels/dev.tsv"), corpus),
        (os.path.join(root, "labels/shared-extra.tsv"), corpus),
        (os.path.join(root, "labels/fetched.tsv"), fetched)]
sets += [(p, corpus) for p in sorted(glob.glob(os.path.join(root, "labels/stories/*.tsv")))]
seen = []
for labels, base in sets:
    if not os.path.exists(labels):
        continue
    for line in open(labels, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        path = os.path.join(base, line.split("\t")[0].split("#")[0])
        if os.path.isfile(path) and path not in seen:
            seen.append(path)
print("\n".join(seen))
EOF
echo "$(wc -l < "$out/files.txt") labelled files" >&2
tr '\n' '\0' < "$out/files.txt" | xargs -0 "$bin" scan --config "$config" --json --explain | strip_time > "$out/scan.jsonl"

set -- --labels "$root/../shared/labels/dev.tsv=$corpus" --labels "$root/labels/shared-extra.tsv=$corpus"
[ -d "$fetched" ] && set -- "$@" --labels "$root/labels/fetched.tsv=$fetched"
"$bin" eval --config "$config" --verbose "$@" > "$out/eval.txt" 2>&1 || true

for story in ceuta-migrants us-canada-tariffs; do
    seed=$(grep -o "^## $story — seed \`[^\`]*" "$root/labels/stories/RUBRIC.md" | sed 's/.*`//')
    [ -n "$seed" ] && [ -f "$corpus/$seed" ] || continue
    rm -rf "$out/stories/$story"
    # Relative paths, so that two output folders differ only where the builds do.
    (cd "$out" && "$bin" watch new "$story" --seed "$corpus/$seed" --into stories > "stories/$story.new.txt" 2>&1 || true
     [ -f "stories/$story/model.yaml" ] && "$bin" eval --config "$config" --model "stories/$story/model.yaml" \
        --labels "$root/labels/stories/$story.tsv" --corpus "$corpus" > "stories/$story.eval.txt" 2>&1 || true)
done

if [ "$wide" = "--wide" ]; then
    find "$corpus/articles" "$corpus/html" "$corpus/feeds" -type f | LC_ALL=C sort | tr '\n' '\0' \
        | xargs -0 "$bin" scan --config "$config" --json --explain 2>"$out/wide.errors" | strip_time > "$out/wide.jsonl"
fi
