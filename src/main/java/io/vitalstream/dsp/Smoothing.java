package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;

import io.vitalstream.dsp.design.SavitzkyGolay;

/**
 * Smoothing filters with scipy's edge handling: moving average and Gaussian as
 * scipy.ndimage.uniform_filter1d / gaussian_filter1d (mode 'reflect', i.e. half-sample
 * symmetric d c b a | a b c d | d c b a), Savitzky-Golay as scipy.signal.savgol_filter
 * (mode 'interp': the ends take the polynomial fitted to the first/last window).
 */
public final class Smoothing {

    private Smoothing() {
    }

    /** Mean of x[i - w/2 .. i - w/2 + w - 1] (ndimage's footprint, also for even w). */
    public static double[] movingAverage(double[] x, int window) {
        if (window < 1) {
            throw new InvalidParameterException("window_size", "moving_average window_size must be at least 1, got " + window);
        }
        double[] weights = new double[window];
        java.util.Arrays.fill(weights, 1.0 / window);
        return correlateReflect(x, weights, window / 2);
    }

    /** Gaussian kernel of standard deviation sigma samples, radius int(4 sigma + 0.5), normalised. */
    public static double[] gaussian(double[] x, double sigma) {
        if (!(sigma > 0) || sigma > 1e5) {
            throw new InvalidParameterException("sigma", "gaussian sigma must be a positive number of samples (at most 100000), got " + sigma);
        }
        int radius = (int) (4.0 * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            w[i + radius] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            sum += w[i + radius];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return correlateReflect(x, w, radius);
    }

    /** savgol_filter(x, window, polyorder, mode='interp'). */
    public static double[] savitzkyGolay(double[] x, int window, int polyorder) {
        try {
            SavitzkyGolay.validate(window, polyorder);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("window_size", e.getMessage());
        }
        int n = x.length;
        if (window > n) {
            throw new InvalidParameterException("window_size", "savgol window_size " + window + " is longer than the signal (" + n + " samples)");
        }
        double[][] p = SavitzkyGolay.projection(window, polyorder);
        int h = window / 2;
        double[] c = p[h];
        double[] y = new double[n];
        for (int i = h; i < n - h; i++) {
            double s = 0;
            for (int j = 0; j < window; j++) {
                s += c[j] * x[i - h + j];
            }
            y[i] = s;
        }
        for (int i = 0; i < h; i++) {
            double head = 0;
            double tail = 0;
            int row = window - h + i;
            for (int j = 0; j < window; j++) {
                head += p[i][j] * x[j];
                tail += p[row][j] * x[n - window + j];
            }
            y[i] = head;
            y[n - h + i] = tail;
        }
        return y;
    }

    /** y[i] = sum_j w[j] x[reflect(i - origin + j)]. */
    private static double[] correlateReflect(double[] x, double[] w, int origin) {
        int n = x.length;
        double[] y = new double[n];
        int m = w.length;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int base = i - origin;
            if (base >= 0 && base + m <= n) {
                for (int j = 0; j < m; j++) {
                    s += w[j] * x[base + j];
                }
            } else {
                for (int j = 0; j < m; j++) {
                    s += w[j] * x[reflect(base + j, n)];
                }
            }
            y[i] = s;
        }
        return y;
    }

    /** Half-sample symmetric index: period 2n, mirrored in the second half. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int r = Math.floorMod(i, period);
        return r < n ? r : period - 1 - r;
    }
}
