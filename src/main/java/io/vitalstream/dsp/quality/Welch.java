package io.vitalstream.dsp.quality;

import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.RealFft;

/**
 * Welch's power spectral density, as scipy.signal.welch(x, fs, window="hann", nperseg=L,
 * noverlap=L/2, detrend="constant", scaling="density") computes it: periodic Hann window,
 * each segment's mean removed, |rfft|^2 / (fs * sum w^2), one-sided (doubled except at DC and
 * Nyquist), averaged over the full segments. L is a power of two: the smallest at or above 4 s
 * of signal (a 0.25 Hz resolution or finer, enough to resolve the 0-1 Hz baseline band), at most
 * the largest that fits the signal. Removing each segment's mean makes every band that starts
 * above DC independent of an offset.
 */
public final class Welch {

    private final double fs;
    private final double[] density;
    private final double binHz;

    private Welch(double fs, double[] density, double binHz) {
        this.fs = fs;
        this.density = density;
        this.binHz = binHz;
    }

    /** Segment length for a signal of n samples at fs (0 below 8 samples: no spectrum). */
    public static int segmentLength(int n, double fs) {
        if (n < 8) {
            return 0;
        }
        int want = Integer.highestOneBit((int) Math.max(8, Math.min(1 << 24, Math.ceil(4 * fs) - 1))) << 1;
        return Math.min(want, Integer.highestOneBit(n));
    }

    public static Welch of(double[] x, int from, int to, double fs) {
        int n = to - from;
        int len = segmentLength(n, fs);
        if (len == 0) {
            return new Welch(fs, new double[0], fs);
        }
        int step = len / 2;
        int segments = (n - len) / step + 1;
        double[] window = new double[len];
        double sumSquares = 0;
        for (int k = 0; k < len; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / len);
            sumSquares += window[k] * window[k];
        }
        double scale = 1 / (fs * sumSquares);
        double[] psd = new double[len / 2 + 1];
        double[] buf = new double[len];
        double[] spec = new double[len + 2];
        try (RealFft fft = Fftw.realFft(len)) {
            for (int s = 0; s < segments; s++) {
                int at = from + s * step;
                double mean = 0;
                boolean constant = true;
                for (int k = 0; k < len; k++) {
                    mean += x[at + k];
                    constant &= x[at + k] == x[at];
                }
                if (constant) {
                    continue; // detrended to exact zeros (a running mean of equal values need not be exact)
                }
                mean /= len;
                for (int k = 0; k < len; k++) {
                    buf[k] = (x[at + k] - mean) * window[k];
                }
                fft.forward(buf, spec);
                for (int k = 0; k < psd.length; k++) {
                    double p = (spec[2 * k] * spec[2 * k] + spec[2 * k + 1] * spec[2 * k + 1]) * scale;
                    psd[k] += k == 0 || k == len / 2 ? p : 2 * p;
                }
            }
        }
        for (int k = 0; k < psd.length; k++) {
            psd[k] /= segments;
        }
        // numpy's rfftfreq: k * (1 / (n * d)) with d = 1 / fs
        return new Welch(fs, psd, 1.0 / (len * (1.0 / fs)));
    }

    /** Frequency of bin k in Hz. */
    public double frequency(int k) {
        return k * binHz;
    }

    public int bins() {
        return density.length;
    }

    public double density(int k) {
        return density[k];
    }

    public double binHz() {
        return binHz;
    }

    public double nyquist() {
        return fs / 2;
    }

    /** Power in [lo, hi] Hz, both ends included: the sum of the bins' densities times the bin width. */
    public double power(double lo, double hi) {
        double p = 0;
        for (int k = 0; k < density.length; k++) {
            double f = frequency(k);
            if (f >= lo && f <= hi) {
                p += density[k];
            }
        }
        return p * binHz;
    }

    /** Number of bins in [lo, hi] Hz. */
    public int count(double lo, double hi) {
        int c = 0;
        for (int k = 0; k < density.length; k++) {
            double f = frequency(k);
            if (f >= lo && f <= hi) {
                c++;
            }
        }
        return c;
    }

    /** Median density over the bins in [lo, hi] Hz (numpy's median: the mean of the middle two); NaN when none. */
    public double medianDensity(double lo, double hi) {
        double[] v = new double[count(lo, hi)];
        int c = 0;
        for (int k = 0; k < density.length; k++) {
            double f = frequency(k);
            if (f >= lo && f <= hi) {
                v[c++] = density[k];
            }
        }
        return Moments.median(v);
    }
}
