#!/usr/bin/env bash
# Issue 13's heavy benchmark: ICA, a neural denoiser, the default ensemble and wavelet noise
# removal on an 8-channel EEG-like float32 .npy (default 1 GiB) with blinks on two frontal
# channels, each in its own JVM at -Xmx256m with the budget of vitalstream.max-memory-mb=128.
# Prints one JSON line per method and writes kernels/heavy/WHOLE-METHODS.md.
#   kernels/heavy/whole-methods.sh [workdir] [GiB]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/env.sh
work=${1:-/tmp/vitalstream-whole}
size=${2:-1}
mkdir -p "$work"
app_classpath
lines=()
for method in ica autoencoder ensemble wavelet; do
  line=$($HEAVY_JAVA -cp "$APP_CP" kernels/heavy/WholeMethodsBench.java "$work" "$size" "$method" 2>/dev/null | tail -n 1)
  echo "$line"
  lines+=("$line")
done
/usr/bin/python3 - "${lines[@]}" > kernels/heavy/WHOLE-METHODS.md <<'PY'
import json, sys
rows = [json.loads(a) for a in sys.argv[1:]]
print("| method | input | completed | time | peak RSS | notes / error |")
print("| --- | --- | --- | --- | --- | --- |")
for r in rows:
    print(f"| {r['method']} | {r['input_bytes']/2**30:.2f} GiB float32 .npy, 8 channels | {'yes' if r['completed'] else 'no'} | {r['seconds']:.0f} s "
          f"| {r['peak_rss_mb']:.0f} MB | {r['notes'] or r['error'] or '—'} |")
ica = next(r for r in rows if r["method"] == "ica")["ica"]
if ica:
    print()
    print("ICA against the generator's parts: blinks left on the frontal channels "
          + ", ".join(f"{ica[f'blinks_left_db_{c}']:.1f} dB" for c in (0, 1))
          + " of their power; the other channels changed by "
          + ", ".join(f"{ica[f'change_pct_{c}']:.2f} %" for c in range(2, 8)) + " RMS (about the means).")
print()
print(f"JVM -Xmx256m (heap max {rows[0]['max_heap_mb']} MB), the pipeline's budget that of vitalstream.max-memory-mb=128.")
PY
cat kernels/heavy/WHOLE-METHODS.md
