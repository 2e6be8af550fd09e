package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.CausalMethod;

/**
 * Adaptive FIR filters, per channel: LMS (w += mu e u), NLMS (w += mu e u / (eps + |u|^2))
 * and RLS (exponentially weighted least squares, forgetting factor lambda, P0 = I / delta).
 * With a reference channel, each other channel is the desired signal and the reference's
 * recent samples the input: the output is the error e = d - y, the channel with what the
 * reference explains removed (noise cancellation). Without one, each channel predicts
 * itself from its own samples {@code delay} steps back: the output is the prediction y,
 * the part of the signal its past explains (white noise is not).
 */
public record AdaptiveFilter(Algorithm algorithm, int taps, double mu, double lambda, double delta, int reference, int delay)
        implements CausalMethod, io.vitalstream.dsp.Work.Costed {

    public enum Algorithm { LMS, NLMS, RLS }

    /**
     * @param reference channel index of the noise reference, or -1 for the predictor
     * @param delay     predictor delay in samples (1 = one-step-ahead; below 1 counts as 1)
     */
    public AdaptiveFilter {
        if (taps < 1 || taps > 1024) {
            throw new IllegalArgumentException("adaptive filter order must be between 1 and 1024");
        }
        delay = Math.max(1, delay);
    }

    /** One adaptive FIR: its weights, its input history, and (RLS) its inverse correlation matrix. */
    public static final class Adapter {
        final Algorithm algorithm;
        final double mu;
        final double lambda;
        final double[] w;
        final double[] u;   // u[0] newest
        final double[][] p; // RLS only

        Adapter(Algorithm algorithm, int taps, double mu, double lambda, double delta) {
            this.algorithm = algorithm;
            this.mu = mu;
            this.lambda = lambda;
            this.w = new double[taps];
            this.u = new double[taps];
            this.p = algorithm == Algorithm.RLS ? identity(taps, 1.0 / delta) : null;
        }

        public double[] weights() {
            return w.clone();
        }

        /** Pushes input sample {@code in}, returns y = w.u, then adapts towards {@code desired}. */
        double step(double in, double desired) {
            System.arraycopy(u, 0, u, 1, u.length - 1);
            u[0] = in;
            double y = 0;
            for (int k = 0; k < w.length; k++) {
                y += w[k] * u[k];
            }
            double e = desired - y;
            switch (algorithm) {
                case LMS -> {
                    for (int k = 0; k < w.length; k++) {
                        w[k] += mu * e * u[k];
                    }
                }
                case NLMS -> {
                    double norm = 1e-8;
                    for (double v : u) {
                        norm += v * v;
                    }
                    double g = mu * e / norm;
                    for (int k = 0; k < w.length; k++) {
                        w[k] += g * u[k];
                    }
                }
                case RLS -> {
                    int m = w.length;
                    double[] pu = new double[m];
                    double denom = lambda;
                    for (int a = 0; a < m; a++) {
                        double s = 0;
                        for (int b = 0; b < m; b++) {
                            s += p[a][b] * u[b];
                        }
                        pu[a] = s;
                        denom += u[a] * s;
                    }
                    for (int a = 0; a < m; a++) {
                        double k = pu[a] / denom;
                        w[a] += k * e;
                    }
                    // P = (P - k u^T P) / lambda, with u^T P = pu^T (P symmetric)
                    for (int a = 0; a < m; a++) {
                        double ka = pu[a] / denom;
                        for (int b = 0; b < m; b++) {
                            p[a][b] = (p[a][b] - ka * pu[b]) / lambda;
                        }
                    }
                }
            }
            return y;
        }

        private static double[][] identity(int m, double v) {
            double[][] id = new double[m][m];
            for (int i = 0; i < m; i++) {
                id[i][i] = v;
            }
            return id;
        }
    }

    /** System identification: adapts on (input, desired) pairs and returns the adapter (weights, last output). */
    public Adapter identify(double[] input, double[] desired) {
        Adapter a = new Adapter(algorithm, taps, mu, lambda, delta);
        for (int i = 0; i < input.length; i++) {
            a.step(input[i], desired[i]);
        }
        return a;
    }

    @Override
    public State start(int channels) {
        if (reference >= channels) {
            throw new IllegalArgumentException("reference_channel " + reference + " does not exist; the signal has " + channels + " channel(s)");
        }
        Adapter[] adapters = new Adapter[channels];
        double[][] history = new double[channels][delay];
        for (int c = 0; c < channels; c++) {
            adapters[c] = new Adapter(algorithm, taps, mu, lambda, delta);
        }
        int[] head = new int[channels];
        return (data, off, count, frame) -> {
            for (int i = 0; i < count; i++) {
                int base = off + i * frame;
                double ref = reference >= 0 ? data[base + reference] : 0;
                for (int c = 0; c < channels; c++) {
                    if (c == reference) {
                        continue;
                    }
                    double x = data[base + c];
                    if (reference >= 0) {
                        data[base + c] = x - adapters[c].step(ref, x);
                    } else {
                        // the input is the channel delayed: a ring buffer of the last `delay` samples
                        double delayed = history[c][head[c]];
                        history[c][head[c]] = x;
                        head[c] = (head[c] + 1) % delay;
                        data[base + c] = adapters[c].step(delayed, x);
                    }
                }
            }
        };
    }

    /** LMS/NLMS: a few operations per tap and sample; RLS: per tap squared. */
    @Override
    public double work(int channels, long samples) {
        double perSample = algorithm == Algorithm.RLS ? 6.0 * taps * taps : 6.0 * taps;
        return perSample * channels * samples;
    }
}
