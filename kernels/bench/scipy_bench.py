#!/usr/bin/env python3
"""The peer side of kernels/bench.sh: makes the shared inputs, times scipy on them and checks
our outputs against scipy's.

  scipy_bench.py make <dir>            write the inputs (.npy)
  scipy_bench.py time <dir>            time scipy (median of runs), print JSON {case: samples/s}
  scipy_bench.py check <dir>           compare our outputs (<dir>/ours-*.npy) with scipy's, print JSON
  scipy_bench.py slice <file.npy>      time sosfiltfilt on the first 2**22 frames of a (samples, channels)
                                       float32 file (the job benchmark's own data), print channel-samples/s
"""
import json
import os
import sys
import time

import numpy as np
import scipy.ndimage as ndi
import scipy.signal as sig

FS = 1000.0
SOS = sig.butter(4, [0.5, 40], "bandpass", fs=FS, output="sos")  # 4 sections
TAPS = sig.firwin(1001, [0.5, 40], pass_zero=False, fs=FS)


def inputs(d):
    rng = np.random.default_rng(2026)
    t = np.arange(2_000_000) / FS
    one = (np.sin(2 * np.pi * 1.2 * t) + 0.3 * np.sin(2 * np.pi * 50 * t) + 0.2 * rng.standard_normal(t.size)).astype(np.float64)
    multi = (rng.standard_normal((250_000, 32)) + np.sin(2 * np.pi * 1.2 * t[:250_000, None] * np.arange(1, 33) / 8)).astype(np.float64)
    return {"one": one, "multi": multi}


def cases(x):
    one, multi = x["one"], x["multi"]
    return {
        "sosfiltfilt_32ch": (lambda: sig.sosfiltfilt(SOS, multi, axis=0), multi.size),
        "sosfilt_1ch": (lambda: sig.sosfilt(SOS, one), one.size),
        "sosfiltfilt_1ch": (lambda: sig.sosfiltfilt(SOS, one), one.size),
        "fir1001_f64": (lambda: sig.oaconvolve(one, TAPS, mode="same"), one.size),
        "median5": (lambda: ndi.median_filter(one[:1_000_000], 5, mode="constant"), 1_000_000),
        "median101": (lambda: ndi.median_filter(one[:200_000], 101, mode="constant"), 200_000),
    }


def slice_rate(path):
    x = np.load(path, mmap_mode="r")[: 1 << 22]
    x = np.array(x)  # read into memory: scipy's time, not the disk's
    sig.sosfiltfilt(SOS, x[: 1 << 16], axis=0)  # warm
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        sig.sosfiltfilt(SOS, x, axis=0)
        runs.append(time.perf_counter() - t0)
    return x.size / float(np.median(runs))


def main():
    mode, d = sys.argv[1], sys.argv[2]
    if mode == "slice":
        print(json.dumps({"sosfiltfilt_slice": slice_rate(d)}))
        return
    if mode == "make":
        os.makedirs(d, exist_ok=True)
        for k, v in inputs(None).items():
            np.save(os.path.join(d, f"in-{k}.npy"), v)
        return
    x = {k: np.load(os.path.join(d, f"in-{k}.npy")) for k in ("one", "multi")}
    if mode == "time":
        out = {}
        for name, (f, n) in cases(x).items():
            f()  # warm
            runs = []
            for _ in range(5):
                t0 = time.perf_counter()
                f()
                runs.append(time.perf_counter() - t0)
            out[name] = n / float(np.median(runs))
        print(json.dumps(out))
    elif mode == "check":
        out = {}
        for name, (f, n) in cases(x).items():
            path = os.path.join(d, f"ours-{name}.npy")
            if not os.path.exists(path):
                continue
            ours = np.load(path)
            ref = f()
            ref = ref.reshape(ours.shape) if ref.size == ours.size else ref
            scale = max(np.max(np.abs(ref)), 1e-300)
            out[name] = float(np.max(np.abs(ours - ref)) / scale)
        print(json.dumps(out))


if __name__ == "__main__":
    main()
