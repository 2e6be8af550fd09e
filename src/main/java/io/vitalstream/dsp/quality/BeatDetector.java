package io.vitalstream.dsp.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Heart beats for the quality indices: Elgendi's two event-related moving averages. A feature
 * signal f is averaged over a short window W1 (the event: a QRS complex or a systolic upstroke)
 * and a long one W2 (a beat); blocks where the short average exceeds the long one by beta *
 * mean(f) and last at least W1 hold one beat each, at the block's extreme.
 * <ul>
 * <li>ECG (Elgendi 2013, "Fast QRS detection with an optimized knowledge-based method", PLoS
 *     ONE 8:e73557): f = squared central difference, W1 = 97 ms, W2 = 611 ms, beta = 0.08;
 *     the beat is the largest |x - mean| in the block (either polarity);</li>
 * <li>PPG (Elgendi et al. 2013, "Systolic peak detection in acceleration photoplethysmograms",
 *     PLoS ONE 8:e76585): f = the mean-removed signal clipped at 0 and squared, W1 = 111 ms,
 *     W2 = 667 ms, beta = 0.02; the beat is the block's maximum.</li>
 * </ul>
 * The detector runs on the signal as received (no band-pass): on a noisy segment it finds
 * implausible beats, which the template indices then rate low. Moving averages are centred,
 * over the samples that exist near the ends, from one running sum.
 */
public final class BeatDetector {

    public enum Kind {
        ECG(0.097, 0.611, 0.08),
        PPG(0.111, 0.667, 0.02);

        final double eventSeconds;
        final double beatSeconds;
        final double beta;

        Kind(double eventSeconds, double beatSeconds, double beta) {
            this.eventSeconds = eventSeconds;
            this.beatSeconds = beatSeconds;
            this.beta = beta;
        }
    }

    private BeatDetector() {
    }

    /** Beat positions (indices relative to {@code from}) in x[from, to). */
    public static int[] detect(double[] x, int from, int to, double fs, Kind kind) {
        int n = to - from;
        if (n < 3) {
            return new int[0];
        }
        double mean = Moments.mean(x, from, to);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = switch (kind) {
                case ECG -> i == 0 || i == n - 1 ? 0 : square(x[from + i + 1] - x[from + i - 1]);
                case PPG -> square(Math.max(x[from + i] - mean, 0));
            };
        }
        double[] sum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            sum[i + 1] = sum[i] + f[i];
        }
        double threshold = kind.beta * (sum[n] / n);
        int h1 = Moments.roundHalfUp(kind.eventSeconds * fs / 2);
        int h2 = Moments.roundHalfUp(kind.beatSeconds * fs / 2);
        int minBlock = 2 * h1 + 1;
        List<Integer> beats = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean in = i < n && average(sum, n, i, h1) > average(sum, n, i, h2) + threshold;
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                if (i - start >= minBlock) {
                    beats.add(extreme(x, from, start, i, mean, kind));
                }
                start = -1;
            }
        }
        return beats.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double square(double v) {
        return v * v;
    }

    private static double average(double[] sum, int n, int i, int h) {
        int lo = Math.max(0, i - h);
        int hi = Math.min(n, i + h + 1);
        return (sum[hi] - sum[lo]) / (hi - lo);
    }

    /** The first sample of the block with the largest |x - mean| (ECG) or x (PPG). */
    private static int extreme(double[] x, int from, int start, int end, double mean, Kind kind) {
        int best = start;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = start; i < end; i++) {
            double v = kind == Kind.ECG ? Math.abs(x[from + i] - mean) : x[from + i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }
}
