#!/bin/sh
# Runs the daemon against a loopback SMTP server that answers 451 to 30 % of messages, killing the
# daemon with SIGKILL along the way; prints messages, duplicates and time.
#   scripts/email-delivery.sh [ARTICLES (default 500)] [KILLS (default 20)]
set -eu
cd "$(dirname "$0")/.."
swift build --build-tests
SEEDWATCH_EMAIL_ARTICLES="${1:-500}" SEEDWATCH_EMAIL_KILLS="${2:-20}" \
    swift test --skip-build --filter EmailEndToEndTests/everyAlertArrivesAsAMessageAcrossKills 2>&1 \
    | grep -E "e-mail end to end|passed|failed|error"
