#!/usr/bin/env python3
"""Starts the native executable and the packaged JVM service side by side (free loopback ports,
temporary data directories), and for each: milliseconds to the first /q/health/live answer and
to the first filter response, resident memory after them, and the results of the README's
example and of a 32-channel zero-phase request, compared between the two.

  native/smoke.py <native executable> <jvm launcher (target/quarkus-app/vitalstream)>
"""
import http.client
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time

README = {"signal_data": [0.1, 0.5, 0.9, 0.4, -0.2, -0.6, -0.3, 0.2, 0.7, 0.8, 0.3, -0.1, -0.5, -0.4, 0.0, 0.4, 0.6, 0.5, 0.1, -0.3,
                          -0.5, -0.2, 0.2, 0.6, 0.7, 0.4, 0.0, -0.4, -0.5, -0.1, 0.3, 0.6],
          "sampling_freq": 100, "filter_params": {"filter_type": "lowpass", "high_freq": 10, "filter_order": 2}}
rng = random.Random(7)
MULTI = {"signal_data": [[rng.gauss(0, 1) + math.sin(0.01 * i * (c + 1)) for i in range(5000)] for c in range(32)],
         "sampling_freq": 500, "filter_params": {"filter_type": "bandpass", "low_freq": 0.5, "high_freq": 40, "filter_order": 4,
                                                 "zero_phase": True}}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers={"Content-Type": "application/json"} if body is not None else {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def start(cmd, name):
    port = free_port()
    data = tempfile.mkdtemp(prefix="vs-" + name + "-")
    t0 = time.monotonic()
    p = subprocess.Popen(cmd + [f"-Dquarkus.http.port={port}", f"-Dvitalstream.data-dir={data}"], stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(data, "log.txt"), "w"))
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
    rss = None
    try:
        with open(f"/proc/{p.pid}/status") as f:
            rss = next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS"))
    except (OSError, StopIteration):
        pass
    return p, port, health, first, rss, data


def filtered(port, body):
    status, data = call(port, "POST", "/api/filtering/filter", body)
    if status != 200:
        raise SystemExit(f"filter answered {status}: {data[:300]!r}")
    return json.loads(data)["filtered_signal"]


def flat(x):
    return [v for row in x for v in row] if x and isinstance(x[0], list) else list(x)


runs = {}
for name, cmd in (("native", [sys.argv[1]]), ("jvm", ["bash", sys.argv[2]])):
    p, port, health, first, rss, data = start(cmd, name)
    try:
        if first is None:
            print(f"{name}: did not answer (log: {data}/log.txt)")
            print(open(os.path.join(data, "log.txt")).read()[-3000:])
            raise SystemExit(1)
        readme = filtered(port, README)
        t = time.monotonic()
        multi = filtered(port, MULTI)
        runs[name] = dict(health=health, first=first, rss=rss, readme=readme, multi=multi, multi_s=time.monotonic() - t)
        print(f"{name}: /q/health {health * 1000:.0f} ms, first filter {first * 1000:.0f} ms, RSS {rss} MB, "
              f"32 x 5000 zero-phase request {runs[name]['multi_s'] * 1000:.0f} ms")
    finally:
        p.terminate()
        p.wait(10)

for case in ("readme", "multi"):
    a, b = flat(runs["native"][case]), flat(runs["jvm"][case])
    peak = max(abs(v) for v in b)
    worst = max(abs(x - y) for x, y in zip(a, b))
    same = sum(1 for x, y in zip(a, b) if x == y)
    print(f"{case}: native vs JVM max |diff| / peak = {worst / peak:.1e}, {same} of {len(b)} values bit-equal")
    if len(a) != len(b) or worst > 1e-12 * peak:
        raise SystemExit(f"{case}: native and JVM results differ beyond 1e-12 of peak")
