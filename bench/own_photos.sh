#!/usr/bin/env bash
# The "Own photos" measurements of bench/README.md: a generated 12 MP JPEG opened in the
# app at the default layer, 5 runs: the time from start to the first full-resolution
# outputs and the frame times while the job runs (the app's --stats-json); then the
# CLI's --out-dir on the same photo, and the cancel latency per stage.
#   bench/own_photos.sh [BUILD_DIR]   (run after tools/dev.sh test; needs xvfb-run)
set -euo pipefail
build="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
photo="$work/photo_4032x3024.jpg"
"$build/tools/sepconv-make-photo" 4032 3024 "$photo"

echo "app, 12 MP at the default layer, 1920x1080 window (5 runs):"
for i in 1 2 3 4 5; do
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/sepconv-lab" "$photo" --size 1920x1080 \
    --screenshot "$work/shot.png" --stats-json "$work/stats$i.json" --timeout 300
  python3 - "$work/stats$i.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"  first result {d['first_result_seconds']:.2f} s; frames while computing: "
      f"{d['frames_while_computing']}, median {d['computing_frame_ms_median']:.1f} ms, "
      f"worst {d['computing_frame_ms_worst']:.1f} ms; textures {d['texture_bytes'] / 2**20:.1f} MiB "
      f"(bound {d['texture_bound_bytes'] / 2**20:.0f} MiB)")
PY
done
python3 - "$work" <<'PY'
import json, statistics, sys, glob
runs = [json.load(open(p)) for p in sorted(glob.glob(sys.argv[1] + "/stats*.json"))]
print("  median of the runs: first result %.2f s, worst frame while computing %.1f ms" % (
    statistics.median(r["first_result_seconds"] for r in runs),
    statistics.median(r["computing_frame_ms_worst"] for r in runs)))
PY

echo "CLI --out-dir on the same photo:"
mkdir -p "$work/out"
/usr/bin/time -f "  %e s wall, %M KiB peak RSS" "$build/app/sepconv" --image "$photo" \
  --out-dir "$work/out" >/dev/null
du -sh "$work/out" | sed 's/^/  written: /'

echo "cancel latency, 12 MP default layer:"
"$build/bench/sepconv_cancel_latency" "$photo" | tail -1 | sed 's/^/  /'
