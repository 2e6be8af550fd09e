package io.vitalstream.dsp.neural;

import io.vitalstream.kernels.Dense;

import java.util.SplittableRandom;

/**
 * A multilayer perceptron: tanh hidden layers, a linear output, trained on squared error
 * with Adam. Weights are row-major (out x in) and initialised Xavier-uniform from a seeded
 * generator, so training is deterministic. Loops run on {@link Dense}.
 */
final class Mlp {

    final int[] sizes;
    final double[][] w;
    final double[][] b;
    private final double[][] gw;
    private final double[][] gb;
    private final Adam adam;
    private final double[][] act;   // activations per layer for the current example
    private final double[][] delta;

    Mlp(int[] sizes, SplittableRandom rnd, double learningRate) {
        this.sizes = sizes.clone();
        int layers = sizes.length - 1;
        w = new double[layers][];
        b = new double[layers][];
        gw = new double[layers][];
        gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = new double[in * out];
            b[l] = new double[out];
            gw[l] = new double[in * out];
            gb[l] = new double[out];
            double limit = Math.sqrt(6.0 / (in + out));
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = rnd.nextDouble(-limit, limit);
            }
        }
        act = new double[sizes.length][];
        delta = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            act[l] = new double[sizes[l]];
            delta[l] = new double[sizes[l]];
        }
        adam = new Adam(learningRate, w, b);
    }

    /** Forward pass; the returned array is reused. */
    double[] forward(double[] input, int offset) {
        System.arraycopy(input, offset, act[0], 0, sizes[0]);
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] a = act[l];
            double[] z = act[l + 1];
            for (int r = 0; r < out; r++) {
                double v = b[l][r] + Dense.dot(w[l], r * in, a, 0, in);
                z[r] = l + 1 < layers ? Math.tanh(v) : v;
            }
        }
        return act[layers];
    }

    /** Accumulates the gradient of 0.5 |y - target|^2 for the example last passed forward. */
    void backward(double[] target, int offset) {
        int layers = sizes.length - 1;
        double[] outAct = act[layers];
        double[] d = delta[layers];
        for (int r = 0; r < d.length; r++) {
            d[r] = outAct[r] - target[offset + r];
        }
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] dOut = delta[l + 1];
            double[] a = act[l];
            double[] dIn = delta[l];
            if (l > 0) {
                java.util.Arrays.fill(dIn, 0.0);
            }
            for (int r = 0; r < out; r++) {
                double g = dOut[r];
                if (g == 0) {
                    continue;
                }
                Dense.axpy(g, a, 0, gw[l], r * in, in);
                gb[l][r] += g;
                if (l > 0) {
                    Dense.axpy(g, w[l], r * in, dIn, 0, in);
                }
            }
            if (l > 0) {
                for (int k = 0; k < in; k++) {
                    dIn[k] *= 1 - a[k] * a[k]; // tanh'
                }
            }
        }
    }

    /** Applies the accumulated gradient (averaged over {@code batch}) and clears it. */
    void step(int batch) {
        adam.step(w, b, gw, gb, 1.0 / batch);
    }
}
