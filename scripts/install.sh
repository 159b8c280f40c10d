#!/usr/bin/env bash
# Installs seedwatch as a systemd service (run as root). Paths as in DESIGN §8:
#   /usr/local/bin/seedwatch (with its resources, /usr/local/bin/seedwatch_SeedwatchCore.resources),
#   /usr/local/share/seedwatch/seeds, /etc/seedwatch/seedwatch.yaml,
#   /etc/systemd/system/seedwatch.service, state in /var/lib/seedwatch, the log in /var/log/seedwatch.
# PREFIX and DESTDIR may be set for staging (DESTDIR=/tmp/stage scripts/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${PREFIX:-/usr/local}"
DESTDIR="${DESTDIR:-}"
scripts/install-deps.sh
swift build -c release --static-swift-stdlib --product seedwatch
install -D -m 0755 .build/release/seedwatch "$DESTDIR$PREFIX/bin/seedwatch"
# The knowledge data (package resources of SeedwatchCore) is read from the bundle beside the binary.
rm -rf "$DESTDIR$PREFIX/bin/seedwatch_SeedwatchCore.resources"
cp -R .build/release/seedwatch_SeedwatchCore.resources "$DESTDIR$PREFIX/bin/"
mkdir -p "$DESTDIR$PREFIX/share/seedwatch/seeds"
cp -R seeds/. "$DESTDIR$PREFIX/share/seedwatch/seeds/"
install -D -m 0644 README.md "$DESTDIR$PREFIX/share/doc/seedwatch/README.md"
if [ ! -e "$DESTDIR/etc/seedwatch/seedwatch.yaml" ]; then
    install -D -m 0644 config/seedwatch.system.yaml "$DESTDIR/etc/seedwatch/seedwatch.yaml"
fi
install -D -m 0644 systemd/seedwatch.service "$DESTDIR/etc/systemd/system/seedwatch.service"
install -D -m 0644 systemd/seedwatch.sysusers "$DESTDIR/usr/lib/sysusers.d/seedwatch.conf"
install -D -m 0644 systemd/seedwatch.tmpfiles "$DESTDIR/usr/lib/tmpfiles.d/seedwatch.conf"
install -D -m 0644 config/logrotate "$DESTDIR/etc/logrotate.d/seedwatch"
if [ -z "$DESTDIR" ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemd-sysusers seedwatch.conf || systemd-sysusers
    systemd-tmpfiles --create seedwatch.conf || systemd-tmpfiles --create
    systemctl daemon-reload
    echo "installed; start with: systemctl enable --now seedwatch"
else
    echo "installed into ${DESTDIR:-/}; on the target run systemd-sysusers, systemd-tmpfiles --create, systemctl daemon-reload"
fi
