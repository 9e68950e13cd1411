#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR at a prefix the build never saw and runs
# the installed programs from another folder: the app must find its installed sample
# (../share/sepconv-lab) with the source tree out of its reach (an installed binary never
# falls back to it), and the CLI must print its version.
# Usage: check_install.sh BUILD_DIR VERSION
set -euo pipefail
build="$1"
version="$2"
dest="$(mktemp -d)"
trap 'rm -rf "$dest"' EXIT
prefix="$dest/opt/sepconv"
DESTDIR="$dest" cmake --install "$build" --prefix /opt/sepconv >/dev/null

fail() { echo "check_install: $*" >&2; exit 1; }
for f in bin/sepconv bin/sepconv-lab share/sepconv-lab/test_card.png \
         share/sepconv-lab/lessons/derivation.json share/doc/sepconv-lab/copyright \
         share/doc/sepconv-lab/changelog.gz \
         share/applications/io.github.sepconvlab.SepConvLab.desktop \
         share/metainfo/io.github.sepconvlab.SepConvLab.metainfo.xml \
         share/icons/hicolor/48x48/apps/io.github.sepconvlab.SepConvLab.png \
         share/man/man1/sepconv-lab.1.gz; do
  [ -e "$prefix/$f" ] || fail "missing $f"
done
[ ! -e "$prefix/bin/assets" ] || fail "data must not be installed under bin/"

cd "$dest"  # another folder: nothing relative to the build or the source tree
[ "$("$prefix/bin/sepconv" --version)" = "sepconv $version" ] || fail "sepconv --version"
run() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1280x800x24" "$@"; fi
}
run "$prefix/bin/sepconv-lab" --size 640x480 --screenshot "$dest/shot.png" \
  --state-json "$dest/state.json" || fail "the installed app's scripted run failed"
[ -s "$dest/shot.png" ] || fail "no screenshot"
# The view it saved names the bundled sample it started on, found in the installed copy.
grep -q '"image": "sample:' "$dest/state.json" || fail "no installed sample was opened: $(cat "$dest/state.json")"
run "$prefix/bin/sepconv-lab" --lesson "$prefix/share/sepconv-lab/lessons/derivation.json" \
  --lesson-step 2 --size 640x480 --screenshot "$dest/lesson.png" || fail "the installed lesson"
# The installed launcher and metadata pass the desktop's validators.
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$prefix/share/applications/io.github.sepconvlab.SepConvLab.desktop" ||
    fail "desktop-file-validate"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net \
    "$prefix/share/metainfo/io.github.sepconvlab.SepConvLab.metainfo.xml" >/dev/null ||
    fail "appstreamcli validate --no-net"
fi
echo "check_install: installed at $prefix and ran from $dest"
