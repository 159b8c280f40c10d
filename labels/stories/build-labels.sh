#!/bin/sh
# Builds labels/stories/STORY.tsv (DESIGN §11 format) for the two example stories of
# `seedwatch watch new`: the hand labels of STORY.hand.tsv (written with labels/stories/RUBRIC.md),
# then every other article of ../shared/corpus/articles/bbc-world-2026 as 0 when it holds none of the
# story's words (checked here with grep, case-insensitively), or as 0 "passing mention" after a look
# at its title otherwise. Run from the repository root; the corpus is read where it lies.
set -eu
corpus=${1:-../shared/corpus}
build() {
    story=$1 words=$2
    out=labels/stories/$story.tsv
    cp labels/stories/$story.hand.tsv "$out"
    for f in "$corpus"/articles/bbc-world-2026/*.html; do
        rel=articles/bbc-world-2026/$(basename "$f")
        grep -q "^$rel	" labels/stories/$story.hand.tsv && continue
        case $rel in *"$3"*) continue ;; esac   # the seed itself is not evaluated
        if grep -qiE "$words" "$f"; then
            printf '%s\t0\tpassing mention of a story word (title checked)\n' "$rel" >> "$out"
        else
            printf '%s\t0\tno story word\n' "$rel" >> "$out"
        fi
    done
}
build ceuta-migrants 'ceuta|melilla|morocc|spain|spanish|migrant' 2026-08-01_bb4211165aff
build us-canada-tariffs 'canad|carney|ottawa|tariff|usmca' 2026-07-22_df0e4aebd34d
