package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;

/** Applies a {@link FilterSpec} to channel-major signals, each channel independently. */
public final class Filtering {

    private Filtering() {
    }

    public static double[][] apply(FilterSpec spec, double[][] channels) {
        if (channels.length == 0 || channels[0].length == 0) {
            throw new InvalidParameterException("signal_data", "signal_data has no samples");
        }
        return switch (spec) {
            case FilterSpec.Iir iir -> iir.zeroPhase()
                    ? ZeroPhase.filter(iir.sos(), channels)
                    : SosFilter.filter(iir.sos(), channels);
            case FilterSpec.Fir fir -> {
                OverlapAdd oa = new OverlapAdd(fir.taps());
                int delay = fir.zeroPhase() ? (fir.taps().length - 1) / 2 : 0;
                yield perChannel(channels, x -> oa.apply(x, delay));
            }
            case FilterSpec.SavitzkyGolay sg -> perChannel(channels, x -> Smoothing.savitzkyGolay(x, sg.window(), sg.polyorder()));
            case FilterSpec.MovingAverage ma -> perChannel(channels, x -> Smoothing.movingAverage(x, ma.window()));
            case FilterSpec.Median md -> perChannel(channels, x -> MedianFilter.apply(x, md.window()));
            case FilterSpec.Gaussian g -> perChannel(channels, x -> Smoothing.gaussian(x, g.sigma()));
            case FilterSpec.Causal c -> guarded(c.name(), () -> causal(c.method(), channels));
            case FilterSpec.Windowed w -> perChannel(channels, x -> {
                double[] y = new double[x.length];
                w.method().apply(x, 0, x.length, 0, x.length, y);
                return y;
            });
            case FilterSpec.Whole w -> applyWhole(w, channels);
        };
    }

    /** A whole-signal method; what it cannot do with this signal (too short, one channel...) is the request's fault. */
    public static double[][] applyWhole(FilterSpec.Whole w, double[][] channels) {
        return guarded(w.name(), () -> w.method().apply(channels));
    }

    private static double[][] guarded(String name, java.util.function.Supplier<double[][]> run) {
        try {
            return run.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("filter_params", name + ": " + e.getMessage());
        }
    }

    /** All channels interleaved, one pass (so methods coupling channels, like a reference channel, see them together). */
    private static double[][] causal(CausalMethod method, double[][] channels) {
        int ch = channels.length;
        int n = channels[0].length;
        double[] data = new double[n * ch];
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < n; i++) {
                data[i * ch + c] = channels[c][i];
            }
        }
        method.start(ch).process(data, 0, n, ch);
        double[][] out = new double[ch][n];
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] = data[i * ch + c];
            }
        }
        return out;
    }

    private static double[][] perChannel(double[][] channels, java.util.function.UnaryOperator<double[]> f) {
        double[][] out = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = f.apply(channels[c]);
        }
        return out;
    }
}
