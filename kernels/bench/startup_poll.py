#!/usr/bin/env python3
"""Start-up timing for kernels/bench.sh: polls a starting service from one light process (a
curl per poll would spend the very CPU the service is starting on) and prints the
milliseconds from t0 (ns, as `date +%s%N` printed it) to the first /q/health/live 200 and to
the first 200 of the README's filter request.

  startup_poll.py <port> <t0_ns>
"""
import http.client
import json
import sys
import time

port, t0 = int(sys.argv[1]), int(sys.argv[2])
body = json.dumps({"signal_data":[0.1,0.5,0.9,0.4,-0.2,-0.6,-0.3,0.2,0.7,0.8,0.3,-0.1,-0.5,-0.4,0.0,0.4,0.6,0.5,0.1,-0.3,-0.5,-0.2,0.2,0.6,0.7,0.4,0.0,-0.4,-0.5,-0.1,0.3,0.6],"sampling_freq":100,"filter_params":{"filter_type":"lowpass","high_freq":10,"filter_order":2}})
def ok(method, path, data=None):
    try:
        c = http.client.HTTPConnection("localhost", port, timeout=10)
        c.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
        r = c.getresponse(); r.read(); c.close()
        return r.status == 200
    except OSError:
        return False
while not ok("GET", "/q/health/live"):
    time.sleep(0.005)
t1 = time.time_ns()
while not ok("POST", "/api/filtering/filter", body):
    time.sleep(0.005)
t2 = time.time_ns()
print((t1 - t0) // 1_000_000, (t2 - t0) // 1_000_000)
