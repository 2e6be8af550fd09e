package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.FittedMethod;

/**
 * Multi-channel PCA denoising: project the centred channels on the principal components that
 * explain {@code varianceKept} of the variance (or the first {@code components}), and
 * reconstruct. What the channels share is kept; what is spread thinly across components
 * (uncorrelated noise) is dropped.
 */
public final class Pca implements FittedMethod, io.vitalstream.dsp.Work.Costed {

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

    /** The projection on the kept components, V_k V_k^T, about the channel means. */
    @Override
    public Fit fit(double[][] x) {
        int ch = x.length;
        if (ch < 2) {
            throw new IllegalArgumentException("pca needs at least 2 channels, the signal has " + ch);
        }
        double[] means = new double[ch];
        double[][] xc = SymmetricEigen.centre(x, means);
        SymmetricEigen eig = new SymmetricEigen(SymmetricEigen.covariance(xc));
        double total = 0;
        for (double v : eig.values) {
            total += Math.max(0, v);
        }
        int keep = ch;
        if (components != null) {
            keep = Math.min(components, ch);
        } else {
            double acc = 0;
            for (int k = 0; k < ch; k++) {
                acc += Math.max(0, eig.values[k]);
                if (total == 0 || acc / total >= varianceKept) {
                    keep = k + 1;
                    break;
                }
            }
        }
        double[][] projection = new double[ch][ch];
        double kept = 0;
        for (int k = 0; k < keep; k++) {
            kept += Math.max(0, eig.values[k]);
            for (int r = 0; r < ch; r++) {
                for (int c = 0; c < ch; c++) {
                    projection[r][c] += eig.vectors[r][k] * eig.vectors[c][k];
                }
            }
        }
        StringBuilder variance = new StringBuilder();
        for (int k = 0; k < ch; k++) {
            variance.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f", total == 0 ? 0 : Math.max(0, eig.values[k]) / total));
        }
        String report = String.format(java.util.Locale.ROOT, "pca: kept %d of %d components, %.2f %% of the variance; explained variance ratios [%s]",
                keep, ch, total == 0 ? 100.0 : 100 * kept / total, variance);
        return new Fit(new Map(projection, means, means.clone()), report);
    }

    /** The covariance and the reconstruction: channels^2 per sample each. */
    @Override
    public double work(int channels, long samples) {
        return 2.0 * channels * channels * Math.min(samples, MAX_FIT_FRAMES) + 2.0 * channels * channels * samples
                + 10.0 * channels * channels * channels;
    }
}
