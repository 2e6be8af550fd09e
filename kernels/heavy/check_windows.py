#!/usr/bin/env python3
"""Checks a heavy benchmark's output against scipy.signal.sosfiltfilt on sampled windows.

The input is memory-mapped; for each window (the head, the middle, the tail) scipy filters
the window plus a margin of 100 000 samples (or up to the file's end), which the filter's
impulse response has decayed to below 1e-12 over, and the window of our float32 output is
compared with scipy's float64 result. Our output is float32 (the input's type), so "equal"
means: each output sample is scipy's value, within the SPEC's double-precision tolerance
(1e-9 of the signal's peak), rounded to float32: |ours - scipy| <= spacing/2 + 1e-9 * peak,
spacing being the float32 spacing at scipy's value. The report gives the largest ratio of
the difference to that bound, and the difference relative to the peak.

    /usr/bin/python3 check_windows.py input.npy output.npy [fs]
"""
import json
import sys

import numpy as np
import scipy.signal as sig

MARGIN = 100_000
WINDOW = 20_000


def main():
    x = np.load(sys.argv[1], mmap_mode="r")
    y = np.load(sys.argv[2], mmap_mode="r")
    fs = float(sys.argv[3]) if len(sys.argv) > 3 else 1000.0
    sos = sig.butter(4, [0.5, 40], "bandpass", fs=fs, output="sos")
    n = x.shape[0]
    starts = {"head": 0, "middle": n // 2 - WINDOW // 2, "tail": n - WINDOW}
    report = {}
    worst_ulps = 0
    for name, s in starts.items():
        lo = max(0, s - MARGIN)
        hi = min(n, s + WINDOW + MARGIN)
        ref = sig.sosfiltfilt(sos, np.asarray(x[lo:hi], dtype=np.float64), axis=0)[s - lo:s - lo + WINDOW]
        ours = np.asarray(y[s:s + WINDOW], dtype=np.float64)
        spacing = np.spacing(np.abs(ref).astype(np.float32)).astype(np.float64)
        peak = float(np.max(np.abs(x[lo:hi])))
        bound = spacing / 2 + 1e-9 * peak
        ratio = float(np.max(np.abs(ours - ref) / bound))
        report[name] = dict(start=int(s), frames=WINDOW, max_abs_diff=float(np.max(np.abs(ours - ref))),
                            max_diff_over_peak=float(np.max(np.abs(ours - ref)) / peak), max_diff_over_bound=round(ratio, 3))
        worst_ulps = max(worst_ulps, ratio)
    report["ok"] = worst_ulps <= 1.0
    print(json.dumps(report))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
