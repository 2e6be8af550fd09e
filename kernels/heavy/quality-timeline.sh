#!/usr/bin/env bash
# Issue 13's quality acceptance on a big file: a Holter-like 8-channel float32 .npy (default
# 1 GiB: 37 h at 250 Hz, with lead-off, clipped and noisy stretches on some channels) through
# the packaged service at -Xmx256m and vitalstream.max-memory-mb=128: a band-pass job, then the
# quality timeline of the whole recording (GET /jobs/{id}/quality until 200). Samples the
# service's RSS during the screen; prints a report (kept in kernels/heavy/QUALITY-TIMELINE.md) and, when Chromium
# and playwright-core are there, a screenshot of the page showing the job with its bands.
#   kernels/heavy/quality-timeline.sh [workdir] [GiB]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/env.sh
work=${1:-/tmp/vitalstream-quality}
size=${2:-1}
mkdir -p "$work/data"
[ -f target/quarkus-app/quarkus-run.jar ] || "$MVN" -B -q package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
file="$work/data/holter-${size}g.npy"
[ -f "$file" ] || /usr/bin/python3 - "$file" "$size" <<'PY'
import sys
import numpy as np
path, gib = sys.argv[1], float(sys.argv[2])
fs, ch = 250, 8
frames = int(gib * 2**30) // (4 * ch)
t = np.arange(int(fs * 60 / 72)) / fs  # one beat at 72 bpm
beat = sum(a * np.exp(-0.5 * ((t - mu) / w) ** 2) for a, mu, w in
           ((0.12, 0.25, 0.025), (-0.1, 0.40, 0.008), (1.2, 0.42, 0.01), (-0.25, 0.44, 0.008), (0.3, 0.65, 0.04)))
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (frames, ch)
header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
rng = np.random.default_rng(5)
hour = 3600 * fs
with open(path, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode())
    block = 1 << 20
    for start in range(0, frames, block):
        n = min(block, frames - start)
        i = np.arange(start, start + n)
        ecg = beat[i % len(beat)] + 0.02 * rng.standard_normal(n) + 0.1 * np.sin(2 * np.pi * 0.3 * i / fs)
        x = np.repeat(ecg[:, None], ch, axis=1) * np.linspace(1, 0.5, ch)
        h = i // hour
        x[(h % 6 == 2), 1] = 0.05                                   # channel 1: lead off every 6th hour
        x[:, 2] = np.where(h % 5 == 3, np.clip(x[:, 2] * 4, -0.4, 0.4), x[:, 2])  # channel 2: saturates every 5th hour
        noisy = (h % 4 == 1)
        x[noisy, 3] += rng.standard_normal(np.count_nonzero(noisy))  # channel 3: buried in noise every 4th hour
        f.write(x.astype("<f4").tobytes())
PY
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
JAVA_OPTS="-Xmx256m" bash target/quarkus-app/vitalstream -Dquarkus.http.port="$port" -Dvitalstream.data-dir="$work/data" \
  -Dvitalstream.max-memory-mb=128 -Dquarkus.log.level=WARN > "$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
until curl -sf "$base/q/health/ready" > /dev/null; do sleep 0.5; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
jpid=$(pgrep -P $pid java || echo $pid)
job=$(curl -sf -H 'Content-Type: application/json' -d "{\"input\": {\"path\": \"$(basename "$file")\"}, \"sampling_freq\": 250, \"signal_type\": \"ECG\"}" \
  "$base/api/filtering/jobs" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["request_id"])')
t0=$(date +%s.%N)
until curl -sf "$base/api/filtering/jobs/$job" | grep -q '"state":"completed"'; do sleep 0.5; done
t1=$(date +%s.%N)
rss_before=$(rss $jpid)
peak=0
code=0
while [ "$code" != 200 ]; do
  code=$(curl -s -o "$work/timeline.json" -w '%{http_code}' "$base/api/filtering/jobs/$job/quality?max_segments=200")
  r=$(rss $jpid); [ "$r" -gt "$peak" ] && peak=$r
  [ "$code" = 202 ] || [ "$code" = 200 ] || { cat "$work/timeline.json"; exit 1; }
  sleep 0.5
done
t2=$(date +%s.%N)
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
if [ -d src/test/ui/node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
  node kernels/heavy/quality-screenshot.mjs "$base" "$job" "$work/quality-timeline.png" || echo "screenshot failed"
fi
/usr/bin/python3 - "$work/timeline.json" "$(stat -c %s "$file")" "$t0" "$t1" "$t2" "$rss_before" "$peak" "$hwm" > "$work/QUALITY-TIMELINE.md" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
size, t0, t1, t2 = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
before, peak, hwm = (int(v) / 1024 for v in sys.argv[6:9])
print(f"Input: {size / 2**30:.2f} GiB float32 .npy, 8 channels, 250 Hz ({t['segments_total']} segments of 10 s per channel).")
print(f"Service at -Xmx256m, vitalstream.max-memory-mb=128. Band-pass job {t1 - t0:.0f} s; quality screen of the whole recording "
      f"{t2 - t1:.0f} s ({t['segments_total'] * 8 / (t2 - t1):.0f} channel-segments/s).")
print(f"RSS when the job completed {before:.0f} MB; highest RSS sampled during the screen {peak:.0f} MB; process peak (VmHWM) {hwm:.0f} MB.")
print()
print("| channel | level | score | segments per level (excellent/good/fair/poor/unusable) |")
print("| --- | --- | --- | --- |")
for c in t["channels"]:
    counts = {}
    for s in c["segments"]:
        counts[s["level"]] = counts.get(s["level"], 0) + 1
    print(f"| {c['channel']} | {c['level']} | {c['score']:.3f} | " + "/".join(str(counts.get(l, 0)) for l in
          ("excellent", "good", "fair", "poor", "unusable")) + f" of {len(c['segments'])} bins (each the worst of {t['segments_per_bin']}) |")
PY
cat "$work/QUALITY-TIMELINE.md"
