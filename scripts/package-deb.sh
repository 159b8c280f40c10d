#!/usr/bin/env bash
# Builds the Debian package of an already built seedwatch with dpkg-deb (it never builds Swift code).
# Build first, as yourself:
#   swift build -c release --static-swift-stdlib --product seedwatch
#   scripts/package-deb.sh            # writes dist/seedwatch_VERSION_ARCH.deb, prints its path
# Everything installs under /usr: /usr/bin/seedwatch (a link to /usr/lib/seedwatch/seedwatch, beside
# which any SwiftPM resource bundle lives), the seeds in /usr/share/seedwatch/seeds, the unit in
# /lib/systemd/system, sysusers.d, tmpfiles.d, logrotate, /etc/seedwatch/seedwatch.yaml (a conffile),
# the manual page and bash/zsh/fish completions generated from the binary. The packaging files are
# in packaging/debian (copyright, changelog, maintainer scripts, conffiles).
# Environment:
#   SEEDWATCH_BINARY     the binary to package (default .build/release/seedwatch). A binary that links
#                        the Swift runtime dynamically (a debug build) is refused unless
#   SEEDWATCH_DEB_ALLOW_DYNAMIC=1 (tests): the package then runs only where that runtime is installed.
#   SEEDWATCH_DEB_OUTPUT the folder for the .deb (default dist)
#   SEEDWATCH_DEB_COMPRESSION  dpkg-deb -Z: xz (default), gzip, zstd or none
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022
binary="${SEEDWATCH_BINARY:-.build/release/seedwatch}"
output="${SEEDWATCH_DEB_OUTPUT:-dist}"
compression="${SEEDWATCH_DEB_COMPRESSION:-xz}"
if [ ! -x "$binary" ]; then
    echo "package-deb.sh: $binary is missing; build first with: swift build -c release --static-swift-stdlib --product seedwatch" >&2
    exit 66
fi
for tool in dpkg-deb dpkg-shlibdeps strip python3; do
    command -v "$tool" >/dev/null || { echo "package-deb.sh: $tool is missing (apt-get install dpkg-dev binutils python3)" >&2; exit 69; }
done

version="$("$binary" --version)"
changelog_version="$(sed -n '1s/^seedwatch (\([^)]*\)).*/\1/p' packaging/debian/changelog)"
if [ "$version" != "$changelog_version" ]; then
    echo "package-deb.sh: $binary is version $version but packaging/debian/changelog starts with $changelog_version; add a changelog entry" >&2
    exit 65
fi
architecture="$(dpkg --print-architecture)"
# Reproducible: file dates and the manual's date come from the changelog entry.
SOURCE_DATE_EPOCH="$(date -d "$(sed -n 's/^ -- .*>  //p' packaging/debian/changelog | head -1)" +%s)"
export SOURCE_DATE_EPOCH

work="$(mktemp -d "${TMPDIR:-/tmp}/seedwatch-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/DEBIAN"

# The binary, stripped as dh_strip does, with its resource bundles (SwiftPM looks beside the real
# path of the executable; FHS allows no folders in /usr/bin).
install -D -m 0755 "$binary" "$root/usr/lib/seedwatch/seedwatch"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$root/usr/lib/seedwatch/seedwatch"
for bundle in "$(dirname "$binary")"/seedwatch_*.resources; do
    [ -d "$bundle" ] || continue
    cp -R "$bundle" "$root/usr/lib/seedwatch/"
done
mkdir -p "$root/usr/bin"
ln -s ../lib/seedwatch/seedwatch "$root/usr/bin/seedwatch"

mkdir -p "$root/usr/share/seedwatch/seeds"
cp -R seeds/. "$root/usr/share/seedwatch/seeds/"

# Configuration and service files, pointed at /usr instead of the repository's /usr/local defaults.
install -d "$root/etc/seedwatch" "$root/etc/logrotate.d" "$root/lib/systemd/system" \
    "$root/usr/lib/sysusers.d" "$root/usr/lib/tmpfiles.d"
sed 's|/usr/local/share/seedwatch/seeds|/usr/share/seedwatch/seeds|g' config/seedwatch.system.yaml \
    > "$root/etc/seedwatch/seedwatch.yaml"
sed -e 's|/usr/local/bin/seedwatch|/usr/bin/seedwatch|g' \
    -e 's|^Documentation=.*|Documentation=man:seedwatch(1)|' \
    systemd/seedwatch.service > "$root/lib/systemd/system/seedwatch.service"
cp config/logrotate "$root/etc/logrotate.d/seedwatch"
cp systemd/seedwatch.sysusers "$root/usr/lib/sysusers.d/seedwatch.conf"
cp systemd/seedwatch.tmpfiles "$root/usr/lib/tmpfiles.d/seedwatch.conf"

# Manual page and completions, generated from the packaged binary's command definitions.
install -d "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
    "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
python3 scripts/generate-manpage.py "$root/usr/lib/seedwatch/seedwatch" > "$work/seedwatch.1"
gzip -9n < "$work/seedwatch.1" > "$root/usr/share/man/man1/seedwatch.1.gz"
# bash-completion sources the file: no #! line (lintian: bash-completion-with-hashbang).
"$root/usr/lib/seedwatch/seedwatch" --generate-completion-script bash | sed '1{/^#!/d}' \
    > "$root/usr/share/bash-completion/completions/seedwatch"
"$root/usr/lib/seedwatch/seedwatch" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_seedwatch"
"$root/usr/lib/seedwatch/seedwatch" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/seedwatch.fish"

install -d "$root/usr/share/doc/seedwatch"
cp packaging/debian/copyright "$root/usr/share/doc/seedwatch/copyright"
gzip -9n < packaging/debian/changelog > "$root/usr/share/doc/seedwatch/changelog.gz"
gzip -9n < README.md > "$root/usr/share/doc/seedwatch/README.md.gz"
install -D -m 0644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/seedwatch"

# Control files.
cp packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm packaging/debian/conffiles "$root/DEBIAN/"
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"
chmod 0644 "$root/DEBIAN/conffiles"
# Shared-library dependencies (dpkg-shlibdeps reads debian/control of a source tree: give it one).
mkdir -p "$work/src/debian"
printf 'Source: seedwatch\n\nPackage: seedwatch\nArchitecture: any\n' > "$work/src/debian/control"
shlibdeps_options=()
shlibdeps_errors=/dev/stderr
if ldd "$root/usr/lib/seedwatch/seedwatch" | grep -q 'libswiftCore\.so'; then
    if [ "${SEEDWATCH_DEB_ALLOW_DYNAMIC:-}" != 1 ]; then
        echo "package-deb.sh: $binary links the Swift runtime dynamically; build with: swift build -c release --static-swift-stdlib --product seedwatch" >&2
        echo "  (SEEDWATCH_DEB_ALLOW_DYNAMIC=1 packages it anyway, for tests: it then runs only where that runtime is installed)" >&2
        exit 65
    fi
    echo "package-deb.sh: warning: $binary links the Swift runtime dynamically (not built with --static-swift-stdlib); the package runs only where that runtime is installed" >&2
    shlibdeps_options+=(--ignore-missing-info)
    shlibdeps_errors=/dev/null  # one warning per Swift library, all saying the above
fi
shlibs="$(cd "$work/src" && dpkg-shlibdeps -O "${shlibdeps_options[@]}" "$root/usr/lib/seedwatch/seedwatch" 2>"$shlibdeps_errors" \
    | sed -n 's/^shlibs:Depends=//p')"
installed_size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<EOF
Package: seedwatch
Version: $version
Architecture: $architecture
Maintainer: Seed 3711b05e maintainers <maintainers@users.noreply.r-seed-3711b05e.example>
Installed-Size: $installed_size
Depends: ${shlibs:+$shlibs, }systemd
Recommends: logrotate
Section: net
Priority: optional
Description: watch a drop folder and news feeds for articles on a seed story
 seedwatch is a daemon for analysts following one story. It watches a drop
 folder and RSS, Atom and JSON feeds, matches each article against an actor
 and topic model built from a seed article, and writes explained alerts to a
 JSON Lines log, exactly once per article.
 .
 The package runs it as the systemd service seedwatch.service under its own
 account; analysts in group seedwatch drop files into /srv/seedwatch/drop.
EOF
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$output"
package="$output/seedwatch_${version}_${architecture}.deb"
dpkg-deb --root-owner-group -Z"$compression" --build "$root" "$package" >/dev/null
echo "$package"
