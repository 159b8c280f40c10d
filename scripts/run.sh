#!/usr/bin/env bash
# Builds seedwatch (release) and runs the daemon on the shipped default config, config/seedwatch.yaml.
# Extra arguments go to `seedwatch run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product seedwatch
mkdir -p var/drop var/log var/state
exec .build/release/seedwatch run --config config/seedwatch.yaml "$@"
