#!/usr/bin/env bash
# Installs what the tests need, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
swift build --build-tests
# Serial: several tests start the daemon, real servers and inotify bursts; run side by side on a
# small machine they starve each other and timing-sensitive checks (a slow host must not delay
# others) would measure the load, not the code.
swift test --skip-build --no-parallel "$@"
