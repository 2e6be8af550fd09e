package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;

import java.util.Arrays;

/**
 * Running median over an odd window, zero-padded at the ends: scipy.signal.medfilt. The
 * window is kept sorted; each step removes the outgoing sample and inserts the incoming
 * one by binary search, O(w) per sample.
 */
public final class MedianFilter {

    private MedianFilter() {
    }

    public static double[] apply(double[] x, int window) {
        if (window < 1 || window % 2 == 0) {
            throw new InvalidParameterException("window_size", "median window_size must be a positive odd number, got " + window);
        }
        int n = x.length;
        int h = window / 2;
        double[] sorted = new double[window];
        for (int j = -h; j <= h; j++) {
            sorted[j + h] = at(x, j);
        }
        Arrays.sort(sorted);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = sorted[h];
            if (i + 1 < n) {
                replace(sorted, at(x, i - h), at(x, i + h + 1));
            }
        }
        return y;
    }

    private static double at(double[] x, int i) {
        return i < 0 || i >= x.length ? 0.0 : x[i];
    }

    /** Removes one copy of {@code out} from the sorted window and inserts {@code in}. */
    private static void replace(double[] sorted, double out, double in) {
        int pos = Arrays.binarySearch(sorted, out);
        int len = sorted.length;
        if (in >= out) {
            while (pos + 1 < len && sorted[pos + 1] < in) {
                sorted[pos] = sorted[pos + 1];
                pos++;
            }
        } else {
            while (pos > 0 && sorted[pos - 1] > in) {
                sorted[pos] = sorted[pos - 1];
                pos--;
            }
        }
        sorted[pos] = in;
    }
}
