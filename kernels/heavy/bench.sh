#!/usr/bin/env bash
# Heavy-data benchmark (issue 3): zero-phase band-pass of an 8-channel float32 .npy through
# the pipeline with the JVM held to -Xmx256m, at 1 GB and 4 GB, then scipy's sosfiltfilt on
# sampled windows of the 4 GB result. Prints JSON lines and writes kernels/heavy/RESULTS.md.
#   kernels/heavy/bench.sh [workdir] [big-GB]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/env.sh
work=${1:-/tmp/vitalstream-heavy}
big=${2:-4}
mkdir -p "$work"
app_classpath
run() { $HEAVY_JAVA -cp "$APP_CP" kernels/heavy/HeavyBench.java "$work" "$1" 8 memory_mapped 2>/dev/null | tail -n 1; }
small=$(run 1)
echo "$small"
large=$(run "$big")
echo "$large"
check=$(/usr/bin/python3 kernels/heavy/check_windows.py "$work/input-${big}g.npy" "$work/output-${big}g.npy" 1000)
echo "$check"
/usr/bin/python3 - "$small" "$large" "$check" > kernels/heavy/RESULTS.md <<'PY'
import json, sys
s, l, c = (json.loads(a) for a in sys.argv[1:4])
growth = (l["peak_rss_mb"] - s["peak_rss_mb"]) / s["peak_rss_mb"] * 100
print("| input | channels | strategy | time | throughput | peak RSS |")
print("| --- | --- | --- | --- | --- | --- |")
for r in (s, l):
    print(f"| {r['input_bytes']/2**30:.2f} GiB float32 .npy | {r['channels']} | {r['strategy']} | {r['seconds']:.1f} s "
          f"| {r['channel_samples_per_s']/1e6:.0f} M channel-samples/s ({r['mb_per_s']:.0f} MB/s of input) | {r['peak_rss_mb']:.0f} MB |")
print()
print(f"JVM -Xmx256m (heap max {l['max_heap_mb']} MB). Peak RSS {s['peak_rss_mb']:.0f} MB at 1 GiB, {l['peak_rss_mb']:.0f} MB at "
      f"{l['input_bytes']/2**30:.0f} GiB: {growth:+.1f} % for {l['input_bytes']/s['input_bytes']:.1f}x the data.")
print()
print("scipy sosfiltfilt on windows of the large result (float32 output vs float64 scipy): "
      + ", ".join(f"{k} window: max difference {v['max_diff_over_peak']:.1e} of peak, {v['max_diff_over_bound']:.2f} of the bound"
                  for k, v in c.items() if k != "ok")
      + (" — every sample is scipy's value (to 1e-9 of peak) rounded to float32." if c["ok"] else " — OUTSIDE the bound."))
PY
cat kernels/heavy/RESULTS.md
