package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.Smoothing;
import io.vitalstream.dsp.WindowMethod;

import java.util.Arrays;

/**
 * Spike removal by the Hampel identifier: a sample further than n_sigma * 1.4826 * MAD from
 * its window's median (the MAD scaled to a Gaussian standard deviation) is replaced by that
 * median; others pass unchanged. Window of odd size w (default 7), n_sigma default 3, ends
 * reflected.
 */
public final class Hampel implements WindowMethod, io.vitalstream.dsp.Work.Costed {

    private final int size;
    private final double nSigma;

    public Hampel(int size, double nSigma) {
        if (size < 3 || size > 10_001 || size % 2 == 0) {
            throw new IllegalArgumentException("spike window_size must be odd, from 3 to 10001, got " + size);
        }
        if (!(nSigma > 0)) {
            throw new IllegalArgumentException("threshold must be a positive number of standard deviations");
        }
        this.size = size;
        this.nSigma = nSigma;
    }

    @Override
    public int reach() {
        return size;
    }

    @Override
    public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
        int h = size / 2;
        double[] w = new double[size];
        double[] dev = new double[size];
        for (int k = 0; k < outLength; k++) {
            long i = outStart + k;
            for (int j = -h; j <= h; j++) {
                w[j + h] = buf[(int) (Smoothing.reflect(i + j, n) - bufStart)];
            }
            double x = w[h];
            Arrays.sort(w);
            double median = w[h];
            for (int j = 0; j < size; j++) {
                dev[j] = Math.abs(w[j] - median);
            }
            Arrays.sort(dev);
            double sigma = 1.4826 * dev[h];
            boolean spike = sigma > 0 ? Math.abs(x - median) > nSigma * sigma : x != median;
            out[k] = spike ? median : x;
        }
    }

    /** A median and a median of deviations over the window per sample. */
    @Override
    public double work(int channels, long samples) {
        return 8.0 * size * channels * samples;
    }
}
