#!/usr/bin/env bash
# Runs the feed parser over the gofeed and feedparser conformance suites in ../shared/corpus and
# prints the pass rates and every failing comparison (FEED_CONFORMANCE_VERBOSE=1).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
FEED_CONFORMANCE_VERBOSE=1 swift test --skip-build --filter 'FeedConformance|FeedRobustness' "$@"
