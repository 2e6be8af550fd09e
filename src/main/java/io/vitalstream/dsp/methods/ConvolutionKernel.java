package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.Smoothing;
import io.vitalstream.dsp.WindowMethod;


/**
 * A short centred kernel of odd size k (3 to 15), ends reflected (ndimage 'reflect'):
 * smoothing = box mean; sharpening = 2 x - mean (unsharp masking); edge_detection = central
 * difference over the kernel's span, (x[i + h] - x[i - h]) / (2h).
 */
public final class ConvolutionKernel implements WindowMethod {

    public enum Kind { SMOOTHING, SHARPENING, EDGE_DETECTION }

    private final double[] weights;

    public ConvolutionKernel(Kind kind, int size) {
        if (size < 3 || size > 15 || size % 2 == 0) {
            throw new IllegalArgumentException("kernel_size must be odd, from 3 to 15, got " + size);
        }
        int h = size / 2;
        double[] w = new double[size];
        switch (kind) {
            case SMOOTHING -> java.util.Arrays.fill(w, 1.0 / size);
            case SHARPENING -> {
                java.util.Arrays.fill(w, -1.0 / size);
                w[h] += 2.0;
            }
            case EDGE_DETECTION -> {
                w[0] = -1.0 / (2 * h);
                w[size - 1] = 1.0 / (2 * h);
            }
        }
        this.weights = w;
    }

    @Override
    public int reach() {
        return weights.length;
    }

    @Override
    public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
        int h = weights.length / 2;
        for (int k = 0; k < outLength; k++) {
            long i = outStart + k;
            double s = 0;
            for (int j = -h; j <= h; j++) {
                s += weights[j + h] * buf[(int) (Smoothing.reflect(i + j, n) - bufStart)];
            }
            out[k] = s;
        }
    }
}
