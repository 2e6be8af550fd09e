package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.WholeSignalMethod;

/**
 * Multi-channel PCA denoising: project the centred channels on the principal components that
 * explain {@code varianceKept} of the variance (or the first {@code components}), and
 * reconstruct. What the channels share is kept; what is spread thinly across components
 * (uncorrelated noise) is dropped.
 */
public final class Pca implements WholeSignalMethod, io.vitalstream.dsp.Work.Costed {

    private final Integer components;
    private final double varianceKept;

    public Pca(Integer components, double varianceKept) {
        if (components != null && components < 1) {
            throw new IllegalArgumentException("n_components must be at least 1");
        }
        if (!(varianceKept > 0 && varianceKept <= 1)) {
            throw new IllegalArgumentException("variance_threshold must be in (0, 1]");
        }
        this.components = components;
        this.varianceKept = varianceKept;
    }

    @Override
    public double[][] apply(double[][] x) {
        int ch = x.length;
        if (ch < 2) {
            throw new IllegalArgumentException("pca needs at least 2 channels, the signal has " + ch);
        }
        double[] means = new double[ch];
        double[][] xc = SymmetricEigen.centre(x, means);
        SymmetricEigen eig = new SymmetricEigen(SymmetricEigen.covariance(xc));
        int keep;
        if (components != null) {
            keep = Math.min(components, ch);
        } else {
            double total = 0;
            for (double v : eig.values) {
                total += Math.max(0, v);
            }
            double acc = 0;
            keep = ch;
            for (int k = 0; k < ch; k++) {
                acc += Math.max(0, eig.values[k]);
                if (total == 0 || acc / total >= varianceKept) {
                    keep = k + 1;
                    break;
                }
            }
        }
        int n = x[0].length;
        double[][] out = new double[ch][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < keep; k++) {
                double score = 0;
                for (int c = 0; c < ch; c++) {
                    score += eig.vectors[c][k] * xc[c][i];
                }
                for (int c = 0; c < ch; c++) {
                    out[c][i] += eig.vectors[c][k] * score;
                }
            }
        }
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] += means[c];
            }
        }
        return out;
    }

    /** The covariance and the reconstruction: channels^2 per sample each. */
    @Override
    public double work(int channels, long samples) {
        return 4.0 * channels * channels * samples + 10.0 * channels * channels * channels;
    }
}
