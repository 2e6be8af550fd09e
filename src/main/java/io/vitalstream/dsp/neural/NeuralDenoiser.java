package io.vitalstream.dsp.neural;

import io.vitalstream.dsp.WholeSignalMethod;

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
public final class NeuralDenoiser implements WholeSignalMethod, io.vitalstream.dsp.Work.Costed {

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
            out[c] = channel(channels[c], new SplittableRandom(seed + 7919L * c));
        }
        return out;
    }

    private double[] channel(double[] raw, SplittableRandom rnd) {
        int n = raw.length;
        if (n < 4 * WINDOW) {
            throw new IllegalArgumentException("the neural filters need at least " + 4 * WINDOW + " samples per channel, got " + n);
        }
        double mean = 0;
        for (double v : raw) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : raw) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        if (std == 0) {
            return raw.clone();
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (raw[i] - mean) / std;
        }
        double[] y = switch (kind) {
            case AUTOENCODER -> autoencoder(x, rnd);
            case CNN -> blindSpot(x, rnd);
            case LSTM -> lstm(x, rnd);
        };
        for (int i = 0; i < n; i++) {
            y[i] = y[i] * std + mean;
        }
        return y;
    }

    private double[] autoencoder(double[] x, SplittableRandom rnd) {
        int n = x.length;
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
                    int s = rnd.nextInt(n - WINDOW + 1);
                    net.forward(x, s);
                    net.backward(x, s);
                }
                net.step(32);
            }
        }
        double[] sum = new double[n];
        double[] count = new double[n];
        int stride = WINDOW / 4;
        for (int s = 0; ; s += stride) {
            int start = Math.min(s, n - WINDOW);
            double[] r = net.forward(x, start);
            for (int k = 0; k < WINDOW; k++) {
                sum[start + k] += r[k];
                count[start + k]++;
            }
            if (start == n - WINDOW) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            sum[i] /= count[i];
        }
        return sum;
    }

    /** Context of sample i: its 16 neighbours on each side (reflected at the ends), not itself. */
    private static void context(double[] x, int i, double[] into) {
        int h = WINDOW / 2;
        int n = x.length;
        for (int k = 1; k <= h; k++) {
            int l = i - k;
            int r = i + k;
            into[h - k] = x[l < 0 ? -l : l];
            into[h + k - 1] = x[r >= n ? 2 * n - 2 - r : r];
        }
    }

    private double[] blindSpot(double[] x, SplittableRandom rnd) {
        int n = x.length;
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
                    int i = rnd.nextInt(n);
                    context(x, i, ctx);
                    target[0] = x[i];
                    net.forward(ctx, 0);
                    net.backward(target, 0);
                }
                net.step(32);
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            context(x, i, ctx);
            y[i] = net.forward(ctx, 0)[0];
        }
        return y;
    }

    private double[] lstm(double[] x, SplittableRandom rnd) {
        int n = x.length;
        int h = Math.min(32, hidden[0]);
        double[] reversed = new double[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = x[n - 1 - i];
        }
        double[] fwd = lstmPredict(x, train(x, h, rnd));
        double[] bwd = lstmPredict(reversed, train(reversed, h, rnd));
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double f = fwd[i];
            double b = bwd[n - 1 - i];
            y[i] = Double.isNaN(f) ? b : Double.isNaN(b) ? f : 0.5 * (f + b);
        }
        return y;
    }

    private Lstm train(double[] x, int h, SplittableRandom rnd) {
        Lstm net = new Lstm(h, rnd, 3e-3);
        int steps = WINDOW;
        for (int e = 0; e < epochs; e++) {
            io.vitalstream.dsp.Cancellation.check();
            for (int b = 0; b < 64 / 8; b++) {
                for (int k = 0; k < 8; k++) {
                    net.train(x, rnd.nextInt(x.length - steps), steps, steps / 4);
                }
                net.step(8);
            }
        }
        return net;
    }

    /** Prediction of each sample from the ones before it (NaN where no warm window reaches). */
    private static double[] lstmPredict(double[] x, Lstm net) {
        int n = x.length;
        int steps = WINDOW;
        int warm = steps / 4;
        double[] y = new double[n];
        java.util.Arrays.fill(y, Double.NaN);
        for (int s = 0; ; s += steps - warm) {
            int start = Math.min(s, n - 1 - steps);
            double[] p = net.predict(x, start, steps);
            for (int t = warm; t < steps; t++) {
                y[start + t + 1] = p[t];
            }
            if (start == n - 1 - steps) {
                break;
            }
        }
        return y;
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
