package io.vitalstream.dsp.quality;

import java.util.Arrays;

/** Sample moments with scipy.stats' conventions (biased: divided by n). */
final class Moments {

    private Moments() {
    }

    /** The mean; a constant's mean is that constant exactly (a running sum of equal values need not be). */
    static double mean(double[] x, int from, int to) {
        double s = 0;
        boolean constant = true;
        for (int i = from; i < to; i++) {
            s += x[i];
            constant &= x[i] == x[from];
        }
        return constant && to > from ? x[from] : s / (to - from);
    }

    /** The k-th central moment. */
    static double central(double[] x, int from, int to, double mean, int k) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.pow(x[i] - mean, k);
        }
        return s / (to - from);
    }

    /** scipy.stats.skew(x) (bias=True): m3 / m2^1.5; 0 for a constant. */
    static double skewness(double[] x, int from, int to) {
        double m = mean(x, from, to);
        double m2 = central(x, from, to, m, 2);
        return m2 == 0 ? 0 : central(x, from, to, m, 3) / Math.pow(m2, 1.5);
    }

    /** scipy.stats.kurtosis(x, fisher=False) (bias=True): m4 / m2^2, 3 for a Gaussian; 0 for a constant. */
    static double pearsonKurtosis(double[] x, int from, int to) {
        double m = mean(x, from, to);
        double m2 = central(x, from, to, m, 2);
        return m2 == 0 ? 0 : central(x, from, to, m, 4) / (m2 * m2);
    }

    /** numpy's median (the mean of the middle two for an even count); NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }

    /** Pearson's correlation of a[ao..ao+n) and b[bo..bo+n); 0 when either is constant. */
    static double correlation(double[] a, int ao, double[] b, int bo, int n) {
        double ma = mean(a, ao, ao + n);
        double mb = mean(b, bo, bo + n);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[ao + i] - ma;
            double db = b[bo + i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    /** floor(v + 0.5): rounding halves up, written the same way in the fixture script (Python's round() rounds halves to even). */
    static int roundHalfUp(double v) {
        return (int) Math.floor(v + 0.5);
    }
}
