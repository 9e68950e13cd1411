#!/usr/bin/env bash
# Every write path of the CLI and the app against a full disk and a read-only folder:
# each gets one line naming the file and the system's reason, a non-zero exit, no
# partial or temporary file left behind, and an existing file left as it was.
#   check_write_faults.sh CLI APP IMAGE
# The full disk and the read-only folder are small tmpfs mounts in a private mount
# namespace (unshare -rm works for root and, where user namespaces are allowed, for
# anyone), so nothing is mounted outside this script.
set -uo pipefail

if [ "${1:-}" != "--inside" ]; then
  if ! command -v unshare >/dev/null; then
    echo "FAIL: unshare (util-linux) is needed to make a full disk" >&2
    exit 1
  fi
  exec unshare -rm --propagation private bash "$0" --inside "$@"
fi
shift
cli_exe="$1" app_exe="$2" image="$3"

work="$(mktemp -d)"
full="$work/full" almost="$work/almost" ro="$work/readonly" ok="$work/ok"
mkdir -p "$full" "$almost" "$ro" "$ok"
mount -t tmpfs -o size=1m tmpfs "$full" || { echo "FAIL: cannot mount a tmpfs" >&2; exit 1; }
mount -t tmpfs -o size=4m tmpfs "$almost"
mount -t tmpfs -o ro,size=1m tmpfs "$ro"
# A disk with no room at all, and one with 256 KiB left: there the first small files of
# a set fit and a later one does not, so those written first must go again.
head -c $((1024 * 1024)) /dev/zero >"$full/filler" 2>/dev/null
head -c $((4 * 1024 * 1024 - 256 * 1024)) /dev/zero >"$almost/filler" 2>/dev/null

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Each run is bounded, so a hang is a named failure rather than the whole test's timeout.
cli() { timeout 120 "$cli_exe" "$@"; }
# The app needs a display; ctest runs under xvfb-run in tools/dev.sh, by hand it may not.
app() {
  if [ -n "${DISPLAY:-}" ]; then
    timeout 120 "$app_exe" "$@"
  else
    xvfb-run -a timeout 120 "$app_exe" "$@"
  fi
}

# expect NAME EXIT REASON FOLDER COMMAND...: the exit code, exactly one line on stderr
# holding REASON, and FOLDER holding only what it held before.
expect() {
  local name="$1" code="$2" reason="$3" folder="$4"
  shift 4
  local before after err="$work/stderr"
  before="$(cd "$folder" && ls -A | sort)"
  "$@" >/dev/null 2>"$err"
  local got=$?
  after="$(cd "$folder" && ls -A | sort)"
  [ "$got" -eq "$code" ] || fail "$name: exit $got, expected $code"
  [ "$(wc -l <"$err")" -eq 1 ] || fail "$name: expected one line on stderr, got: $(cat "$err")"
  grep -q -- "$reason" "$err" || fail "$name: stderr does not say \"$reason\": $(cat "$err")"
  [ "$before" = "$after" ] || fail "$name: files left behind: $(echo "$after" | tr '\n' ' ')"
  echo "ok: $name: $(cat "$err")"
}

readonly_reason="Read-only file system"
full_reason="No space left on device"

expect "CLI --out-dir into a read-only folder" 2 "$readonly_reason" "$ro" \
  cli --image "$image" --out-dir "$ro"
expect "CLI --out-dir onto a full disk" 2 "$full_reason" "$full" \
  cli --image "$image" --out-dir "$full"
expect "CLI --out-dir onto a nearly full disk" 2 "$full_reason" "$almost" \
  cli --image "$image" --out-dir "$almost"
expect "CLI --save-input onto a full disk" 2 "$full_reason" "$full" \
  cli --image "$image" --save-input "$full/input.npy"

# Replacing files on a full disk: the old ones stay whole.
echo "an earlier report" >"$almost/report.json"
expect "CLI --out-dir --overwrite onto a nearly full disk" 2 "$full_reason" "$almost" \
  cli --image "$image" --out-dir "$almost" --overwrite
[ "$(cat "$almost/report.json")" = "an earlier report" ] ||
  fail "the existing report.json was changed by a failed --overwrite"
rm -f "$almost/report.json"

expect "app --screenshot into a read-only folder" 1 "$readonly_reason" "$ro" \
  app "$image" --size 640x480 --screenshot "$ro/shot.png"
expect "app --screenshot onto a full disk" 1 "$full_reason" "$full" \
  app "$image" --size 640x480 --screenshot "$full/shot.png"
expect "app --save-outputs onto a nearly full disk" 1 "$full_reason" "$almost" \
  app "$image" --size 640x480 --save-outputs "$almost"
expect "app --save-outputs into a read-only folder" 1 "$readonly_reason" "$ro" \
  app "$image" --size 640x480 --save-outputs "$ro"
expect "app session (--state-json) into a read-only folder" 1 "$readonly_reason" "$ro" \
  app "$image" --size 640x480 --screenshot "$ok/shot.png" --state-json "$ro/session.json"
expect "app session (--state-json) onto a full disk" 1 "$full_reason" "$full" \
  app "$image" --size 640x480 --screenshot "$ok/shot.png" --state-json "$full/session.json"

rm -f "$ok"/*
# The same runs with room to write succeed, so the failures above are the disk's.
cli --image "$image" --out-dir "$ok" >/dev/null || fail "CLI --out-dir into a writable folder"
app "$image" --size 640x480 --screenshot "$ok/shot.png" --state-json "$ok/session.json" ||
  fail "app --screenshot and --state-json into a writable folder"
[ -s "$ok/shot.png" ] && [ -s "$ok/session.json" ] || fail "the writable runs wrote nothing"

umount "$full" "$almost" "$ro"
rm -rf "$work"
if [ "$failures" -ne 0 ]; then
  echo "$failures write-fault check(s) failed" >&2
  exit 1
fi
echo "every write path failed cleanly"
