package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.kernels.MedianKernel;

import java.util.Arrays;

/**
 * Running median over an odd window, zero-padded at the ends: scipy.signal.medfilt. The
 * window is kept sorted; each step removes the outgoing sample and inserts the incoming
 * one by binary search, O(w) per sample. A median is a selection, not arithmetic, so a
 * window of the output computed alone equals the whole exactly.
 */
public final class MedianFilter {

    private MedianFilter() {
    }

    /** Output window [outStart, outStart + outLength); buf holds x[bufStart, ...) covering it +- window/2. */
    public static void apply(double[] buf, long bufStart, long n, int window, long outStart, int outLength, double[] out) {
        if (window < 1 || window % 2 == 0) {
            throw new InvalidParameterException("window_size", "median window_size must be a positive odd number, got " + window);
        }
        if (outLength == 0) {
            return;
        }
        if (window == 3 || window == 5) {
            small(buf, bufStart, n, window, outStart, outLength, out);
            return;
        }
        int h = window / 2;
        double[] sorted = new double[window];
        for (int j = -h; j <= h; j++) {
            sorted[j + h] = at(buf, bufStart, n, outStart + j);
        }
        Arrays.sort(sorted);
        for (int k = 0; k < outLength; k++) {
            long i = outStart + k;
            out[k] = sorted[h];
            if (k + 1 < outLength) {
                replace(sorted, at(buf, bufStart, n, i - h), at(buf, bufStart, n, i + h + 1));
            }
        }
    }

    /**
     * Widths 3 and 5 by min/max selection networks: no sorted window to maintain; the
     * interior vectorised along time ({@link MedianKernel}), the zero-padded ends one by one.
     */
    private static void small(double[] buf, long bufStart, long n, int window, long outStart, int outLength, double[] out) {
        int h = window / 2;
        // outputs k with every window sample inside [0, n): outStart + k - h >= 0 and outStart + k + h < n
        int from = (int) Math.min(outLength, Math.max(0, h - outStart));
        int to = (int) Math.max(from, Math.min(outLength, n - h - outStart));
        edges(buf, bufStart, n, window, outStart, 0, from, out);
        if (to > from) {
            MedianKernel.interior(buf, (int) (outStart + from - bufStart), window, out, from, to - from);
        }
        edges(buf, bufStart, n, window, outStart, to, outLength, out);
    }

    private static void edges(double[] buf, long bufStart, long n, int window, long outStart, int kFrom, int kTo, double[] out) {
        int h = window / 2;
        double[] w = new double[window];
        for (int k = kFrom; k < kTo; k++) {
            long i = outStart + k;
            for (int j = -h; j <= h; j++) {
                w[j + h] = at(buf, bufStart, n, i + j);
            }
            out[k] = window == 3 ? MedianKernel.median3(w[0], w[1], w[2]) : MedianKernel.median5(w[0], w[1], w[2], w[3], w[4]);
        }
    }

    private static double at(double[] buf, long bufStart, long n, long i) {
        return i < 0 || i >= n ? 0.0 : buf[(int) (i - bufStart)];
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
