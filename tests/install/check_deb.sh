#!/usr/bin/env bash
# Builds the .deb from the build tree (cpack) into a temporary folder and checks its
# name, its file list and its Depends line, then runs lintian when it is installed. The
# package is not installed into the machine.
# Usage: check_deb.sh BUILD_DIR VERSION
set -euo pipefail
build="$1"
version="$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "check_deb: $*" >&2; exit 1; }
(cd "$build" && cpack -G DEB -B "$out" >/dev/null) || fail "cpack failed"
deb="$out/sepconv-lab_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb (made: $(ls "$out"))"
files="$(dpkg-deb -c "$deb")"
for f in ./usr/bin/sepconv ./usr/bin/sepconv-lab ./usr/share/sepconv-lab/test_card.png \
         ./usr/share/sepconv-lab/lessons/derivation.json \
         ./usr/share/doc/sepconv-lab/copyright ./usr/share/doc/sepconv-lab/changelog.gz \
         ./usr/share/applications/io.github.sepconvlab.SepConvLab.desktop \
         ./usr/share/metainfo/io.github.sepconvlab.SepConvLab.metainfo.xml \
         ./usr/share/icons/hicolor/16x16/apps/io.github.sepconvlab.SepConvLab.png \
         ./usr/share/icons/hicolor/256x256/apps/io.github.sepconvlab.SepConvLab.png \
         ./usr/share/man/man1/sepconv.1.gz ./usr/share/man/man1/sepconv-lab.1.gz; do
  grep -q " $f\$" <<<"$files" || fail "the package lacks $f"
done
depends="$(dpkg-deb -f "$deb" Depends)"
# libavcodec, libavformat: the animation export (File > Export animation) links them.
for d in libglfw3 libstdc++6 fonts-dejavu-core libavcodec59 libavformat59; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version"
if command -v lintian >/dev/null; then
  # Errors fail; the warnings kept are explained in docs/install.md.
  report="$(lintian --tag-display-limit 0 "$deb" 2>&1 || true)"
  if grep -q '^E:' <<<"$report"; then fail "lintian errors:
$report"; fi
  echo "$report"
fi
echo "check_deb: $(basename "$deb"), Depends: $depends"
