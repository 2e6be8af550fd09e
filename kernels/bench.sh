#!/usr/bin/env bash
# Every performance figure of issue 6 in one command, ours against scipy measured in the same
# run on the same data, written to kernels/RESULTS.md (which the README includes).
#   kernels/bench.sh [workdir]          (about 6 minutes; needs ~12 GB free in workdir)
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/env.sh
work=${1:-/tmp/vitalstream-bench}
mkdir -p "$work"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
command -v wrk >/dev/null || as_root apt-get install -y -q wrk >/dev/null
/usr/bin/python3 -c 'import scipy' 2>/dev/null || as_root apt-get install -y -q python3-scipy >/dev/null
app=target/quarkus-app
if [ ! -f "$app/app.aot" ]; then
  # the build's AOT training run happens in the integration tests
  mvn -B -q verify -Dit.test=FilterEndpointIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
fi
cp="target/classes:$app/lib/main/*"
flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"

echo "== kernels vs scipy" >&2
[ -f "$work/in-multi.npy" ] || /usr/bin/python3 kernels/bench/scipy_bench.py make "$work"
ours=$(java -Xmx6g $flags -cp "$cp" kernels/bench/KernelBench.java "$work" 2>/dev/null | tail -n 1)
peer=$(/usr/bin/python3 kernels/bench/scipy_bench.py time "$work")
check=$(/usr/bin/python3 kernels/bench/scipy_bench.py check "$work")

echo "== end to end: 1 GiB and 4 GiB 8-channel float32 .npy through the job API, -Xmx256m" >&2
mkdir -p "$work/data"
e2e() {  # $1 = GiB; prints {seconds, rss_mb, samples}
  local gb=$1 port=18090
  if [ ! -f "$work/data/e2e-${gb}g.npy" ]; then
    java $flags -cp "$cp" kernels/heavy/HeavyBench.java "$work/gen" "$gb" 8 generate >/dev/null 2>&1
    mv "$work/gen/input-${gb}g.npy" "$work/data/e2e-${gb}g.npy"
    rm -rf "$work/gen"
  fi
  JAVA_OPTS="-Xmx256m" bash $app/vitalstream -Dquarkus.http.port=$port -Dvitalstream.data-dir="$work/data" >"$work/service.log" 2>&1 &
  local launcher=$!
  until curl -sf localhost:$port/q/health/ready >/dev/null; do sleep 0.2; done
  local pid; pid=$(pgrep -f "quarkus.http.port=$port" | head -n 1)
  local id; id=$(curl -sf localhost:$port/api/filtering/jobs -H 'Content-Type: application/json' \
      -d "{\"input\":{\"path\":\"e2e-${gb}g.npy\"},\"sampling_freq\":1000,\"filter_params\":{\"filter_type\":\"bandpass\",\"low_freq\":0.5,\"high_freq\":40,\"filter_order\":4}}" \
      | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["request_id"])')
  local state=""
  until [ "$state" = completed ] || [ "$state" = failed ]; do
    sleep 0.5
    state=$(curl -sf localhost:$port/api/filtering/jobs/$id | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
  done
  local rss; rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  curl -sf localhost:$port/api/filtering/jobs/$id | /usr/bin/python3 -c "
import json,sys,datetime
j=json.load(sys.stdin)
f=lambda s: datetime.datetime.fromisoformat(s.replace('Z','+00:00'))
print(json.dumps(dict(state=j['state'], seconds=(f(j['finished_at'])-f(j['started_at'])).total_seconds(), samples=j['samples']*j['channels'], rss_mb=$rss/1024)))"
  kill $pid $launcher 2>/dev/null || true
  wait $launcher 2>/dev/null || true
  rm -f "$work/data/jobs/$id/result.npy"
}
e2e1=$(e2e 1)
e2e4=$(e2e 4)

echo "== start-up with and without the AOT cache" >&2
startup() {  # $1 = VITALSTREAM_AOT (0/1); prints {ms, rss_mb}
  local port=18091 body='{"signal_data":[0.1,0.5,0.9,0.4,-0.2,-0.6,-0.3,0.2,0.7,0.8,0.3,-0.1,-0.5,-0.4,0.0,0.4,0.6,0.5,0.1,-0.3,-0.5,-0.2,0.2,0.6,0.7,0.4,0.0,-0.4,-0.5,-0.1,0.3,0.6],"sampling_freq":100,"filter_params":{"filter_type":"lowpass","high_freq":10,"filter_order":2}}'
  local t0; t0=$(date +%s%N)
  VITALSTREAM_AOT=$1 bash $app/vitalstream -Dquarkus.http.port=$port -Dvitalstream.data-dir="$work/startup-data" >"$work/startup.log" 2>&1 &
  local launcher=$!
  until curl -s -o /dev/null -w '%{http_code}' -X POST localhost:$port/api/filtering/filter -H 'Content-Type: application/json' -d "$body" 2>/dev/null | grep -q 200; do sleep 0.005; done
  local t1; t1=$(date +%s%N)
  local pid; pid=$(pgrep -f "quarkus.http.port=$port" | head -n 1)
  local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  kill $pid $launcher 2>/dev/null || true
  wait $launcher 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $(( rss / 1024 ))"
}
cold=(); warm=(); for i in 1 2 3 4 5; do cold+=("$(startup 0)"); warm+=("$(startup 1)"); done

echo "== small requests under wrk (64 connections, 20 s)" >&2
JAVA_OPTS="-Xmx512m" bash $app/vitalstream -Dquarkus.http.port=18092 -Dvitalstream.data-dir="$work/wrk-data" >"$work/wrk-service.log" 2>&1 &
wl=$!
until curl -sf localhost:18092/q/health/ready >/dev/null; do sleep 0.2; done
wrk -t2 -c64 -d5s -s kernels/bench/post.lua http://localhost:18092/api/filtering/filter >/dev/null 2>&1 || true   # warm-up
wrkout=$(wrk -t2 -c64 -d20s --latency -s kernels/bench/post.lua http://localhost:18092/api/filtering/filter)
pkill -f "quarkus.http.port=18092" || true
wait $wl 2>/dev/null || true

/usr/bin/python3 - "$ours" "$peer" "$check" "$e2e1" "$e2e4" "${cold[*]}" "${warm[*]}" "$wrkout" > kernels/RESULTS.md <<'PY'
import json, re, statistics, sys
ours, peer, check, e1, e4 = (json.loads(a) for a in sys.argv[1:6])
cold = [tuple(map(int, x.split())) for x in re.findall(r"\d+ \d+", sys.argv[6])]
warm = [tuple(map(int, x.split())) for x in re.findall(r"\d+ \d+", sys.argv[7])]
wrk = sys.argv[8]
M = 1e6
def row(name, o, p, target, unit="M samples/s"):
    ratio = o / p
    met = ratio >= target
    return f"| {name} | {o/M:.0f} {unit} | {p/M:.0f} {unit} | {ratio:.2f}x | >= {target}x | {'met' if met else '**not met**'} |"
print("| figure | ours | peer (scipy, same run) | ratio | target | |")
print("| --- | --- | --- | --- | --- | --- |")
print(row("32-ch zero-phase IIR, 4 sections (channel-samples/s)", ours["sosfiltfilt_32ch"], peer["sosfiltfilt_32ch"], 20))
print(row("1-ch causal IIR (sosfilt)", ours["sosfilt_1ch"], peer["sosfilt_1ch"], 2))
print(row("1-ch zero-phase IIR (sosfiltfilt)", ours["sosfiltfilt_1ch"], peer["sosfiltfilt_1ch"], 3))
print(row("FIR 1001 taps, float64 (oaconvolve same)", ours["fir1001_f64"], peer["fir1001_f64"], 3))
print(row("running median, width 5 (ndimage.median_filter)", ours["median5"], peer["median5"], 3))
print(row("running median, width 101 (ndimage.median_filter)", ours["median101"], peer["median101"], 3))
copy_limit = 4.9e9
print(f"| 32-ch zero-phase, kernel alone (pre-interleaved) | {ours['kernel_zero_phase_32ch']/M:.0f} M/s | {peer['sosfiltfilt_32ch']/M:.0f} M/s | {ours['kernel_zero_phase_32ch']/peer['sosfiltfilt_32ch']:.2f}x | (>= 20x for the API above) | |")
print(f"| 32-ch zero-phase vs this machine's copy limit (4.9 G/s) | {ours['sosfiltfilt_32ch']/M:.0f} M/s | 4900 M/s | {ours['sosfiltfilt_32ch']/copy_limit:.2f} | >= 0.40 | {'met' if ours['sosfiltfilt_32ch']/copy_limit >= 0.4 else '**not met**'} |")
speedup = ours["sosfiltfilt_32ch"] / ours["sosfiltfilt_32ch_1thread"]
print(f"| two cores vs one (32-ch zero-phase) | {ours['sosfiltfilt_32ch']/M:.0f} M/s | {ours['sosfiltfilt_32ch_1thread']/M:.0f} M/s (1 thread) | {speedup:.2f}x | > 1 | {'met' if speedup > 1.1 else '**not met**'} |")
for label, e in (("1 GiB", e1), ("4 GiB", e4)):
    tput = e["samples"] / e["seconds"]
    kernel = ours["kernel_zero_phase_8ch"]
    print(f"| end to end, {label} 8-ch float32 via the job API | {tput/M:.0f} M ch-samples/s, peak RSS {e['rss_mb']:.0f} MB | kernel alone, 8-ch zero-phase {kernel/M:.0f} M/s | {tput/kernel:.2f} of kernel | >= 0.5, RSS < 512 MB | {'met' if tput >= kernel / 2 and e['rss_mb'] < 512 else '**not met**'} |")
growth = (e4["rss_mb"] - e1["rss_mb"]) / e1["rss_mb"] * 100
print(f"| peak RSS, 4 GiB vs 1 GiB | {e4['rss_mb']:.0f} MB | {e1['rss_mb']:.0f} MB | {growth:+.1f} % | flat (within 10 %) | {'met' if abs(growth) <= 10 else '**not met**'} |")
cm = statistics.median(c[0] for c in cold); wm = statistics.median(w[0] for w in warm)
print(f"| start-up to first filter response (median of 5) | {wm:.0f} ms with AOT cache, RSS {statistics.median(w[1] for w in warm):.0f} MB | {cm:.0f} ms without, RSS {statistics.median(c[1] for c in cold):.0f} MB | {wm/cm:.2f} | <= 0.5 | {'met' if wm/cm <= 0.5 else '**not met**'} |")
lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", wrk, re.M))
rps = re.search(r"Requests/sec:\s+(\S+)", wrk)
print(f"| 10 s of 500 Hz ECG, POST /api/filtering/filter, wrk 64 connections | p50 {lat.get('50','?')}, p99 {lat.get('99','?')}, {rps.group(1) if rps else '?'} req/s | | | reported | |")
print()
print("Exactness of our outputs against scipy's in this run (max |ours - scipy| / peak): "
      + ", ".join(f"{k} {v:.1e}" for k, v in check.items()) + ".")
PY
cat kernels/RESULTS.md
