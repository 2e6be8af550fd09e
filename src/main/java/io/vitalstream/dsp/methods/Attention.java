package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.Smoothing;
import io.vitalstream.dsp.WindowMethod;


/**
 * Self-attention over a sliding window of odd size w (default 5): each output is a weighted
 * mean of its window, y_i = sum_j a_ij x_{i+j}, with
 * a_ij = softmax_j( log prior_j - (x_{i+j} - x_i)^2 / (4 s_i^2) ),
 * prior_j the positional kernel (uniform: 1; linear: 1 - |j|/(h+1); gaussian:
 * exp(-j^2 / (2 (h/2)^2)); exponential: exp(-|j| / (h/2))) and s_i the window's standard
 * deviation. Samples unlike the centre get less attention, so steps and peaks survive the
 * smoothing (a bilateral filter). Ends reflected.
 */
public final class Attention implements WindowMethod {

    /** The positional prior over the window. */
    public enum Prior { UNIFORM, LINEAR, GAUSSIAN, EXPONENTIAL }

    private final double[] logPrior;

    public Attention(Prior prior, int size) {
        if (size < 3 || size > 101 || size % 2 == 0) {
            throw new IllegalArgumentException("attention window_size must be odd, from 3 to 101, got " + size);
        }
        int h = size / 2;
        logPrior = new double[size];
        double scale = Math.max(0.5, h / 2.0);
        for (int j = -h; j <= h; j++) {
            double p = switch (prior) {
                case UNIFORM -> 1.0;
                case LINEAR -> 1.0 - Math.abs(j) / (h + 1.0);
                case GAUSSIAN -> Math.exp(-j * (double) j / (2 * scale * scale));
                case EXPONENTIAL -> Math.exp(-Math.abs(j) / scale);
            };
            logPrior[j + h] = Math.log(p);
        }
    }

    @Override
    public int reach() {
        return logPrior.length;
    }

    @Override
    public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
        int size = logPrior.length;
        int h = size / 2;
        double[] v = new double[size];
        double[] score = new double[size];
        for (int k = 0; k < outLength; k++) {
            long i = outStart + k;
            double mean = 0;
            for (int j = -h; j <= h; j++) {
                v[j + h] = buf[(int) (Smoothing.reflect(i + j, n) - bufStart)];
                mean += v[j + h];
            }
            mean /= size;
            double var = 0;
            for (double x : v) {
                var += (x - mean) * (x - mean);
            }
            var /= size;
            double centre = v[h];
            // a difference of two noisy samples has twice their variance
            double inv = var > 0 ? 1.0 / (4 * var) : 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < size; j++) {
                double d = v[j] - centre;
                score[j] = logPrior[j] - d * d * inv;
                max = Math.max(max, score[j]);
            }
            double z = 0;
            double s = 0;
            for (int j = 0; j < size; j++) {
                double e = Math.exp(score[j] - max);
                z += e;
                s += e * v[j];
            }
            out[k] = s / z;
        }
    }
}
