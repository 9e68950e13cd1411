#!/usr/bin/env bash
# One entry point for a fresh Debian bookworm machine (run as root, or with sudo available):
#   tools/dev.sh start [IMAGE]  install what is missing, build Release, start sepconv-lab
#   tools/dev.sh test           install what is missing, build, run every test (GUI tests
#                               under xvfb-run when there is no display), the threaded
#                               tests again under ThreadSanitizer, and every test again
#                               under AddressSanitizer + UndefinedBehaviorSanitizer, then
#                               30 s of libFuzzer on each fuzz target (clang, build-fuzz)
#   tools/dev.sh fuzz [SECONDS]  the long fuzz run: every target for SECONDS (default 600)
#                               in turn; prints the executions per target and in total
#   tools/dev.sh package        install what is missing, build, make the .deb in build/
#                               (sepconv-lab_<version>_amd64.deb) and run lintian on it
#   tools/dev.sh metrics [ARGS]  the structure numbers of docs/architecture.md (duplicates
#                               pairs, longest functions, build files, AppState& writers);
#                               ARGS go to tools/structure_metrics.py; builds nothing
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
  clang libclang-rt-14-dev
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

# The libFuzzer targets of tests/fuzz (docs/fuzzing.md), each run for $1 seconds in turn in
# its own build tree (clang, SEPCONV_FUZZ), on its seeds, its regressions and a working
# corpus kept in the build tree. Prints each target's executions and the total; returns 1
# if any target crashed (its log and the crashing input are named).
fuzz_targets=(image npy lesson layer_flags trace)
run_fuzzers() {
  local seconds="$1" fuzz="$build-fuzz" status=0 total=0
  cmake -S "$root" -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DSEPCONV_FUZZ=ON -DSEPCONV_BUILD_APP=OFF \
    -DSEPCONV_BUILD_BENCH=OFF >/dev/null
  cmake --build "$fuzz" -j "$jobs" --target "${fuzz_targets[@]/#/fuzz_}"
  for target in "${fuzz_targets[@]}"; do
    local corpus="$fuzz/fuzz-corpus/$target" crashes="$fuzz/fuzz-crashes/$target"
    local log="$fuzz/fuzz-$target.log" inputs=("$fuzz/tests/fuzz/seeds/$target")
    [ -d "$root/tests/fuzz/regressions/$target" ] && inputs+=("$root/tests/fuzz/regressions/$target")
    mkdir -p "$corpus" "$crashes"
    local result="no crash"
    # A slow input (over 10 s) or a leak counts as a crash too.
    "$fuzz/tests/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
      -artifact_prefix="$crashes/" "$corpus" "${inputs[@]}" >"$log" 2>&1 ||
      { result="CRASHED: see $log and $crashes/"; status=1; }
    # libFuzzer's final stats; "Done N runs" or the last status line when they are missing.
    local runs
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    [ -n "$runs" ] || runs="$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p; s/^#\([0-9]*\).*/\1/p' "$log" | tail -1)"
    runs="${runs:-0}"
    total=$((total + runs))
    printf 'fuzz %-12s %12d executions in %s s (%d/s), %s\n' "$target" "$runs" "$seconds" \
      $((runs / seconds)) "$result"
  done
  printf 'fuzz %-12s %12d executions\n' "total" "$total"
  return $status
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
    # app's job runner, the fast engine's thread pool and the export's encoder thread.
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
    # The animation export's encoder thread (about 40 s to build, under a second to run).
    cmake --build "$tsan" -j "$jobs" --target export_tests
    echo "ThreadSanitizer: export_tests (EncodeQueue)"
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" timeout 600 \
      "$tsan/tests/export_tests" --gtest_filter='EncodeQueue.*' --gtest_brief=1 || status=1
    # Every test again under AddressSanitizer and UndefinedBehaviorSanitizer (each report
    # fatal, leaks included), the GUI under xvfb-run as above. The package tests are left
    # out: they check the install layout, not memory.
    asan="$build-asan"
    cmake -S "$root" -B "$asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEPCONV_ASAN=ON \
      -DSEPCONV_BUILD_BENCH=OFF >/dev/null
    cmake --build "$asan" -j "$jobs"
    echo "AddressSanitizer + UndefinedBehaviorSanitizer: every test"
    # intercept_tls_get_addr=0: LeakSanitizer's tracer crashed once in CI at the app's exit
    # ("Tracer caught signal 11", not a leak report); this is the known workaround for the
    # runtime's dynamic-TLS tracking (google/sanitizers#1322). Dynamic TLS blocks are then
    # not scanned as roots, which can only report more leaks, never fewer.
    (cd "$asan" && ASAN_OPTIONS="detect_leaks=1:intercept_tls_get_addr=0" \
      UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      with_display ctest --output-on-failure -j "$jobs" -E '^Install[.]') || status=1
    # A bounded fuzz run: 30 s per target; about 6 minutes from a clean tree, the clang
    # build included.
    echo "libFuzzer: every fuzz target for 30 s"
    run_fuzzers 30 || status=1
    exit $status
    ;;
  fuzz)
    seconds="${2:-600}"
    [[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "tools/dev.sh fuzz: SECONDS must be a whole number above 0" >&2; exit 2; }
    install_missing
    run_fuzzers "$seconds"
    ;;
  package)
    install_missing
    configure_and_build
    (cd "$build" && cpack -G DEB)
    deb="$(ls "$build"/sepconv-lab_*_amd64.deb | head -1)"
    echo "Built $deb"
    lintian --tag-display-limit 0 "$deb" || true
    ;;
  metrics)
    exec python3 "$root/tools/structure_metrics.py" --root "$root" "${@:2}"
    ;;
  *)
    echo "usage: tools/dev.sh start [IMAGE] | tools/dev.sh test | tools/dev.sh fuzz [SECONDS]" \
      "| tools/dev.sh package | tools/dev.sh metrics [ARGS]" >&2
    exit 2
    ;;
esac
