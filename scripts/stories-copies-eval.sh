#!/bin/sh
# Issue 12's target on every dated must-alert article of the shared labels (dev.tsv and
# labels/shared-extra.tsv, three paragraphs or more, alerting): each with two copies (new headline,
# wire dateline and footer, a paragraph cut and one added, utm_*/fbclid on the link, hours later)
# through two loopback feeds and the drop folder of a release build of the daemon. Prints the
# copy-join recall, the far-apart originals kept apart, and the per: story messages.
#   scripts/stories-copies-eval.sh [DAEMON-BINARY (default: a release build, built here)]
set -eu
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    binary="$1"
else
    swift build -c release --product seedwatch
    binary="$PWD/.build/release/seedwatch"
fi
swift build --build-tests
SEEDWATCH_STORY_COPIES=all SEEDWATCH_DAEMON_BINARY="$binary" \
    swift test --skip-build --filter StoryCopiesEvaluationTests 2>&1 \
    | grep -E "^(story copies|copy-join|originals >|pairwise|stories:|per: story)|passed|failed|error|Expectation"
