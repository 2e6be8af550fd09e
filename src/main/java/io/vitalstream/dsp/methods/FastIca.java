package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.FittedMethod;
import io.vitalstream.dsp.Matrices;

import java.util.SplittableRandom;

import static io.vitalstream.dsp.Matrices.multiply;

/**
 * FastICA (Hyvarinen), symmetric, with the log-cosh contrast g(u) = tanh(u): whiten the
 * centred channels by PCA, then iterate W <- E[g(W z) z^T] - diag(E[g'(W z)]) W followed by
 * symmetric decorrelation W <- (W W^T)^(-1/2) W until the rows stop turning (|1 - |w.w_old||
 * below 1e-10) or 500 iterations; the start is random with a fixed seed, so the result is
 * deterministic. As a filter it reconstructs the channels without the excluded components
 * (by default the one with the largest kurtosis: spikes and blinks are heavy-tailed); with
 * {@code sourcesOut} it returns the components themselves, scaled to unit variance.
 */
public record FastIca(long seed, int[] exclude, boolean sourcesOut) implements FittedMethod, io.vitalstream.dsp.Work.Costed {

    public record Result(double[][] sources, double[][] mixing, double[][] unmixing, double[] means) {
    }

    public Result separate(double[][] x) {
        int ch = x.length;
        int n = x[0].length;
        double[] means = new double[ch];
        double[][] xc = SymmetricEigen.centre(x, means);
        SymmetricEigen eig = new SymmetricEigen(SymmetricEigen.covariance(xc));
        // whitening K = D^-1/2 E^T (components x channels), dewhitening E D^1/2
        double[][] k = new double[ch][ch];
        double[][] dewhite = new double[ch][ch];
        for (int c = 0; c < ch; c++) {
            double d = Math.max(eig.values[c], 1e-300);
            for (int j = 0; j < ch; j++) {
                k[c][j] = eig.vectors[j][c] / Math.sqrt(d);
                dewhite[j][c] = eig.vectors[j][c] * Math.sqrt(d);
            }
        }
        double[][] z = multiply(k, xc);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] w = new double[ch][ch];
        for (int a = 0; a < ch; a++) {
            for (int b = 0; b < ch; b++) {
                w[a][b] = rnd.nextDouble(-1, 1);
            }
        }
        w = decorrelate(w);
        for (int it = 0; it < 500; it++) {
            io.vitalstream.dsp.Cancellation.check();
            double[][] wz = multiply(w, z);
            double[][] next = new double[ch][ch];
            for (int a = 0; a < ch; a++) {
                double meanDeriv = 0;
                for (int i = 0; i < n; i++) {
                    double t = Math.tanh(wz[a][i]);
                    meanDeriv += 1 - t * t;
                    for (int b = 0; b < ch; b++) {
                        next[a][b] += t * z[b][i];
                    }
                }
                meanDeriv /= n;
                for (int b = 0; b < ch; b++) {
                    next[a][b] = next[a][b] / n - meanDeriv * w[a][b];
                }
            }
            next = decorrelate(next);
            double worst = 0;
            for (int a = 0; a < ch; a++) {
                double dot = 0;
                for (int b = 0; b < ch; b++) {
                    dot += next[a][b] * w[a][b];
                }
                worst = Math.max(worst, Math.abs(Math.abs(dot) - 1));
            }
            w = next;
            if (worst < 1e-10) {
                break;
            }
        }
        double[][] sources = multiply(w, z);
        // x - mean = dewhite * W^T * s  (W orthogonal)
        double[][] mixing = Matrices.timesTransposed(dewhite, w);
        return new Result(sources, mixing, multiply(w, k), means);
    }

    /**
     * The unmixing (sources out), or the mixing of every component but the excluded ones times
     * the unmixing (reconstruction), about the channel means; the report gives each
     * component's kurtosis and what was excluded, so a user can choose exclude_components.
     */
    @Override
    public Fit fit(double[][] x) {
        int ch = x.length;
        if (ch < 2) {
            throw new IllegalArgumentException("ica needs at least 2 channels, the signal has " + ch);
        }
        Result r = separate(x);
        double[] kurtosis = new double[ch];
        StringBuilder k = new StringBuilder();
        for (int c = 0; c < ch; c++) {
            kurtosis[c] = kurtosis(r.sources()[c]);
            k.append(c == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.2f", kurtosis[c]));
        }
        if (sourcesOut) {
            return new Fit(new Map(r.unmixing(), r.means(), new double[ch]), "ica: " + ch + " components out; kurtosis [" + k + "]");
        }
        boolean[] drop = new boolean[ch];
        if (exclude != null) {
            for (int c : exclude) {
                if (c < 0 || c >= ch) {
                    throw new IllegalArgumentException("exclude_components lists " + c + "; components are numbered 0 to " + (ch - 1));
                }
                drop[c] = true;
            }
        } else {
            int worst = 0;
            for (int c = 1; c < ch; c++) {
                if (kurtosis[c] > kurtosis[worst]) {
                    worst = c;
                }
            }
            drop[worst] = true;
        }
        double[][] m = new double[ch][ch];
        StringBuilder dropped = new StringBuilder();
        for (int c = 0; c < ch; c++) {
            if (drop[c]) {
                dropped.append(dropped.isEmpty() ? "" : ", ").append(c);
                continue;
            }
            for (int row = 0; row < ch; row++) {
                for (int j = 0; j < ch; j++) {
                    m[row][j] += r.mixing()[row][c] * r.unmixing()[c][j];
                }
            }
        }
        return new Fit(new Map(m, r.means(), r.means().clone()), "ica: " + ch + " components, kurtosis [" + k + "]; excluded [" + dropped + "]");
    }

    static double kurtosis(double[] s) {
        double m = 0;
        for (double v : s) {
            m += v;
        }
        m /= s.length;
        double m2 = 0;
        double m4 = 0;
        for (double v : s) {
            double d = (v - m) * (v - m);
            m2 += d;
            m4 += d * d;
        }
        m2 /= s.length;
        m4 /= s.length;
        return m4 / (m2 * m2) - 3;
    }

    /** (W W^T)^(-1/2) W. */
    private static double[][] decorrelate(double[][] w) {
        SymmetricEigen e = new SymmetricEigen(Matrices.timesTransposed(w, w));
        double[] roots = new double[w.length];
        for (int k = 0; k < roots.length; k++) {
            roots[k] = Math.sqrt(Math.max(e.values[k], 1e-300));
        }
        return multiply(Matrices.timesTransposed(e.vectors, e.vectors, roots), w);
    }

    /** Whitening, then up to 500 fixed-point iterations over every fitted sample of every component pair; then the map. */
    @Override
    public double work(int channels, long samples) {
        return 10.0 * channels * channels * Math.min(samples, MAX_FIT_FRAMES) * 501 + 2.0 * channels * channels * samples;
    }
}
