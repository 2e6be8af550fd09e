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
                yield byRanges(channels, (x, start, count, y) -> oa.applyRange(
                        (s, cnt, dest) -> System.arraycopy(x, (int) s, dest, 0, cnt), x.length, start, count, delay, y));
            }
            case FilterSpec.WindowFilter wf -> byRanges(channels, (x, start, count, y) -> wf.applyRange(x, 0, x.length, start, count, y));
            case FilterSpec.Causal c -> guarded(c.name(), () -> causal(c.method(), channels));
            case FilterSpec.Whole w -> applyWhole(w, channels);
        };
    }

    /** A whole-signal method; what it cannot do with this signal (too short, one channel...) is the request's fault. */
    public static double[][] applyWhole(FilterSpec.Whole w, double[][] channels) {
        return guarded(w.name(), () -> w.method().apply(channels));
    }

    /** A trained method's model for one channel, guarded as {@link #applyWhole}. */
    public static WindowMethod train(String name, TrainedMethod method, int channel, double[][] stretches) {
        return guarded(name, () -> method.train(channel, stretches));
    }

    /** A fitted method's fit on a sample, guarded as {@link #applyWhole}. */
    public static FittedMethod.Fit fit(String name, FittedMethod method, double[][] sample) {
        return guarded(name, () -> method.fit(sample));
    }

    private static <T> T guarded(String name, java.util.function.Supplier<T> run) {
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
        ChannelArrays.toFrames(channels, data);
        method.start(ch).process(data, 0, n, ch);
        return ChannelArrays.fromFrames(data, n, ch);
    }

    /** One channel's output window [start, start + count) into y[0..count), from the whole channel x. */
    @FunctionalInterface
    private interface RangeFilter {
        void apply(double[] x, long start, int count, double[] y);
    }

    /** Below this many samples a channel is not cut in time (a second thread costs more than it saves). */
    static final int MIN_PART = 1 << 16;

    /**
     * A window filter or FIR on the machine's cores: every channel cut into as many time
     * ranges as there are threads (when long enough), each computed alone. Each of these
     * filters computes any output window exactly as the whole (fixed overlap-add blocks, a
     * window's halo), so the bits do not depend on the cut.
     */
    private static double[][] byRanges(double[][] channels, RangeFilter f) {
        int n = channels[0].length;
        Parallelism threads = Parallelism.cores(io.vitalstream.kernels.SosKernel.threads());
        int parts = (int) Math.max(1, Math.min((long) threads.threads(), n / MIN_PART));
        if (channels.length >= threads.threads()) {
            parts = 1;
        }
        int perChannel = parts;
        double[][] out = new double[channels.length][n];
        threads.forEach(channels.length * perChannel, (worker, task) -> {
            int c = task / perChannel;
            int p = task % perChannel;
            int start = (int) ((long) n * p / perChannel);
            int end = (int) ((long) n * (p + 1) / perChannel);
            if (perChannel == 1) {
                f.apply(channels[c], 0, n, out[c]);
            } else {
                double[] y = new double[end - start];
                f.apply(channels[c], start, end - start, y);
                System.arraycopy(y, 0, out[c], start, end - start);
            }
        });
        return out;
    }
}
