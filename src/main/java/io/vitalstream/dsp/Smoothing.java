package io.vitalstream.dsp;

import io.vitalstream.dsp.design.SavitzkyGolay;
import io.vitalstream.error.InvalidParameterException;

/**
 * Smoothing filters with scipy's edge handling: moving average and Gaussian as
 * scipy.ndimage.uniform_filter1d / gaussian_filter1d (mode 'reflect', i.e. half-sample
 * symmetric d c b a | a b c d | d c b a), Savitzky-Golay as scipy.signal.savgol_filter
 * (mode 'interp': the ends take the polynomial fitted to the first/last window).
 * <p>
 * Each has a range form: output window [outStart, outStart + outLength) of an n-sample
 * signal, from a buffer holding x[bufStart, bufStart + buf.length) that covers
 * {@link #inputRange}. Every output is computed by the same formula whether the signal is
 * whole or cut in pieces, so pieces equal the whole bit for bit.
 */
public final class Smoothing {

    private Smoothing() {
    }

    /** Mean of x[i - w/2 .. i - w/2 + w - 1] (ndimage's footprint, also for even w). */
    public static void movingAverage(double[] buf, long bufStart, long n, int window, long outStart, int outLength, double[] out) {
        correlateReflect(buf, bufStart, n, movingAverageWeights(window), window / 2, outStart, outLength, out);
    }

    private static double[] movingAverageWeights(int window) {
        if (window < 1) {
            throw new InvalidParameterException("window_size", "moving_average window_size must be at least 1, got " + window);
        }
        double[] weights = new double[window];
        java.util.Arrays.fill(weights, 1.0 / window);
        return weights;
    }

    /** Gaussian kernel of standard deviation sigma samples, radius int(4 sigma + 0.5), normalised. */
    public static double[] gaussian(double[] x, double sigma) {
        double[] y = new double[x.length];
        gaussian(x, 0, x.length, sigma, 0, x.length, y);
        return y;
    }

    public static void gaussian(double[] buf, long bufStart, long n, double sigma, long outStart, int outLength, double[] out) {
        double[] w = gaussianWeights(sigma);
        correlateReflect(buf, bufStart, n, w, w.length / 2, outStart, outLength, out);
    }

    static int gaussianRadius(double sigma) {
        return (int) (4.0 * sigma + 0.5);
    }

    static double[] gaussianWeights(double sigma) {
        if (!(sigma > 0) || sigma > 1e5) {
            throw new InvalidParameterException("sigma", "gaussian sigma must be a positive number of samples (at most 100000), got " + sigma);
        }
        int radius = gaussianRadius(sigma);
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            w[i + radius] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            sum += w[i + radius];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** savgol_filter(x, window, polyorder, mode='interp'). */
    public static double[] savitzkyGolay(double[] x, int window, int polyorder) {
        double[] y = new double[x.length];
        savitzkyGolay(x, 0, x.length, window, polyorder, 0, x.length, y);
        return y;
    }

    public static void savitzkyGolay(double[] buf, long bufStart, long n, int window, int polyorder, long outStart, int outLength, double[] out) {
        try {
            SavitzkyGolay.validate(window, polyorder);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("window_size", e.getMessage());
        }
        if (window > n) {
            throw new InvalidParameterException("window_size", "savgol window_size " + window + " is longer than the signal (" + n + " samples)");
        }
        double[][] p = SavitzkyGolay.projection(window, polyorder);
        int h = window / 2;
        double[] c = p[h];
        for (int k = 0; k < outLength; k++) {
            long i = outStart + k;
            double s = 0;
            if (i < h) {
                for (int j = 0; j < window; j++) {
                    s += p[(int) i][j] * buf[(int) (j - bufStart)];
                }
            } else if (i >= n - h) {
                int row = (int) (window - (n - i));
                long base = n - window - bufStart;
                for (int j = 0; j < window; j++) {
                    s += p[row][j] * buf[(int) (base + j)];
                }
            } else {
                long base = i - h - bufStart;
                for (int j = 0; j < window; j++) {
                    s += c[j] * buf[(int) (base + j)];
                }
            }
            out[k] = s;
        }
    }

    /**
     * The input range [from, to) that output window [outStart, outStart + outLength) reads,
     * for a filter reaching {@code reach} samples either side (window length is enough).
     */
    public static long[] inputRange(long n, long outStart, int outLength, int reach) {
        if (reach >= n) {
            return new long[] {0, n};
        }
        return new long[] {Math.max(0, outStart - reach), Math.min(n, outStart + outLength + reach)};
    }

    /** y[i] = sum_j w[j] x[reflect(i - origin + j)]. */
    private static void correlateReflect(double[] buf, long bufStart, long n, double[] w, int origin, long outStart, int outLength, double[] out) {
        int m = w.length;
        for (int k = 0; k < outLength; k++) {
            long base = outStart + k - origin;
            double s = 0;
            if (base >= 0 && base + m <= n) {
                int b = (int) (base - bufStart);
                for (int j = 0; j < m; j++) {
                    s += w[j] * buf[b + j];
                }
            } else {
                for (int j = 0; j < m; j++) {
                    s += w[j] * buf[(int) (reflect(base + j, n) - bufStart)];
                }
            }
            out[k] = s;
        }
    }

    /** Half-sample symmetric index: period 2n, mirrored in the second half. */
    public static long reflect(long i, long n) {
        long period = 2 * n;
        long r = Math.floorMod(i, period);
        return r < n ? r : period - 1 - r;
    }
}
