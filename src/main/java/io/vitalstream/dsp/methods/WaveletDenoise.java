package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.WholeSignalMethod;

import java.util.List;

/**
 * Wavelet shrinkage (Donoho-Johnstone): decompose to {@code level}, threshold every detail
 * coefficient (soft: shrink towards zero by t; hard: zero below t), reconstruct. The default
 * threshold is universal, t = sigma sqrt(2 ln n) with sigma = median(|cD_1|) / 0.6745 (the
 * finest details are mostly noise); a given {@code threshold} is used as is.
 */
public record WaveletDenoise(Wavelet wavelet, int level, boolean soft, Double threshold)
        implements WholeSignalMethod, io.vitalstream.dsp.Work.Costed {

    /** @param threshold the shrinkage threshold, or null for the universal one */
    public WaveletDenoise {
        if (level < 1 || level > 8) {
            throw new IllegalArgumentException("wavelet level must be between 1 and 8, got " + level);
        }
        if (threshold != null && !(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be a non-negative number");
        }
    }

    public static double universal(double medianAbsFinest, long n) {
        return medianAbsFinest / 0.6745 * Math.sqrt(2 * Math.log(n));
    }

    /** A detail coefficient after shrinkage by t (soft: towards zero by t; hard: zero below t). */
    public double shrink(double v, double t) {
        if (soft) {
            double m = Math.abs(v) - t;
            return m > 0 ? Math.copySign(m, v) : 0.0;
        }
        return Math.abs(v) > t ? v : 0.0;
    }

    /** The first level's decomposition needs this many samples. */
    public int minimumLength() {
        return 2 << (level - 1);
    }

    @Override
    public double[][] apply(double[][] channels) {
        double[][] out = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = denoise(channels[c]);
        }
        return out;
    }

    public double[] denoise(double[] x) {
        if (x.length < minimumLength()) {
            throw new IllegalArgumentException("wavelet level " + level + " needs at least " + minimumLength() + " samples, got " + x.length);
        }
        List<double[]> coeffs = Dwt.decompose(x, wavelet, level);
        double t;
        if (threshold != null) {
            t = threshold;
        } else {
            double[] finest = coeffs.get(coeffs.size() - 1).clone();
            for (int i = 0; i < finest.length; i++) {
                finest[i] = Math.abs(finest[i]);
            }
            t = universal(median(finest), x.length);
        }
        for (int l = 1; l < coeffs.size(); l++) {
            double[] d = coeffs.get(l);
            for (int i = 0; i < d.length; i++) {
                d[i] = shrink(d[i], t);
            }
        }
        return Dwt.reconstruct(coeffs, wavelet, x.length);
    }

    /** numpy's median: the mean of the middle two for an even count. */
    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** Analysis and synthesis: a filter of the wavelet's length per sample, twice, over the levels (a geometric sum under 2). */
    @Override
    public double work(int channels, long samples) {
        return 8.0 * wavelet.length() * channels * samples;
    }
}
