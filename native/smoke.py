#!/usr/bin/python3
"""The native executable against the packaged JVM service, one after the other on the same
machine in one run (free loopback ports, temporary data directories). For each: milliseconds to
the first /q/health/live answer and to the first filter response, resident memory after them;
then the README's example, a 32-channel zero-phase request, a job (upload, submit, WebSocket
progress, download), a live stream over /ws/filter-stream, and the zero-phase kernel timed
inside the service (POST /api/bench/zero-phase); and the job once more with the native
executable as a cluster replica on a redis-server of its own (when redis-server is installed). Every result of the native executable must
equal JVM mode's (to 1e-12 of the peak; the same kernels run, so the bits are expected equal
and counted). Exits non-zero on any failure; prints a markdown table of the figures (and
writes it to --table FILE).

  native/smoke.py <native executable> <jvm launcher (target/quarkus-app/vitalstream)> [--table FILE]

The JVM service runs with its AOT cache when app.aot lies beside the launcher (the build's
integration tests train it) and once more without it (VITALSTREAM_AOT=0).
"""
import asyncio
import atexit
import http.client
import io
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np
import websockets

README = {"signal_data": [0.1, 0.5, 0.9, 0.4, -0.2, -0.6, -0.3, 0.2, 0.7, 0.8, 0.3, -0.1, -0.5, -0.4, 0.0, 0.4, 0.6, 0.5, 0.1, -0.3,
                          -0.5, -0.2, 0.2, 0.6, 0.7, 0.4, 0.0, -0.4, -0.5, -0.1, 0.3, 0.6],
          "sampling_freq": 100, "filter_params": {"filter_type": "lowpass", "high_freq": 10, "filter_order": 2}}
rng = random.Random(7)
MULTI = {"signal_data": [[rng.gauss(0, 1) + math.sin(0.01 * i * (c + 1)) for i in range(5000)] for c in range(32)],
         "sampling_freq": 500, "filter_params": {"filter_type": "bandpass", "low_freq": 0.5, "high_freq": 40, "filter_order": 4,
                                                 "zero_phase": True}}
# the job's input: 300 000 frames x 8 channels of float32 (9.6 MB; about ten 1 MB chunks)
frames = np.arange(300_000)
JOB_INPUT = np.stack([np.sin(2 * np.pi * (c + 1) * frames / 1000) + 0.1 * np.random.default_rng(c).standard_normal(frames.size)
                      for c in range(8)], axis=1).astype(np.float32)
JOB = {"sampling_freq": 1000, "strategy": "chunked",
       "filter_params": {"filter_type": "bandpass", "low_freq": 0.5, "high_freq": 40, "filter_order": 4}}
# the live stream: 2 channels at 250 Hz, causal low-pass, three blocks of unequal length
STREAM = {"sampling_freq": 250, "channels": 2, "format": "f32le",
          "filter_params": {"filter_type": "lowpass", "high_freq": 30, "filter_order": 4, "zero_phase": False}}
STREAM_BLOCKS = [np.random.default_rng(3).standard_normal((n, 2)).astype("<f4") for n in (100, 257, 31)]
KERNELS = [(32, 250_000), (1, 2_000_000)]
# every method of the registry, with its listed defaults, on 2 channels x 2 000 samples at 250 Hz
METHOD_SIGNAL = [[math.sin(2 * math.pi * 1.3 * i / 250) + 0.3 * math.sin(2 * math.pi * (50 + c) * i / 250) + 0.1 * rng.gauss(0, 1)
                  for i in range(2000)] for c in range(2)]


def with_defaults(method):
    """filter_params selecting a registry method, every listed parameter with a default set to it."""
    p = {"category": method["category"], ("filter_family" if method["category"] == "traditional" else "method"): method["name"]}
    for param in method["params"]:
        if param.get("default_value") is not None and param["type"] != "list":
            p[param["name"]] = param["default_value"]
    if method["category"] == "traditional" and any(q["name"] == "low_freq" for q in method["params"]):
        p.setdefault("filter_type", "bandpass")
        p.update(low_freq=1.0, high_freq=40.0)
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None, raw=None, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {}
    if body is not None:
        raw, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
    elif raw is not None:
        headers = {"Content-Type": "application/octet-stream"}
    c.request(method, path, body=raw, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def ok(port, method, path, body=None, raw=None, expect=200):
    status, data = call(port, method, path, body, raw)
    if status != expect:
        raise SystemExit(f"{method} {path} answered {status}: {data[:300]!r}")
    return data


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS"))


# every service's data dir (with its log.txt) lives here and goes when the check passes (the job
# results are tens of MB each); after a failure it stays for the logs
WORK = tempfile.mkdtemp(prefix="vs-smoke-")
PASSED = False


@atexit.register
def _clean_up():
    if PASSED:
        shutil.rmtree(WORK, True)
    else:
        print(f"native/smoke.py did not pass: the services' data dirs and logs are in {WORK}", file=sys.stderr)


def start(cmd, name, env, extra=()):
    port = free_port()
    data = tempfile.mkdtemp(prefix=name.split(",")[0].replace(" ", "-") + "-", dir=WORK)
    log = os.path.join(data, "log.txt")
    t0 = time.monotonic()
    p = subprocess.Popen(cmd + [f"-Dquarkus.http.port={port}", f"-Dvitalstream.data-dir={data}", "-Dvitalstream.bench-endpoints=true",
                                "-Dvitalstream.chunk-size-mb=1", *extra], stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                         env=dict(os.environ, **env))
    health = first = None
    while time.monotonic() - t0 < 60 and p.poll() is None:
        try:
            if health is None:
                if call(port, "GET", "/q/health/live")[0] == 200:
                    health = time.monotonic() - t0
            elif call(port, "POST", "/api/filtering/filter", README)[0] == 200:
                first = time.monotonic() - t0
                break
        except OSError:
            pass
        time.sleep(0.005)
    if first is None:
        p.kill()
        raise SystemExit(f"{name}: did not answer within 60 s; its log ({log}):\n" + open(log).read()[-3000:])
    return p, port, dict(health_ms=health * 1000, first_ms=first * 1000, rss_mb=rss_mb(p.pid))


def filtered(port, body):
    return np.array(json.loads(ok(port, "POST", "/api/filtering/filter", body))["filtered_signal"], dtype=np.float64)


async def job(port):
    """Upload, then watch the progress socket while the job runs, then download the result."""
    buf = io.BytesIO()
    np.save(buf, JOB_INPUT)
    upload = json.loads(ok(port, "POST", "/api/uploads?filename=smoke.npy", raw=buf.getvalue(), expect=201))["upload_id"]
    events = []
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws/filtering-progress") as ws:
        job_id = json.loads(ok(port, "POST", "/api/filtering/jobs", dict(JOB, input={"upload_id": upload}), expect=202))["request_id"]
        await ws.send(json.dumps({"subscribe": job_id}))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                event = json.loads(await asyncio.wait_for(ws.recv(), 2.0))
            except asyncio.TimeoutError:
                state = json.loads(ok(port, "GET", f"/api/filtering/jobs/{job_id}"))["state"]
                if state not in ("queued", "running"):
                    break
                continue
            if event.get("request_id") == job_id and event["type"].startswith("filtering_"):
                events.append(event)
                if event["type"] != "filtering_progress":
                    break
    status = json.loads(ok(port, "GET", f"/api/filtering/jobs/{job_id}"))
    if status["state"] != "completed":
        raise SystemExit(f"job {job_id} ended {status['state']}: {status.get('error')}")
    result = np.load(io.BytesIO(ok(port, "GET", f"/api/filtering/jobs/{job_id}/result")))
    types = [e["type"] for e in events]
    if "filtering_complete" not in types or types.count("filtering_progress") < status["chunks_total"]:
        raise SystemExit(f"job {job_id}: {status['chunks_total']} chunks but progress messages {types}")
    for path in (f"/api/filtering/jobs/{job_id}/preview?max_points=500", f"/api/filtering/jobs/{job_id}/quality/metrics"):
        ok(port, "GET", path)
    deadline = time.monotonic() + 120  # the quality timeline is screened after the job: 202 until it is done
    while call(port, "GET", f"/api/filtering/jobs/{job_id}/quality")[0] == 202 and time.monotonic() < deadline:
        time.sleep(0.2)
    ok(port, "GET", f"/api/filtering/jobs/{job_id}/quality")
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", f"/api/filtering/jobs/{job_id}/result", headers={"Range": "bytes=0-99"})
    r = c.getresponse()
    if r.status != 206 or len(r.read()) != 100:
        raise SystemExit(f"a Range request for the result answered {r.status}")
    c.close()
    return result.astype(np.float64), dict(chunks=status["chunks_total"], progress_messages=types.count("filtering_progress"))


def methods(port):
    """Every registry method through the synchronous API, with quality assessment; then the other endpoints."""
    out = {}
    for method in json.loads(ok(port, "GET", "/api/filtering/methods"))["methods"]:
        body = {"signal_data": METHOD_SIGNAL, "sampling_freq": 250, "filter_params": with_defaults(method), "quality_assessment": True}
        out[method["category"] + "/" + method["name"]] = filtered(port, body)
    status, data = call(port, "POST", "/api/filtering/filter", dict(README, filter_params={"filter_type": "lowpass", "high_freq": 80}))
    if status != 400 or b"Nyquist" not in data:
        raise SystemExit(f"a cut-off above Nyquist answered {status}: {data[:300]!r}")
    ok(port, "POST", "/api/filtering/design", {"sampling_freq": 250, "filter_params": {"filter_type": "bandpass", "low_freq": 1, "high_freq": 40}})
    for path in ("/api/filtering/statistics", "/q/openapi", "/q/metrics", "/q/health", "/", "/api/examples"):
        ok(port, "GET", path)
    return out


async def stream(port):
    """A live stream: binary float32 blocks in, the same number of filtered frames back, in order."""
    out = []
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws/filter-stream") as ws:
        await ws.send(json.dumps(STREAM))
        ready = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if ready.get("type") != "stream_ready":
            raise SystemExit(f"live stream refused: {ready}")
        for block in STREAM_BLOCKS:
            await ws.send(block.tobytes())
            answer = await asyncio.wait_for(ws.recv(), 30)
            if not isinstance(answer, bytes) or len(answer) != block.nbytes:
                raise SystemExit(f"live stream answered {answer!r:.200} to a block of {block.nbytes} bytes")
            out.append(np.frombuffer(answer, dtype="<f4").reshape(block.shape))
    return np.concatenate(out).astype(np.float64)


def warmed_up(port):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, data = call(port, "GET", "/q/health/ready")
        if status == 200 and '"warmed_up":true' in data.decode().replace(" ", ""):
            return
        time.sleep(0.2)
    raise SystemExit("the engine warm-up did not finish within 120 s")


def measure(name, cmd, env):
    p, port, figures = start(cmd, name, env)
    try:
        figures["readme"] = filtered(port, README)
        figures["multi"] = filtered(port, MULTI)
        figures["job"], figures["job_info"] = asyncio.run(job(port))
        figures["stream"] = asyncio.run(stream(port))
        figures["methods"] = methods(port)
        warmed_up(port)
        for channels, samples in KERNELS:
            t = json.loads(ok(port, "POST", f"/api/bench/zero-phase?channels={channels}&samples={samples}&runs=7"))
            figures[f"kernel_{channels}"] = t["samples_per_second"] / 1e6
            figures["species"] = t["vector_species"]
            figures["fft"] = t["fft_backend"].split(" ")[0]
        print(f"{name}: /q/health {figures['health_ms']:.0f} ms, first filter {figures['first_ms']:.0f} ms, RSS {figures['rss_mb']} MB, "
              f"job {figures['job_info']}, kernel " + ", ".join(f"{c} ch {figures[f'kernel_{c}']:.0f} M/s" for c, _ in KERNELS)
              + f" ({figures['species']}, FFT {figures['fft']})", flush=True)
    finally:
        p.terminate()
        p.wait(20)
    return figures


def cluster_job(native):
    """The native executable as a replica in cluster mode: a redis-server of its own, the same job."""
    if shutil.which("redis-server") is None:
        print("redis-server not installed: cluster mode not checked natively")
        return None
    port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("redis-server did not start")
                time.sleep(0.05)
        p, http_port, _ = start([native], "native-cluster", {}, [f"-Dvitalstream.cluster.redis-url=redis://127.0.0.1:{port}",
                                                                  "-Dvitalstream.cluster.node-id=native-1"])
        try:
            result, info = asyncio.run(job(http_port))
            replicas = json.loads(ok(http_port, "GET", "/api/filtering/statistics")).get("cluster", {}).get("replicas")
            print(f"native in cluster mode (Redis on {port}): job {info}, replicas {replicas}")
            return result
        finally:
            p.terminate()
            p.wait(20)
    finally:
        redis.terminate()
        redis.wait(10)


def main():
    args = sys.argv[1:]
    table_file = None
    if "--table" in args:
        i = args.index("--table")
        table_file = args[i + 1]
        del args[i:i + 2]
    native, launcher = args
    modes = [("native", [native], {})]
    if os.path.exists(os.path.join(os.path.dirname(launcher), "app.aot")):
        modes.append(("JVM, AOT cache", ["bash", launcher], {"VITALSTREAM_AOT": "1"}))
    else:
        print(f"no app.aot beside {launcher}: JVM mode with the AOT cache not measured (run the integration tests first)")
    modes.append(("JVM, no AOT cache", ["bash", launcher], {"VITALSTREAM_AOT": "0"}))
    runs = {name: measure(name, cmd, env) for name, cmd, env in modes}
    clustered = cluster_job(native)
    if clustered is not None:
        runs["native"]["cluster_job"] = clustered

    reference = runs[modes[1][0]]
    failed = False
    def compare(a, b):  # (max |diff| / peak, values bit-equal, values), or None when the shapes differ
        if a.shape != b.shape:
            return None
        peak = max(float(np.max(np.abs(b))), 1e-300)
        return float(np.max(np.abs(a - b))) / peak, int(np.sum(a == b)), b.size

    # the jobs' 8 channels: a JVM on 8-double vectors cuts them in time (one lane group, see
    # TimeParallelIir.SEQUENTIAL_MIN_CHANNELS), the image (4-double vectors) filters them as one
    # segment; the doubles differ by about 1e-12 of the peak and the float32 files then by a
    # rounding here and there: one float32 step of the peak (2^-23) at most
    tolerance = {"job": 2.0 ** -23, "cluster_job": 2.0 ** -23}
    for case, ref in (("readme", "readme"), ("multi", "multi"), ("job", "job"), ("stream", "stream"), ("cluster_job", "job")):
        if case not in runs["native"]:
            continue
        c = compare(runs["native"][case], reference[ref])
        print(f"{case}: " + (f"native vs JVM max |diff| / peak = {c[0]:.1e}, {c[1]} of {c[2]} values bit-equal" if c else "shapes differ"))
        failed |= c is None or c[0] > tolerance.get(case, 1e-12)
    per_method = {name: compare(runs["native"]["methods"][name], reference["methods"][name]) for name in reference["methods"]}
    bad = {name: c for name, c in per_method.items() if c is None or c[0] > 1e-12}
    exact = sum(1 for c in per_method.values() if c and c[1] == c[2])
    worst = max((c[0] for c in per_method.values() if c), default=0.0)
    print(f"registry methods: {len(per_method)} run natively and on the JVM, {exact} bit-equal, largest |diff| / peak {worst:.1e}"
          + "".join(f"\n  {name}: {c}" for name, c in per_method.items() if c is None or c[1] != c[2]))
    failed |= bool(bad)

    names = [name for name, _, _ in modes]
    rows = [("first /q/health/live answer (ms)", "health_ms", "{:.0f}"), ("first filter response (ms)", "first_ms", "{:.0f}"),
            ("RSS after the first response (MB)", "rss_mb", "{}")]
    rows += [("zero-phase kernel, {} ch x {} samples (M channel-samples/s)".format(c, f"{s:,}".replace(",", " ")), f"kernel_{c}", "{:.0f}")
             for c, s in KERNELS]
    table = ["| measured in one run | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    table += [f"| {label} | " + " | ".join(fmt.format(runs[n][key]) for n in names) + " |" for label, key, fmt in rows]
    table.append("| Vector API species, FFT backend | " + " | ".join(f"{runs[n]['species']}, {runs[n]['fft']}" for n in names) + " |")
    print("\n".join(table))
    if table_file:
        with open(table_file, "w") as f:
            f.write("\n".join(table) + "\n")
    if failed:
        raise SystemExit("native and JVM results differ beyond 1e-12 of peak (float32 job files: one float32 step)")
    global PASSED
    PASSED = True


main()
