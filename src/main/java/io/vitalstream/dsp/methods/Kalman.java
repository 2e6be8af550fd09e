package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.CausalMethod;

/**
 * Scalar Kalman filters per channel. Constant level (random walk): x_k = x_{k-1} + w,
 * w ~ N(0, Q); z_k = x_k + v, v ~ N(0, R). Constant velocity: state (level, slope) with
 * F = [[1, 1], [0, 1]] and white-acceleration noise Q * [[1/3, 1/2], [1/2, 1]] per sample.
 * Both start at the first sample with covariance P0 = 1 (vitalDSP's defaults R = 1, Q = 1).
 * The constant-level gain converges to K = P/(P + R) with P = (Q + sqrt(Q^2 + 4QR)) / 2.
 */
public final class Kalman implements CausalMethod {

    public enum Model { CONSTANT_LEVEL, CONSTANT_VELOCITY }

    private final Model model;
    private final double q;
    private final double r;

    public Kalman(Model model, double processNoise, double measurementNoise) {
        if (!(processNoise > 0) || !(measurementNoise > 0) || Double.isInfinite(processNoise) || Double.isInfinite(measurementNoise)) {
            throw new IllegalArgumentException("Kalman noise variances must be positive and finite");
        }
        this.model = model;
        this.q = processNoise;
        this.r = measurementNoise;
    }

    /** The steady-state gain of the constant-level filter. */
    public static double steadyStateGain(double q, double r) {
        double p = (q + Math.sqrt(q * q + 4 * q * r)) / 2;
        return p / (p + r);
    }

    @Override
    public State start(int channels) {
        return model == Model.CONSTANT_LEVEL ? new Level(channels) : new Velocity(channels);
    }

    private final class Level implements State {
        final double[] x;
        final double[] p;
        final boolean[] started;

        Level(int channels) {
            x = new double[channels];
            p = new double[channels];
            started = new boolean[channels];
        }

        @Override
        public void process(double[] data, int off, int count, int frame) {
            for (int c = 0; c < x.length; c++) {
                for (int i = 0; i < count; i++) {
                    int at = off + i * frame + c;
                    double z = data[at];
                    if (!started[c]) {
                        x[c] = z;
                        p[c] = 1.0;
                        started[c] = true;
                    } else {
                        double prior = p[c] + q;
                        double k = prior / (prior + r);
                        x[c] += k * (z - x[c]);
                        p[c] = (1 - k) * prior;
                    }
                    data[at] = x[c];
                }
            }
        }
    }

    private final class Velocity implements State {
        final double[][] s; // level, slope
        final double[][] p; // p00, p01, p11
        final boolean[] started;

        Velocity(int channels) {
            s = new double[channels][2];
            p = new double[channels][3];
            started = new boolean[channels];
        }

        @Override
        public void process(double[] data, int off, int count, int frame) {
            for (int c = 0; c < s.length; c++) {
                double[] st = s[c];
                double[] cov = p[c];
                for (int i = 0; i < count; i++) {
                    int at = off + i * frame + c;
                    double z = data[at];
                    if (!started[c]) {
                        st[0] = z;
                        st[1] = 0;
                        cov[0] = 1;
                        cov[1] = 0;
                        cov[2] = 1;
                        started[c] = true;
                        data[at] = z;
                        continue;
                    }
                    // predict: x = F x, P = F P F^T + Q
                    double l = st[0] + st[1];
                    double v = st[1];
                    double p00 = cov[0] + 2 * cov[1] + cov[2] + q / 3;
                    double p01 = cov[1] + cov[2] + q / 2;
                    double p11 = cov[2] + q;
                    // update with H = [1, 0]
                    double sInv = 1.0 / (p00 + r);
                    double k0 = p00 * sInv;
                    double k1 = p01 * sInv;
                    double innovation = z - l;
                    st[0] = l + k0 * innovation;
                    st[1] = v + k1 * innovation;
                    cov[0] = (1 - k0) * p00;
                    cov[1] = (1 - k0) * p01;
                    cov[2] = p11 - k1 * p01;
                    data[at] = st[0];
                }
            }
        }
    }
}
