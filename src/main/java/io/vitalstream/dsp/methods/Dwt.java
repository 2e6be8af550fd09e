package io.vitalstream.dsp.methods;

import java.util.ArrayList;
import java.util.List;

/**
 * The discrete wavelet transform with periodic extension (PyWavelets' 'periodization'
 * mode): an odd-length input is first extended by its last sample; then
 * a[i] = sum_j h[j] x[(2i + F/2 - j) mod M] and d[i] likewise with the high-pass g, M the
 * (even) length, F the filter length. The inverse is the transpose, exact for orthogonal
 * wavelets. Multi-level decomposition recurses on the approximation.
 */
public final class Dwt {

    private Dwt() {
    }

    /** {a, d} of one level. */
    public static double[][] forward(double[] x, Wavelet w) {
        int n = x.length;
        int m = n % 2 == 0 ? n : n + 1;
        double[] h = w.decLo();
        double[] g = w.decHi();
        int f = h.length;
        int s = f / 2;
        double[] a = new double[m / 2];
        double[] d = new double[m / 2];
        for (int i = 0; i < m / 2; i++) {
            double sa = 0;
            double sd = 0;
            for (int j = 0; j < f; j++) {
                int k = Math.floorMod(2 * i + s - j, m);
                double v = k < n ? x[k] : x[n - 1];
                sa += h[j] * v;
                sd += g[j] * v;
            }
            a[i] = sa;
            d[i] = sd;
        }
        return new double[][] {a, d};
    }

    /** The signal of length 2 len(a) that {a, d} came from. */
    public static double[] inverse(double[] a, double[] d, Wavelet w) {
        int m = 2 * a.length;
        double[] h = w.decLo();
        double[] g = w.decHi();
        int f = h.length;
        int s = f / 2;
        double[] x = new double[m];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < f; j++) {
                int k = Math.floorMod(2 * i + s - j, m);
                x[k] += a[i] * h[j] + d[i] * g[j];
            }
        }
        return x;
    }

    /** [cA_L, cD_L, ..., cD_1], as pywt.wavedec. */
    public static List<double[]> decompose(double[] x, Wavelet w, int level) {
        List<double[]> details = new ArrayList<>();
        double[] a = x;
        for (int l = 0; l < level; l++) {
            if (a.length < 2) {
                throw new IllegalArgumentException("level " + level + " is too deep for " + x.length + " samples");
            }
            double[][] ad = forward(a, w);
            details.add(0, ad[1]);
            a = ad[0];
        }
        details.add(0, a);
        return details;
    }

    /** Inverse of {@link #decompose}, trimmed to n samples (as pywt.waverec). */
    public static double[] reconstruct(List<double[]> coeffs, Wavelet w, int n) {
        double[] a = coeffs.get(0);
        for (int l = 1; l < coeffs.size(); l++) {
            double[] d = coeffs.get(l);
            if (a.length > d.length) {
                a = java.util.Arrays.copyOf(a, d.length);
            }
            a = inverse(a, d, w);
        }
        return a.length == n ? a : java.util.Arrays.copyOf(a, n);
    }
}
