package io.vitalstream.dsp.neural;

import io.vitalstream.dsp.TrainedMethod;
import io.vitalstream.dsp.WindowMethod;

import java.util.SplittableRandom;

/**
 * Denoisers trained on the request's own signal (no clean target exists, so each learns
 * what the signal's structure predicts and leaves out what it cannot, i.e. white noise):
 * <ul>
 * <li>autoencoder: windows of 32 samples squeezed through a 4-unit bottleneck and rebuilt
 *     (tanh MLP); overlapping reconstructions (stride 8) are averaged;</li>
 * <li>cnn: a blind-spot network (Noise2Self): a first convolution of width 33 with its
 *     centre tap removed, then 1x1 convolutions; it predicts each sample from its 32
 *     neighbours only, evaluated at every sample;</li>
 * <li>lstm: a one-layer LSTM predicting each sample from the previous ones, run forwards
 *     and (a second network) backwards over windows of 32; the two predictions are
 *     averaged.</li>
 * </ul>
 * Each channel is z-scored first. Complexity 1-5 sets the hidden layers and epochs:
 * 1 [16] 25; 2 (low) [32] 50; 3 (medium) [64, 32] 100; 4 (high) [128, 64, 32] 200;
 * 5 [256, 128, 64] 300. An epoch is 512 training windows (64 for the LSTM, whose hidden size
 * is the first layer's, capped at 32), in batches of 32 (8). The same seed gives the same
 * output. These are small networks fitted in seconds, not pretrained models.
 */
public final class NeuralDenoiser implements TrainedMethod, io.vitalstream.dsp.Work.Costed {

    public enum Kind { AUTOENCODER, CNN, LSTM }

    private static final int WINDOW = 32;

    private final Kind kind;
    private final int[] hidden;
    private final int epochs;
    private final long seed;

    public NeuralDenoiser(Kind kind, int complexity, Integer epochs, long seed) {
        if (complexity < 1 || complexity > 5) {
            throw new IllegalArgumentException("complexity must be 1 to 5 (or low, medium, high), got " + complexity);
        }
        this.kind = kind;
        this.hidden = switch (complexity) {
            case 1 -> new int[] {16};
            case 2 -> new int[] {32};
            case 3 -> new int[] {64, 32};
            case 4 -> new int[] {128, 64, 32};
            default -> new int[] {256, 128, 64};
        };
        int defaultEpochs = new int[] {25, 50, 100, 200, 300}[complexity - 1];
        if (epochs != null && (epochs < 1 || epochs > 2000)) {
            throw new IllegalArgumentException("epochs must be between 1 and 2000");
        }
        this.epochs = epochs == null ? defaultEpochs : epochs;
        this.seed = seed;
    }

    @Override
    public double[][] apply(double[][] channels) {
        double[][] out = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            int n = channels[c].length;
            out[c] = new double[n];
            train(c, new double[][] {channels[c]}).apply(channels[c], 0, n, 0, n, out[c]);
        }
        return out;
    }

    /**
     * Trains channel {@code channel}'s network on {@code stretches} (contiguous pieces of its
     * recording; the whole channel when it fits): the z-score from their samples, training
     * windows drawn from within them. The model then denoises any part of the channel from a
     * window of context ({@link WindowMethod#reach()}), so a recording streams chunk by chunk;
     * trained on the whole channel, it gives the in-memory result bit for bit.
     */
    @Override
    public WindowMethod train(int channel, double[][] stretches) {
        long total = 0;
        for (double[] s : stretches) {
            total += s.length;
        }
        if (total < 4 * WINDOW) {
            throw new IllegalArgumentException("the neural filters need at least " + 4 * WINDOW + " samples per channel, got " + total);
        }
        double mean = 0;
        for (double[] s : stretches) {
            for (double v : s) {
                mean += v;
            }
        }
        mean /= total;
        double var = 0;
        for (double[] s : stretches) {
            for (double v : s) {
                var += (v - mean) * (v - mean);
            }
        }
        double std = Math.sqrt(var / total);
        if (std == 0) {
            return IDENTITY;
        }
        double[][] x = new double[stretches.length][];
        for (int k = 0; k < stretches.length; k++) {
            x[k] = new double[stretches[k].length];
            for (int i = 0; i < x[k].length; i++) {
                x[k][i] = (stretches[k][i] - mean) / std;
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed + 7919L * channel);
        return switch (kind) {
            case AUTOENCODER -> new AutoencoderModel(autoencoder(x, rnd), mean, std);
            case CNN -> new BlindSpotModel(blindSpot(x, rnd), mean, std);
            case LSTM -> {
                double[][] reversed = new double[x.length][];
                for (int k = 0; k < x.length; k++) {
                    reversed[k] = reverse(x[k], 0, x[k].length);
                }
                Lstm forward = train(x, rnd);
                yield new LstmModel(forward, train(reversed, rnd), mean, std);
            }
        };
    }

    private static final WindowMethod IDENTITY = new WindowMethod() {
        @Override
        public int reach() {
            return 0;
        }

        @Override
        public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            System.arraycopy(buf, (int) (outStart - bufStart), out, 0, outLength);
        }
    };

    /** A window start drawn uniformly from the positions where {@code length} samples fit in one stretch: {stretch, offset}. */
    private static int[] draw(double[][] x, int length, SplittableRandom rnd) {
        int positions = 0;
        for (double[] s : x) {
            positions += Math.max(0, s.length - length + 1);
        }
        int r = rnd.nextInt(positions);
        for (int k = 0; ; k++) {
            int here = Math.max(0, x[k].length - length + 1);
            if (r < here) {
                return new int[] {k, r};
            }
            r -= here;
        }
    }

    private static double[] reverse(double[] x, int from, int to) {
        double[] r = new double[to - from];
        for (int i = from; i < to; i++) {
            r[to - 1 - i] = x[i];
        }
        return r;
    }

    /** The z-scored part of the channel a window method is given: buf[from - bufStart, to - bufStart). */
    private static double[] normalised(double[] buf, long bufStart, long from, long to, double mean, double std) {
        double[] x = new double[(int) (to - from)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (buf[(int) (from - bufStart) + i] - mean) / std;
        }
        return x;
    }

    private Mlp autoencoder(double[][] x, SplittableRandom rnd) {
        int[] sizes = new int[2 * hidden.length + 3];
        sizes[0] = WINDOW;
        for (int k = 0; k < hidden.length; k++) {
            sizes[1 + k] = hidden[k];
            sizes[sizes.length - 2 - k] = hidden[k];
        }
        sizes[hidden.length + 1] = 4;
        sizes[sizes.length - 1] = WINDOW;
        Mlp net = new Mlp(sizes, rnd, 1e-3);
        for (int e = 0; e < epochs; e++) {
            io.vitalstream.dsp.Cancellation.check();
            for (int b = 0; b < 512 / 32; b++) {
                for (int k = 0; k < 32; k++) {
                    int[] at = draw(x, WINDOW, rnd);
                    net.forward(x[at[0]], at[1]);
                    net.backward(x[at[0]], at[1]);
                }
                net.step(32);
            }
        }
        return net;
    }

    /**
     * Windows of 32 at every multiple of 8 before n - 32, and at n - 32; each sample the mean
     * of the reconstructions of the windows that cover it, taken in order of their starts.
     */
    private record AutoencoderModel(Mlp net, double mean, double std) implements WindowMethod {

        @Override
        public int reach() {
            return WINDOW;
        }

        @Override
        public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            long from = Math.max(0, outStart - WINDOW + 1);
            long to = Math.min(n, outStart + outLength + WINDOW - 1);
            double[] x = normalised(buf, bufStart, from, to, mean, std);
            double[] sum = new double[outLength];
            double[] count = new double[outLength];
            long last = n - WINDOW;
            for (long s = (from + WINDOW / 4 - 1) / (WINDOW / 4) * (WINDOW / 4); ; s += WINDOW / 4) {
                long start = Math.min(s, last);
                if (start >= outStart + outLength) {
                    break;
                }
                double[] r = net.forward(x, (int) (start - from));
                for (int k = 0; k < WINDOW; k++) {
                    long i = start + k - outStart;
                    if (i >= 0 && i < outLength) {
                        sum[(int) i] += r[k];
                        count[(int) i]++;
                    }
                }
                if (start == last) {
                    break;
                }
            }
            for (int i = 0; i < outLength; i++) {
                out[i] = sum[i] / count[i] * std + mean;
            }
        }
    }

    /** Context of sample i of x (global index i, x holding [from, ...)): its 16 neighbours each side, reflected at 0 and n - 1. */
    private static void context(double[] x, long from, long n, long i, double[] into) {
        int h = WINDOW / 2;
        for (int k = 1; k <= h; k++) {
            long l = i - k;
            long r = i + k;
            into[h - k] = x[(int) ((l < 0 ? -l : l) - from)];
            into[h + k - 1] = x[(int) ((r >= n ? 2 * n - 2 - r : r) - from)];
        }
    }

    private Mlp blindSpot(double[][] x, SplittableRandom rnd) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = WINDOW;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        Mlp net = new Mlp(sizes, rnd, 1e-3);
        double[] ctx = new double[WINDOW];
        double[] target = new double[1];
        for (int e = 0; e < epochs; e++) {
            io.vitalstream.dsp.Cancellation.check();
            for (int b = 0; b < 512 / 32; b++) {
                for (int k = 0; k < 32; k++) {
                    int[] at = draw(x, 1, rnd);
                    double[] stretch = x[at[0]];
                    context(stretch, 0, stretch.length, at[1], ctx);
                    target[0] = stretch[at[1]];
                    net.forward(ctx, 0);
                    net.backward(target, 0);
                }
                net.step(32);
            }
        }
        return net;
    }

    /** Each sample predicted from its context alone. */
    private record BlindSpotModel(Mlp net, double mean, double std) implements WindowMethod {

        @Override
        public int reach() {
            return WINDOW / 2;
        }

        @Override
        public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            long from = Math.max(0, outStart - WINDOW / 2);
            long to = Math.min(n, outStart + outLength + WINDOW / 2);
            double[] x = normalised(buf, bufStart, from, to, mean, std);
            double[] ctx = new double[WINDOW];
            for (int i = 0; i < outLength; i++) {
                context(x, from, n, outStart + i, ctx);
                out[i] = net.forward(ctx, 0)[0] * std + mean;
            }
        }
    }

    private Lstm train(double[][] x, SplittableRandom rnd) {
        Lstm net = new Lstm(Math.min(32, hidden[0]), rnd, 3e-3);
        int steps = WINDOW;
        for (int e = 0; e < epochs; e++) {
            io.vitalstream.dsp.Cancellation.check();
            for (int b = 0; b < 64 / 8; b++) {
                for (int k = 0; k < 8; k++) {
                    int[] at = draw(x, steps + 1, rnd);
                    net.train(x[at[0]], at[1], steps, steps / 4);
                }
                net.step(8);
            }
        }
        return net;
    }

    /**
     * Forward: windows of 32 steps at every multiple of 24 before n - 33, and at n - 33, each
     * predicting samples start + 9 .. start + 32 (the first 8 steps warm the state), the later
     * window winning; backward the same on the reversed channel; the two averaged (either
     * alone where the other has no prediction).
     */
    private record LstmModel(Lstm forward, Lstm backward, double mean, double std) implements WindowMethod {
        private static final int STEPS = WINDOW;
        private static final int WARM = STEPS / 4;

        @Override
        public int reach() {
            return STEPS + 1;
        }

        @Override
        public void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            long from = Math.max(0, outStart - STEPS - 1);
            long to = Math.min(n, outStart + outLength + STEPS + 1);
            double[] x = normalised(buf, bufStart, from, to, mean, std);
            double[] fwd = predict(forward, x, from, n, outStart, outLength);
            // the reversed channel: index j = n - 1 - i
            double[] rx = reverse(x, 0, x.length);
            long rFrom = n - to;
            double[] bwd = predict(backward, rx, rFrom, n, n - outStart - outLength, outLength);
            for (int i = 0; i < outLength; i++) {
                double f = fwd[i];
                double b = bwd[outLength - 1 - i];
                double y = Double.isNaN(f) ? b : Double.isNaN(b) ? f : 0.5 * (f + b);
                out[i] = y * std + mean;
            }
        }

        /** Predictions of samples [outStart, outStart + outLength) of a channel of n samples, x holding [from, ...). */
        private static double[] predict(Lstm net, double[] x, long from, long n, long outStart, int outLength) {
            double[] y = new double[outLength];
            java.util.Arrays.fill(y, Double.NaN);
            long last = n - 1 - STEPS;
            long step = STEPS - WARM;
            long first = Math.max(0, outStart - STEPS);
            for (long s = (first + step - 1) / step * step; ; s += step) {
                long start = Math.min(s, last);
                if (start + WARM + 1 >= outStart + outLength) {
                    break;
                }
                double[] p = net.predict(x, (int) (start - from), STEPS);
                for (int t = WARM; t < STEPS; t++) {
                    long i = start + t + 1 - outStart;
                    if (i >= 0 && i < outLength) {
                        y[(int) i] = p[t];
                    }
                }
                if (start == last) {
                    break;
                }
            }
            return y;
        }
    }

    /**
     * Training (epochs x windows x the network's weights, forward and backward) and the pass
     * over every window of the signal, per channel. The LSTM runs 32 steps a window, both ways.
     */
    @Override
    public double work(int channels, long samples) {
        double weights = 0;
        int previous = WINDOW;
        for (int h : hidden) {
            weights += (double) previous * h;
            previous = h;
        }
        weights = 2 * (weights + previous * 4.0);
        double windows = kind == Kind.LSTM ? 64 : 512;
        double perWindow = 6 * weights;
        if (kind == Kind.LSTM) {
            int h = Math.min(32, hidden[0]);
            perWindow = 2 * WINDOW * 8.0 * h * (h + 1) * 3;
        }
        double inference = samples / (kind == Kind.LSTM ? 1.0 : WINDOW / 4.0) * perWindow / 3;
        return channels * (epochs * windows * perWindow + inference);
    }
}
