#!/usr/bin/env bash
# One entry point for a fresh Debian bookworm machine (run as root, or with sudo available):
#   tools/dev.sh start [IMAGE]  install what is missing, build Release, start sepconv-lab
#   tools/dev.sh test           install what is missing, build, run every test (GUI tests
#                               under xvfb-run when there is no display), the threaded
#                               tests again under ThreadSanitizer, and every test again
#                               under AddressSanitizer + UndefinedBehaviorSanitizer
#   tools/dev.sh package        install what is missing, build, make the .deb in build/
#                               (sepconv-lab_<version>_amd64.deb) and run lintian on it
# Safe to run again: it installs only missing packages and rebuilds incrementally.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SEPCONV_BUILD_DIR:-$root/build}"
jobs="$(nproc)"

# Build and run dependencies, all from Debian's archive.
packages=(
  cmake g++ make pkg-config
  libimgui-dev libglfw3-dev libstb-dev python3-glad
  libcli11-dev nlohmann-json3-dev
  libavcodec-dev libavformat-dev libavfilter-dev libswscale-dev libavutil-dev
  googletest libgtest-dev libbenchmark-dev
  fonts-dejavu-core zenity
  xvfb xauth libgl1-mesa-dri
  dpkg-dev fakeroot lintian help2man desktop-file-utils appstream
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$build" -j "$jobs"
}

# Runs a command under a virtual X server when there is no display.
with_display() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; fi
}

cmd="${1:-}"
case "$cmd" in
  start)
    install_missing
    configure_and_build
    image="${2:-$root/assets/test_card.png}"
    exec "$build/app/sepconv-lab" "$image"
    ;;
  test)
    install_missing
    configure_and_build
    status=0
    (cd "$build" && with_display ctest --output-on-failure -j "$jobs") || status=1
    # The multithreaded parts again under ThreadSanitizer, in their own build tree: the
    # app's job runner and the fast engine's thread pool.
    tsan="$build-tsan"
    cmake -S "$root" -B "$tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEPCONV_TSAN=ON \
      -DSEPCONV_BUILD_APP=OFF -DSEPCONV_BUILD_BENCH=OFF >/dev/null
    for target in gui_state_tests fast_tests; do
      cmake --build "$tsan" -j "$jobs" --target "$target"
      echo "ThreadSanitizer: $target"
      # Bounded, so a hang fails the run (each takes under 5 minutes here).
      TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" timeout 1800 \
        "$tsan/tests/$target" --gtest_brief=1 || status=1
    done
    # Every test again under AddressSanitizer and UndefinedBehaviorSanitizer (each report
    # fatal, leaks included), the GUI under xvfb-run as above. The package tests are left
    # out: they check the install layout, not memory.
    asan="$build-asan"
    cmake -S "$root" -B "$asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEPCONV_ASAN=ON \
      -DSEPCONV_BUILD_BENCH=OFF >/dev/null
    cmake --build "$asan" -j "$jobs"
    echo "AddressSanitizer + UndefinedBehaviorSanitizer: every test"
    (cd "$asan" && ASAN_OPTIONS="detect_leaks=1" \
      UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      with_display ctest --output-on-failure -j "$jobs" -E '^Install[.]') || status=1
    exit $status
    ;;
  package)
    install_missing
    configure_and_build
    (cd "$build" && cpack -G DEB)
    deb="$(ls "$build"/sepconv-lab_*_amd64.deb | head -1)"
    echo "Built $deb"
    lintian --tag-display-limit 0 "$deb" || true
    ;;
  *)
    echo "usage: tools/dev.sh start [IMAGE] | tools/dev.sh test | tools/dev.sh package" >&2
    exit 2
    ;;
esac
