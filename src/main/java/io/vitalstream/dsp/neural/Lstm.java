package io.vitalstream.dsp.neural;

import io.vitalstream.kernels.Dense;

import java.util.SplittableRandom;

/**
 * A one-layer LSTM over a scalar sequence, predicting the next sample at every step
 * (y_t ~ x_{t+1}), trained by backpropagation through time over short windows with Adam.
 * Gates i, f, o are logistic, g is tanh; gate pre-activations z = W [x_t, h_{t-1}] + b with W
 * (4H x (1 + H)) row-major. Forget-gate biases start at 1.
 */
final class Lstm {

    final int hidden;
    private final int in;        // 1 + hidden
    final double[][] params;     // {W, b, Wy, by}
    private final double[][] grads;
    private final Adam adam;

    Lstm(int hidden, SplittableRandom rnd, double lr) {
        this.hidden = hidden;
        this.in = 1 + hidden;
        double[] w = new double[4 * hidden * in];
        double limit = Math.sqrt(6.0 / (in + hidden));
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextDouble(-limit, limit);
        }
        double[] b = new double[4 * hidden];
        for (int k = hidden; k < 2 * hidden; k++) {
            b[k] = 1.0;
        }
        double[] wy = new double[hidden];
        double ly = Math.sqrt(6.0 / (hidden + 1));
        for (int k = 0; k < hidden; k++) {
            wy[k] = rnd.nextDouble(-ly, ly);
        }
        params = new double[][] {w, b, wy, new double[1]};
        grads = new double[][] {new double[w.length], new double[b.length], new double[hidden], new double[1]};
        adam = new Adam(lr, params, new double[0][]);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Per-step record of a forward pass, kept for backpropagation. */
    private final class Trace {
        final double[][] u;
        final double[][] gates; // i, f, g, o concatenated (4H)
        final double[][] c;     // c_t (index t+1; c[0] = 0)
        final double[][] h;     // h_t (index t+1)
        final double[] y;

        Trace(int steps) {
            u = new double[steps][in];
            gates = new double[steps][4 * hidden];
            c = new double[steps + 1][hidden];
            h = new double[steps + 1][hidden];
            y = new double[steps];
        }
    }

    private Trace run(double[] x, int start, int steps) {
        Trace tr = new Trace(steps);
        double[] w = params[0];
        double[] b = params[1];
        double[] wy = params[2];
        for (int t = 0; t < steps; t++) {
            double[] u = tr.u[t];
            u[0] = x[start + t];
            System.arraycopy(tr.h[t], 0, u, 1, hidden);
            double[] z = tr.gates[t];
            for (int r = 0; r < 4 * hidden; r++) {
                z[r] = b[r] + Dense.dot(w, r * in, u, 0, in);
            }
            for (int k = 0; k < hidden; k++) {
                double ig = sigmoid(z[k]);
                double fg = sigmoid(z[hidden + k]);
                double gg = Math.tanh(z[2 * hidden + k]);
                double og = sigmoid(z[3 * hidden + k]);
                z[k] = ig;
                z[hidden + k] = fg;
                z[2 * hidden + k] = gg;
                z[3 * hidden + k] = og;
                double c = fg * tr.c[t][k] + ig * gg;
                tr.c[t + 1][k] = c;
                tr.h[t + 1][k] = og * Math.tanh(c);
            }
            tr.y[t] = params[3][0] + Dense.dot(wy, 0, tr.h[t + 1], 0, hidden);
        }
        return tr;
    }

    /** Predictions y_t (of x[start + t + 1]) for t in [0, steps). */
    double[] predict(double[] x, int start, int steps) {
        return run(x, start, steps).y;
    }

    /** One window: forward over steps samples, loss on steps t >= warm, gradients accumulated. Returns the loss. */
    double train(double[] x, int start, int steps, int warm) {
        Trace tr = run(x, start, steps);
        double[] w = params[0];
        double[] wy = params[2];
        double[] dhNext = new double[hidden];
        double[] dcNext = new double[hidden];
        double[] dz = new double[4 * hidden];
        double[] du = new double[in];
        double loss = 0;
        for (int t = steps - 1; t >= 0; t--) {
            double dy = 0;
            if (t >= warm) {
                dy = tr.y[t] - x[start + t + 1];
                loss += 0.5 * dy * dy;
                Dense.axpy(dy, tr.h[t + 1], 0, grads[2], 0, hidden);
                grads[3][0] += dy;
            }
            double[] g = tr.gates[t];
            for (int k = 0; k < hidden; k++) {
                double dh = dy * wy[k] + dhNext[k];
                double c = tr.c[t + 1][k];
                double tc = Math.tanh(c);
                double ig = g[k], fg = g[hidden + k], gg = g[2 * hidden + k], og = g[3 * hidden + k];
                double dc = dh * og * (1 - tc * tc) + dcNext[k];
                dz[k] = dc * gg * ig * (1 - ig);
                dz[hidden + k] = dc * tr.c[t][k] * fg * (1 - fg);
                dz[2 * hidden + k] = dc * ig * (1 - gg * gg);
                dz[3 * hidden + k] = dh * tc * og * (1 - og);
                dcNext[k] = dc * fg;
            }
            java.util.Arrays.fill(du, 0.0);
            for (int r = 0; r < 4 * hidden; r++) {
                double d = dz[r];
                if (d == 0) {
                    continue;
                }
                Dense.axpy(d, tr.u[t], 0, grads[0], r * in, in);
                grads[1][r] += d;
                Dense.axpy(d, w, r * in, du, 0, in);
            }
            System.arraycopy(du, 1, dhNext, 0, hidden);
        }
        return loss;
    }

    void step(int batch) {
        adam.step(params, new double[0][], grads, new double[0][], 1.0 / batch);
    }
}
