package io.vitalstream.dsp;

import java.util.Random;

/** Synthetic physiological signals for tests. */
public final class TestSignals {

    private TestSignals() {
    }

    /** An ECG-like trace: P, QRS and T waves as Gaussian bumps, 72 beats per minute. */
    public static double[] syntheticEcg(int n, double fs) {
        double[] x = new double[n];
        double period = 60.0 / 72;
        double[][] waves = {{0.25, 0.15, 0.025}, {0.40, -0.12, 0.008}, {0.42, 1.2, 0.010}, {0.44, -0.25, 0.008}, {0.65, 0.3, 0.04}};
        for (int i = 0; i < n; i++) {
            double t = (i / fs) % period;
            double v = 0;
            for (double[] w : waves) {
                double d = (t - w[0]) / w[2];
                v += w[1] * Math.exp(-0.5 * d * d);
            }
            x[i] = v;
        }
        return x;
    }

    /** clean plus white Gaussian noise at the given SNR (dB), seeded. */
    public static double[] noisy(double[] clean, double snrDb, long seed) {
        double power = 0;
        for (double v : clean) {
            power += v * v / clean.length;
        }
        double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
        Random rnd = new Random(seed);
        double[] x = new double[clean.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = clean[i] + sigma * rnd.nextGaussian();
        }
        return x;
    }

    public static double snr(double[] clean, double[] estimate) {
        double s = 0;
        double e = 0;
        for (int i = 0; i < clean.length; i++) {
            s += clean[i] * clean[i];
            e += (estimate[i] - clean[i]) * (estimate[i] - clean[i]);
        }
        return 10 * Math.log10(s / e);
    }
}
