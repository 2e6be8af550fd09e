package io.vitalstream.dsp;

/**
 * How much computing a filter asks for, estimated before any of it is done (in floating-point
 * operations, within a small factor), so that a request can be refused with a clear limit
 * instead of keeping a core busy for hours: window filters cost their window per sample,
 * trained and iterative methods their epochs or iterations, ensembles the sum of their members
 * over every round.
 */
public final class Work {

    /** Implemented by methods whose cost is not a fixed amount per sample. */
    public interface Costed {
        /** Operations to filter {@code samples} frames of {@code channels} channels. */
        double work(int channels, long samples);
    }

    private Work() {
    }

    public static double estimate(FilterSpec spec, int channels, long samples) {
        double cells = (double) channels * samples;
        return switch (spec) {
            case FilterSpec.Iir iir -> cells * iir.sos().count() * (iir.zeroPhase() ? 16 : 8);
            case FilterSpec.Fir fir -> cells * 10 * (32 - Integer.numberOfLeadingZeros(Math.max(64, 8 * fir.taps().length)));
            case FilterSpec.SavitzkyGolay sg -> cells * 2 * sg.window();
            case FilterSpec.MovingAverage ma -> cells * 2 * ma.window();
            case FilterSpec.Median md -> cells * (md.window() <= 5 ? 8 : 2 * md.window());
            case FilterSpec.Gaussian g -> cells * 2 * (2 * Smoothing.gaussianRadius(g.sigma()) + 1);
            case FilterSpec.Causal c -> c.method() instanceof Costed k ? k.work(channels, samples) : cells * 20;
            case FilterSpec.Windowed w -> w.method() instanceof Costed k ? k.work(channels, samples) : cells * 4 * (w.method().reach() + 1);
            case FilterSpec.Whole w -> w.method() instanceof Costed k ? k.work(channels, samples) : cells * 100;
        };
    }

    /**
     * Refuses (413) a chain whose estimate exceeds {@code limit}, naming the estimate, the
     * limit and the setting that raises it, before any of the work is done.
     */
    public static void require(java.util.List<FilterSpec> stages, int channels, long samples, double limit) {
        double work = estimate(stages, channels, samples);
        if (work > limit) {
            throw new io.vitalstream.error.TooLargeException(String.format(java.util.Locale.ROOT,
                    "this filter would take about %.1e operations on %d channel(s) of %d samples, over the limit of %.1e "
                            + "(vitalstream.max-work); use fewer epochs, iterations, ensemble members or a smaller window, "
                            + "or filter a shorter signal", work, channels, samples, limit));
        }
    }

    /** The sum over a chain's stages. */
    public static double estimate(java.util.List<FilterSpec> stages, int channels, long samples) {
        double total = 0;
        for (FilterSpec s : stages) {
            total += estimate(s, channels, samples);
        }
        return total;
    }
}
