#!/bin/sh
# Splits the repository's label sets by source into a tuning part and a held-out part (issue 8),
# fixed before any tuning of the scoring rules on them, so that the held-out figures measure
# articles the rules were never tuned on. Writes four files into OUT (default var/splits):
#   tune-extra.tsv, heldout-extra.tsv      (from labels/shared-extra.tsv, corpus ../shared/corpus)
#   tune-fetched.tsv, heldout-fetched.tsv  (from labels/fetched.tsv, corpus var/corpus-fetched)
#   tune-rss-2022.tsv, heldout-rss-2022.tsv (from labels/rss-2022.tsv, corpus var/corpus-rss-2022)
# The split, by source (the first PATH components):
#   held out, English:  laapy-news-rss-pool (Bloomberg, CNA, Google News Reuters 2026),
#                       gesab001-headlines (11 outlets' headline feeds 2020-21),
#                       BBC UK politics 2004-05, BASIL long analyses 2010-19
#   held out, others:   ljzac (es, La Jornada Zacatecas), cynaramaira/jamildorep (pt),
#                       tblock/10kGNAD (de, derStandard)
#   tuning:             everything else (Reuters headline items, AP/Reuters world, BBC business;
#                       Le Monde fr, nguyenvulebinh/trends de, douglasgreen fr/it),
#                       besides ../shared/labels/dev.tsv.
#   rss-2022 (English feed items of 2022), by month, fixed 2026-12-07 before any tuning on it:
#                       odd months (Jan, Mar, ... Nov) tuning, even months held out.
# Usage: scripts/labels/split-heldout.sh [OUT]
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/var/splits}
mkdir -p "$out"
extra_held='^(feeds/real/laapy-news-rss-pool/|feeds/real/gesab001-headlines/|articles/giveme5w1h/Giveme5W1H/examples/datasets/bbc/data_raw/politics/|articles/basil/)'
fetched_held='^(ljzac\+ljzac\.github\.io/|cynaramaira\+jamildorep/|tblock\+10kGNAD/)'
grep -E "$extra_held" "$here/labels/shared-extra.tsv" > "$out/heldout-extra.tsv"
grep -vE "$extra_held" "$here/labels/shared-extra.tsv" > "$out/tune-extra.tsv"
grep -E "$fetched_held" "$here/labels/fetched.tsv" > "$out/heldout-fetched.tsv"
grep -vE "$fetched_held" "$here/labels/fetched.tsv" > "$out/tune-fetched.tsv"
rss_held='^rumca-js\+RSS-Link-Database-2022/2022-(02|04|06|08|10|12)-'
grep -E "$rss_held" "$here/labels/rss-2022.tsv" > "$out/heldout-rss-2022.tsv"
grep -vE "$rss_held" "$here/labels/rss-2022.tsv" > "$out/tune-rss-2022.tsv"
for f in tune-extra heldout-extra tune-fetched heldout-fetched tune-rss-2022 heldout-rss-2022; do
    printf '%s\t%s articles, %s must-alert\n' "$out/$f.tsv" "$(wc -l < "$out/$f.tsv")" "$(cut -f2 "$out/$f.tsv" | grep -c '^2$')"
done
