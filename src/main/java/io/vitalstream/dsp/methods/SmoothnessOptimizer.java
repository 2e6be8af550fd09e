package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.BlockMethod;


/**
 * Signal smoothing as optimisation (a Whittaker smoother with a robust fidelity term):
 * minimise J(y) = sum rho(y_i - x_i) + lambda sum (y_{i-1} - 2 y_i + y_{i+1})^2.
 * rho is mse (r^2), mae (|r|) or huber (r^2 within delta, 2 delta |r| - delta^2 beyond; delta
 * = 1.345 times the noise level estimated from the first differences' MAD).
 * <p>
 * "optimization" solves it: for mse exactly, (I + lambda D^T D) y = x by a banded Cholesky
 * factorisation; for mae and huber by iteratively reweighted least squares to a tolerance
 * (max change below 1e-10 of the signal's scale, at most {@code iterations} rounds).
 * "gradient_descent" takes {@code iterations} steps y <- y - lr grad J from y = x (vitalDSP's
 * lr 0.01, 100 iterations), stopping early when the gradient falls below the tolerance.
 */
public final class SmoothnessOptimizer implements BlockMethod, io.vitalstream.dsp.Work.Costed {

    public enum Loss { MSE, MAE, HUBER }

    private final Loss loss;
    private final double lambda;
    private final boolean gradientDescent;
    private final double learningRate;
    private final int iterations;
    private final double tolerance;
    /** Per channel, the huber scale of the whole recording when a job runs this on blocks; null: from the signal given. */
    private final double[] scales;

    public SmoothnessOptimizer(Loss loss, double lambda, boolean gradientDescent, double learningRate, int iterations, double tolerance) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("smoothness (lambda) must be a non-negative number");
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new IllegalArgumentException("iterations must be between 1 and 100000");
        }
        if (gradientDescent && !(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learning_rate must be in (0, 1]");
        }
        this.loss = loss;
        this.lambda = lambda;
        this.gradientDescent = gradientDescent;
        this.learningRate = learningRate;
        this.iterations = iterations;
        this.tolerance = tolerance;
        this.scales = null;
    }

    private SmoothnessOptimizer(SmoothnessOptimizer o, double[] scales) {
        this.loss = o.loss;
        this.lambda = o.lambda;
        this.gradientDescent = o.gradientDescent;
        this.learningRate = o.learningRate;
        this.iterations = o.iterations;
        this.tolerance = o.tolerance;
        this.scales = scales.clone();
    }

    /** Whether the loss weighs residuals by a scale taken from the whole signal (huber: {@link #huberScale}). */
    public boolean needsScale() {
        return loss == Loss.HUBER;
    }

    /** The same method with each channel's huber scale given (computed over the whole recording). */
    public SmoothnessOptimizer withScales(double[] perChannel) {
        return new SmoothnessOptimizer(this, perChannel);
    }

    /**
     * The huber scale from the MAD of a recording's differences (the upper-middle |d - m|, m
     * their upper-middle value): 1.345 sigma with sigma = 1.4826 MAD / sqrt 2 (1e-12 when 0).
     */
    public static double huberScale(double mad) {
        double sigma = 1.4826 * mad / Math.sqrt(2);
        return sigma > 0 ? 1.345 * sigma : 1e-12;
    }

    @Override
    public double[][] apply(double[][] channels) {
        double[][] out = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            double delta = !needsScale() ? 1 : scales != null ? scales[c] : huberDelta(channels[c]);
            out[c] = gradientDescent ? descend(channels[c], delta) : solve(channels[c], delta);
        }
        return out;
    }

    /**
     * The exact Whittaker smoother (mse, solved) runs on blocks: the inverse of I + lambda D'D
     * decays as |z|^d with distance d, z the root inside the unit circle of
     * lambda (z + 1/z - 2)^2 + 1 = 0, so a context of log(tolerance) / log|z| samples (plus 8)
     * makes a block's edge invisible at its centre. Gradient descent (mse, mae) moves each
     * sample by its neighbours two away per step, so a context of 2 x iterations (plus 8) gives
     * the whole signal's arithmetic exactly, up to the early stop: the whole signal stops when
     * every gradient is below the tolerance, a block cannot know that and takes its remaining
     * steps, each moving a sample by less than learning_rate x tolerance; huber's scale is the
     * whole recording's ({@link #withScales}). IRLS (mae, huber) stops on a global change:
     * whole.
     */
    @Override
    public int overlap() {
        if (gradientDescent) {
            // each step couples a sample to its neighbours two away
            return (int) Math.min(Integer.MAX_VALUE / 4, 2L * iterations + 8);
        }
        if (loss != Loss.MSE) {
            return 0;
        }
        return contextFor(lambda);
    }

    /** The context that brings the banded inverse of I + lambdaEff D'D below SEAM_TOLERANCE (1 when lambdaEff is 0). */
    static int contextFor(double lambda) {
        if (lambda == 0) {
            return 1;
        }
        // z + 1/z = u with (u - 2)^2 = -1/lambda: u = 2 + i/sqrt(lambda); z = (u - sqrt(u^2 - 4)) / 2
        double ur = 2;
        double ui = 1 / Math.sqrt(lambda);
        double dr = ur * ur - ui * ui - 4;
        double di = 2 * ur * ui;
        double m = Math.hypot(dr, di);
        double sr = Math.sqrt((m + dr) / 2);
        double si = Math.copySign(Math.sqrt((m - dr) / 2), di);
        double root = Math.min(Math.hypot(ur - sr, ui - si), Math.hypot(ur + sr, ui + si)) / 2;
        return (int) Math.min(50_000_000, Math.ceil(Math.log(SEAM_TOLERANCE) / Math.log(root)) + 8);
    }

    /** IRLS: optimization with mae or huber, a weighted solve per iteration until the largest change is small. */
    public boolean reweighted() {
        return !gradientDescent && loss != Loss.MSE;
    }

    public double lambda() {
        return lambda;
    }

    public int iterations() {
        return iterations;
    }

    /** IRLS's weight for one sample: the quadratic surrogate's at residual y - x, as in memory. */
    public double weight(double y, double x, double delta, double scale) {
        double ar = Math.max(Math.abs(y - x), 1e-9 * Math.max(1, scale));
        return rhoPrime(ar, delta) / (2 * ar);
    }

    /** Whether a channel whose largest change was {@code change} has converged (scale: its largest |x|). */
    public boolean converged(double change, double scale) {
        return change <= tolerance * Math.max(1, scale);
    }

    /** (W + lambda D'D) y = W x over a block, the in-memory solve. */
    public double[] solveWeighted(double[] w, double[] x) {
        return banded(w, x);
    }

    /** The context a weighted solve needs when the smallest weight is wMin: that of lambda / wMin. */
    public int weightedOverlap(double wMin) {
        return contextFor(lambda / Math.max(wMin, 1e-300));
    }

    /** J(y) for x: used by the tests to check descent. */
    public double objective(double[] x, double[] y) {
        double delta = huberDelta(x);
        double j = 0;
        for (int i = 0; i < x.length; i++) {
            j += rho(y[i] - x[i], delta);
        }
        for (int i = 1; i + 1 < y.length; i++) {
            double d = y[i - 1] - 2 * y[i] + y[i + 1];
            j += lambda * d * d;
        }
        return j;
    }

    private double rho(double r, double delta) {
        return switch (loss) {
            case MSE -> r * r;
            case MAE -> Math.abs(r);
            case HUBER -> Math.abs(r) <= delta ? r * r : 2 * delta * Math.abs(r) - delta * delta;
        };
    }

    private double rhoPrime(double r, double delta) {
        return switch (loss) {
            case MSE -> 2 * r;
            case MAE -> Math.signum(r);
            case HUBER -> Math.abs(r) <= delta ? 2 * r : 2 * delta * Math.signum(r);
        };
    }

    /** 1.345 sigma, sigma from the MAD of first differences (white noise doubles their variance). */
    static double huberDelta(double[] x) {
        if (x.length < 3) {
            return 1;
        }
        double[] d = new double[x.length - 1];
        for (int i = 1; i < x.length; i++) {
            d[i - 1] = x[i] - x[i - 1];
        }
        double[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        double med = sorted[sorted.length / 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i] - med);
        }
        java.util.Arrays.sort(d);
        return huberScale(d[d.length / 2]);
    }

    private double[] solve(double[] x, double delta) {
        int n = x.length;
        if (n < 3 || lambda == 0) {
            return x.clone();
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        double[] y = banded(w, x);
        if (loss == Loss.MSE) {
            return y;
        }
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int it = 1; it < iterations; it++) {
            io.vitalstream.dsp.Cancellation.check();
            for (int i = 0; i < n; i++) {
                double r = y[i] - x[i];
                double ar = Math.max(Math.abs(r), 1e-9 * Math.max(1, scale));
                w[i] = rhoPrime(ar, delta) / (2 * ar); // weight of the quadratic surrogate
            }
            double[] next = banded(w, x);
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(next[i] - y[i]));
            }
            y = next;
            if (change <= tolerance * Math.max(1, scale)) {
                break;
            }
        }
        return y;
    }

    /** Solves (W + lambda D^T D) y = W x; the matrix is pentadiagonal, symmetric positive definite. */
    private double[] banded(double[] w, double[] x) {
        int n = x.length;
        double[] d0 = new double[n];
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            // diagonal of D^T D: 1, 5, 6 ... 6, 5, 1
            double dd = (i == 0 || i == n - 1) ? 1 : (i == 1 || i == n - 2) ? 5 : 6;
            if (n == 3 && i == 1) {
                dd = 4;
            }
            d0[i] = w[i] + lambda * dd;
            if (i + 1 < n) {
                double o1 = (i == 0 || i == n - 2) ? -2 : -4;
                d1[i] = lambda * o1;
            }
            if (i + 2 < n) {
                d2[i] = lambda;
            }
        }
        // banded LDL^T: row i couples to i+1 (d1) and i+2 (d2)
        double[] l1 = new double[n];
        double[] l2 = new double[n];
        double[] dg = new double[n];
        for (int i = 0; i < n; i++) {
            double v = d0[i];
            if (i >= 1) {
                v -= l1[i - 1] * l1[i - 1] * dg[i - 1];
            }
            if (i >= 2) {
                v -= l2[i - 2] * l2[i - 2] * dg[i - 2];
            }
            dg[i] = v;
            if (i + 1 < n) {
                double u = d1[i];
                if (i >= 1) {
                    u -= l1[i - 1] * l2[i - 1] * dg[i - 1];
                }
                l1[i] = u / dg[i];
            }
            if (i + 2 < n) {
                l2[i] = d2[i] / dg[i];
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double v = w[i] * x[i];
            if (i >= 1) {
                v -= l1[i - 1] * z[i - 1];
            }
            if (i >= 2) {
                v -= l2[i - 2] * z[i - 2];
            }
            z[i] = v;
        }
        double[] y = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = z[i] / dg[i];
            if (i + 1 < n) {
                v -= l1[i] * y[i + 1];
            }
            if (i + 2 < n) {
                v -= l2[i] * y[i + 2];
            }
            y[i] = v;
        }
        return y;
    }

    private double[] descend(double[] x, double delta) {
        int n = x.length;
        double[] y = x.clone();
        double[] g = new double[n];
        for (int it = 0; it < iterations; it++) {
            io.vitalstream.dsp.Cancellation.check();
            double worst = 0;
            for (int i = 0; i < n; i++) {
                g[i] = rhoPrime(y[i] - x[i], delta);
            }
            // + 2 lambda D^T D y
            for (int i = 1; i + 1 < n; i++) {
                double d = y[i - 1] - 2 * y[i] + y[i + 1];
                g[i - 1] += 2 * lambda * d;
                g[i] -= 4 * lambda * d;
                g[i + 1] += 2 * lambda * d;
            }
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(g[i]));
                y[i] -= learningRate * g[i];
            }
            if (worst < tolerance) {
                break;
            }
        }
        return y;
    }

    /** A banded solve per channel (40 operations a sample), per iteration for IRLS and gradient descent. */
    @Override
    public double work(int channels, long samples) {
        double once = 40.0 * channels * samples;
        return gradientDescent || loss != Loss.MSE ? once * iterations : once;
    }
}
