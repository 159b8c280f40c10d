#!/usr/bin/env bash
# Installs the Debian packages seedwatch builds against, when they are missing.
set -euo pipefail
packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev pkg-config)
# --tests: also what only the tests need: chromium renders the digest page headless; systemd
# (systemd-analyze verify), logrotate, python3, dpkg-dev, binutils and man-db check the unit, the log
# rotation, the Debian package and the man page. Tests whose tool is missing say so and skip.
[ "${1:-}" = "--tests" ] && packages+=(chromium systemd logrotate python3 dpkg-dev binutils man-db)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
