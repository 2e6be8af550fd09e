#!/usr/bin/env bash
# Issue 15's split-job figure: one large job on one replica against the same job split over
# three replicas (one redis-server, one shared data dir, packaged replicas on loopback), for a
# zero-phase band-pass (time-parallel IIR sweeps) and a median (frame ranges with a halo).
# Also a single node without Redis, for reference. Twice: replicas that may use both cores, and replicas limited to one core each
# (-XX:ActiveProcessorCount=1, as on one-core machines). Job time = the record's finished_at
# minus started_at, median of three runs. Prints a markdown table (kept in
# kernels/heavy/CLUSTER-SPLIT.md).
#   kernels/heavy/cluster-split.sh [workdir] [M frames, default 16 (4 channels float32: 256 MB)]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/env.sh
work=${1:-/tmp/vitalstream-split}
mframes=${2:-16}
mkdir -p "$work/data"
[ -f target/quarkus-app/quarkus-run.jar ] || "$MVN" -B -q package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
command -v redis-server >/dev/null || as_root apt-get install -y -q redis-server >/dev/null
exec /usr/bin/python3 - "$work" "$mframes" "$JAVA_HOME" <<'PY'
import json, os, signal, socket, statistics, subprocess, sys, time, datetime
import numpy as np, requests

work, mframes, java_home = sys.argv[1], float(sys.argv[2]), sys.argv[3]
data = os.path.join(work, "data")
frames = int(mframes * 1e6)
path = os.path.join(data, "split.npy")
if not os.path.exists(path) or os.path.getsize(path) < frames * 16:
    rng = np.random.default_rng(1)
    arr = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(frames, 4))
    for s in range(0, frames, 1 << 20):
        n = min(1 << 20, frames - s)
        t = (np.arange(s, s + n) / 500.0)[:, None]
        arr[s:s + n] = (np.sin(2 * np.pi * 1.2 * t * np.arange(1, 5)) + 0.3 * rng.standard_normal((n, 4))).astype(np.float32)
    arr.flush()
    del arr

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

rport = free_port()
redis = subprocess.Popen(["redis-server", "--port", str(rport), "--bind", "127.0.0.1", "--save", ""], stdout=subprocess.DEVNULL)
time.sleep(0.5)

def start(n, cores, cluster=True):
    procs = []
    for i in range(n):
        port = free_port()
        args = ["bash", "target/quarkus-app/vitalstream", f"-Dquarkus.http.port={port}", f"-Dvitalstream.data-dir={data}",
                f"-Dvitalstream.cluster.node-id=r{i + 1}", "-Dvitalstream.max-concurrent-jobs=1", "-Xmx512m"]
        if cluster:
            args += [f"-Dvitalstream.cluster.redis-url=redis://127.0.0.1:{rport}", "-Dvitalstream.cluster.split-above-mb=64"]
        if cores:
            args.insert(2, f"-XX:ActiveProcessorCount={cores}")
        env = dict(os.environ, JAVA_HOME=java_home)
        p = subprocess.Popen(args, env=env, stdout=open(os.path.join(work, f"r{i + 1}.log"), "w"), stderr=subprocess.STDOUT)
        procs.append((p, port))
    for p, port in procs:
        deadline = time.time() + 90
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/q/health/ready", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.time() > deadline:
                sys.exit("a replica did not start")
            time.sleep(0.2)
    return procs

def run(port, params):
    r = requests.post(f"http://127.0.0.1:{port}/api/filtering/jobs", json={"input": {"path": "split.npy"}, "sampling_freq": 500,
                      "filter_params": params, "strategy": "memory_mapped", "output_format": "npy"})
    r.raise_for_status()
    jid = r.json()["request_id"]
    while True:
        s = requests.get(f"http://127.0.0.1:{port}/api/filtering/jobs/{jid}").json()
        if s["state"] in ("completed", "failed", "cancelled"):
            break
        time.sleep(0.1)
    if s["state"] != "completed":
        sys.exit(f"job {s['state']}: {s.get('error')}")
    t = lambda k: datetime.datetime.fromisoformat(s[k].replace("Z", "+00:00"))
    split = next((n for n in s.get("notes", []) if n.startswith("split into")), "not split")
    return (t("finished_at") - t("started_at")).total_seconds(), split

jobs = {"zero-phase band-pass, order 4 (IIR)": {"filter_type": "bandpass", "low_freq": 0.5, "high_freq": 40},
        "median, width 5 (window)": {"filter_family": "median", "window_size": 5},
        "median, width 101 (window, compute-bound)": {"filter_family": "median", "window_size": 101}}
times = {}
try:
    for cores in (None, 1):
        for n in ("single", 1, 3):
            procs = start(1 if n == "single" else n, cores, n != "single")
            try:
                for name, params in jobs.items():
                    runs = [run(procs[0][1], params) for _ in range(3)]
                    times[(cores, n, name)] = (statistics.median(r[0] for r in runs), runs[-1][1])
            finally:
                for p, _ in procs:
                    p.send_signal(signal.SIGTERM)
                for p, _ in procs:
                    p.wait()
finally:
    redis.terminate()
rows = []
for cores in (None, 1):
    for name in jobs:
        ts, t1, t3 = (times[(cores, n, name)][0] for n in ("single", 1, 3))
        rows.append((name, "both cores each" if cores is None else "one core each", ts, t1, t3, t1 / t3, times[(cores, 3, name)][1]))
print(f"| job ({frames / 1e6:.0f} M frames x 4 channels, float32, {frames * 16 / 2**20:.0f} MB) | replicas may use | single node (no Redis) | one replica (cluster) | three replicas (cluster) | speed-up, three vs one | parts (last run of three) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for name, cores, ts, t1, t3, x, split in rows:
    print(f"| {name} | {cores} | {ts:.2f} s | {t1:.2f} s | {t3:.2f} s | {x:.2f}x | {split} |")
print(f"\nMachine: {os.cpu_count()} cores shared by every replica and redis-server; median of three runs each.")
PY
