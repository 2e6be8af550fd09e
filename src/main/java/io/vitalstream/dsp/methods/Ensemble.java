package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.WholeSignalMethod;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Combines member filters, each applied to the whole signal:
 * <ul>
 * <li>mean, median: sample by sample over the members' outputs ('voting' is median);</li>
 * <li>weighted ('stacking'): a mean weighted by each member's quality, q = var(y) / var(diff y)
 *     (power of the output over the power of its sample-to-sample changes: smooth, strong
 *     outputs score high), normalised to sum 1;</li>
 * <li>bagging: residual bootstrap — for each member m, B = 3 rounds filter
 *     y_m + block-shuffled residual (x - y_m, blocks of 64 samples, seeded), and all rounds of
 *     all members are averaged;</li>
 * <li>boosting: the first member filters x, each next member filters the residual
 *     x - y so far and adds its output with learning rate 0.5.</li>
 * </ul>
 */
public final class Ensemble implements WholeSignalMethod, io.vitalstream.dsp.Work.Costed {

    public enum Combine { MEAN, MEDIAN, WEIGHTED, BAGGING, BOOSTING }

    private final List<FilterSpec> members;
    private final Combine combine;
    private final long seed;

    public Ensemble(List<FilterSpec> members, Combine combine, long seed) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.members = List.copyOf(members);
        this.combine = combine;
        this.seed = seed;
    }

    /** Bagging's rounds per member and the length of its resampled residual blocks. */
    public static final int BAG_ROUNDS = 3;
    public static final int BAG_BLOCK = 64;

    public long seed() {
        return seed;
    }

    public List<FilterSpec> members() {
        return members;
    }

    public Combine combine() {
        return combine;
    }

    /** Whether the members' outputs are combined sample by sample (mean, median, weighted): a job can stream it. */
    public boolean combinesSamples() {
        return combine == Combine.MEAN || combine == Combine.MEDIAN || combine == Combine.WEIGHTED;
    }

    /**
     * Frame i of the members' outputs (ys[m][c] their sample of channel c at that frame) combined
     * into out[c]: the same arithmetic as {@link #apply}, for jobs that combine chunk by chunk.
     */
    public void combineFrame(double[][] ys, double[][] weights, double[] out) {
        int k = ys.length;
        double[] column = new double[k];
        for (int c = 0; c < out.length; c++) {
            out[c] = combineSample(ys, c, weights[c], column);
        }
    }

    private double combineSample(double[][] ys, int c, double[] weights, double[] column) {
        int k = ys.length;
        if (combine == Combine.MEDIAN) {
            for (int m = 0; m < k; m++) {
                column[m] = ys[m][c];
            }
            Arrays.sort(column);
            return k % 2 == 1 ? column[k / 2] : 0.5 * (column[k / 2 - 1] + column[k / 2]);
        }
        double v = 0;
        for (int m = 0; m < k; m++) {
            v += weights[m] * ys[m][c];
        }
        return v;
    }

    /** Each member's weight for one channel from its qualities (weighted), or 1/k. */
    public double[] weights(double[] qualities) {
        int k = qualities.length;
        double[] weights = new double[k];
        if (combine == Combine.WEIGHTED) {
            double sum = 0;
            for (int m = 0; m < k; m++) {
                weights[m] = qualities[m];
                sum += weights[m];
            }
            for (int m = 0; m < k; m++) {
                weights[m] = sum > 0 ? weights[m] / sum : 1.0 / k;
            }
        } else {
            Arrays.fill(weights, 1.0 / k);
        }
        return weights;
    }

    @Override
    public double[][] apply(double[][] x) {
        return switch (combine) {
            case MEAN, MEDIAN, WEIGHTED -> combine(outputs(x));
            case BAGGING -> bagging(x);
            case BOOSTING -> boosting(x);
        };
    }

    private double[][][] outputs(double[][] x) {
        double[][][] ys = new double[members.size()][][];
        for (int m = 0; m < members.size(); m++) {
            io.vitalstream.dsp.Cancellation.check();
            ys[m] = Filtering.apply(members.get(m), x);
        }
        return ys;
    }

    private double[][] combine(double[][][] ys) {
        int ch = ys[0].length;
        int n = ys[0][0].length;
        int k = ys.length;
        double[][] out = new double[ch][n];
        for (int c = 0; c < ch; c++) {
            double[] qualities = new double[k];
            if (combine == Combine.WEIGHTED) {
                for (int m = 0; m < k; m++) {
                    qualities[m] = quality(ys[m][c]);
                }
            }
            double[] weights = weights(qualities);
            double[] column = new double[k];
            double[][] sample = new double[k][ch];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < k; m++) {
                    sample[m][c] = ys[m][c][i];
                }
                out[c][i] = combineSample(sample, c, weights, column);
            }
        }
        return out;
    }

    /** var(y) / var(diff y): high for smooth, strong outputs. */
    static double quality(double[] y) {
        Quality q = new Quality(y.length);
        for (double v : y) {
            q.addToMean(v);
        }
        for (double v : y) {
            q.addToVariances(v);
        }
        return q.value();
    }

    /**
     * {@link #quality} of a signal given in order, piece by piece: a first pass for the mean,
     * a second for the variances (the same sums in the same order as over the whole array).
     */
    public static final class Quality {
        private final long n;
        private double mean;
        private double var;
        private double dvar;
        private double previous;
        private boolean started;

        public Quality(long n) {
            this.n = n;
        }

        public void addToMean(double v) {
            mean += v / n;
        }

        public void addToVariances(double v) {
            var += (v - mean) * (v - mean);
            if (started) {
                double d = v - previous;
                dvar += d * d;
            }
            previous = v;
            started = true;
        }

        public double value() {
            if (n < 3) {
                return 1;
            }
            return dvar == 0 ? (var == 0 ? 1 : 1e12) : var / dvar;
        }
    }

    private double[][] bagging(double[][] x) {
        int rounds = BAG_ROUNDS;
        int block = BAG_BLOCK;
        SplittableRandom rnd = new SplittableRandom(seed);
        int ch = x.length;
        int n = x[0].length;
        double[][] sum = new double[ch][n];
        int count = 0;
        for (FilterSpec member : members) {
            io.vitalstream.dsp.Cancellation.check();
            double[][] y = Filtering.apply(member, x);
            for (int r = 0; r < rounds; r++) {
                double[][] resampled = new double[ch][n];
                int blocks = (n + block - 1) / block;
                for (int b = 0; b < blocks; b++) {
                    int from = rnd.nextInt(blocks) * block;
                    for (int k = 0; k < block && b * block + k < n; k++) {
                        int src = Math.min(n - 1, from + k);
                        for (int c = 0; c < ch; c++) {
                            resampled[c][b * block + k] = y[c][b * block + k] + (x[c][src] - y[c][src]);
                        }
                    }
                }
                double[][] z = Filtering.apply(member, resampled);
                for (int c = 0; c < ch; c++) {
                    for (int i = 0; i < n; i++) {
                        sum[c][i] += z[c][i];
                    }
                }
                count++;
            }
        }
        for (double[] row : sum) {
            for (int i = 0; i < n; i++) {
                row[i] /= count;
            }
        }
        return sum;
    }

    private double[][] boosting(double[][] x) {
        int ch = x.length;
        int n = x[0].length;
        double[][] y = Filtering.apply(members.get(0), x);
        for (int m = 1; m < members.size(); m++) {
            double[][] residual = new double[ch][n];
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < n; i++) {
                    residual[c][i] = x[c][i] - y[c][i];
                }
            }
            double[][] f = Filtering.apply(members.get(m), residual);
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < n; i++) {
                    y[c][i] += 0.5 * f[c][i];
                }
            }
        }
        return y;
    }

    /** Every member over the whole signal (bagging: three more rounds each), plus the combination. */
    @Override
    public double work(int channels, long samples) {
        double members = 0;
        for (FilterSpec m : this.members) {
            members += io.vitalstream.dsp.Work.estimate(m, channels, samples);
        }
        int rounds = combine == Combine.BAGGING ? 4 : 1;
        return members * rounds + 8.0 * this.members.size() * channels * samples;
    }
}
