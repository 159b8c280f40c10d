#!/bin/sh
# Runs the daemon against a loopback webhook that fails 30 % of requests at random and answers
# some slowly, killing the daemon with SIGKILL along the way; prints requests, duplicates and time.
#   scripts/webhook-delivery.sh [ARTICLES (default 500)] [KILLS (default 20)] [SEED]
set -eu
cd "$(dirname "$0")/.."
swift build --build-tests
SEEDWATCH_WEBHOOK_ARTICLES="${1:-500}" SEEDWATCH_WEBHOOK_KILLS="${2:-20}" SEEDWATCH_WEBHOOK_SEED="${3:-20261206}" \
    swift test --skip-build --filter WebhookEndToEndTests 2>&1 | grep -E "webhook end to end|passed|failed|error"
