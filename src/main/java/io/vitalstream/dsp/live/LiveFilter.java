package io.vitalstream.dsp.live;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.Hampel;
import io.vitalstream.error.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;

/**
 * A filter chain run on a signal while it is recorded (SPEC section 4b): blocks of
 * interleaved frames in, the same number of filtered frames out, every stage's state carried
 * from block to block, so the concatenated output is the same whatever the blocks. Only causal
 * stages run live: IIR and FIR with zero_phase false, the stateful causal methods, and the
 * Hampel identifier with a declared latency of half its window; anything else is refused with
 * the reason and what to use instead.
 */
public final class LiveFilter {

    private final List<LiveStage> stages;
    private final int channels;

    private LiveFilter(List<LiveStage> stages, int channels) {
        this.stages = stages;
        this.channels = channels;
    }

    /** The live form of a designed chain; 400 naming the stage that cannot run live. */
    public static LiveFilter of(List<FilterSpec> chain, int channels) {
        List<LiveStage> stages = new ArrayList<>();
        for (FilterSpec spec : chain) {
            stages.add(stage(spec, channels));
        }
        return new LiveFilter(stages, channels);
    }

    private static LiveStage stage(FilterSpec spec, int channels) {
        return switch (spec) {
            case FilterSpec.Iir iir when iir.zeroPhase() -> throw zeroPhase();
            case FilterSpec.Iir iir -> new IirStage(iir.sos(), channels);
            case FilterSpec.Fir fir when fir.zeroPhase() -> throw zeroPhase();
            case FilterSpec.Fir fir -> new FirStage(fir.taps(), channels);
            case FilterSpec.Causal c -> {
                try {
                    yield new CausalStage(c.method(), channels);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("filter_params", c.name() + ": " + e.getMessage());
                }
            }
            case FilterSpec.Windowed w when w.method() instanceof Hampel -> new HampelStage(w.method(), channels);
            case FilterSpec.WindowFilter w -> throw new InvalidParameterException("filter_params", name(w)
                    + " is centred: each output needs samples after it, so it cannot run live; use the spike method (Hampel, "
                    + "latency half its window) or a causal IIR/FIR low-pass with zero_phase false");
            case FilterSpec.Whole w -> throw new InvalidParameterException("filter_params", w.name()
                    + " needs the whole signal at once, so it cannot run live; submit the recording as a job, or stream a causal "
                    + "filter (IIR or FIR with zero_phase false, kalman, lms, nlms, rls, spike)");
        };
    }

    private static InvalidParameterException zeroPhase() {
        return new InvalidParameterException("zero_phase", "zero_phase: true filters forwards and then backwards from the end of "
                + "the signal, which a live stream never reaches; set zero_phase to false for the causal filter (the same filter applied once: its "
                + "own magnitude response, with phase delay), or submit the finished recording as a job");
    }

    private static String name(FilterSpec.WindowFilter w) {
        return switch (w) {
            case FilterSpec.SavitzkyGolay s -> "savgol";
            case FilterSpec.MovingAverage m -> "moving_average";
            case FilterSpec.Median m -> "median";
            case FilterSpec.Gaussian g -> "gaussian";
            case FilterSpec.Windowed x -> x.name();
        };
    }

    /** Filters count interleaved frames of data in place. */
    public void process(double[] data, int count) {
        for (LiveStage s : stages) {
            s.process(data, count);
        }
    }

    public void reset() {
        stages.forEach(LiveStage::reset);
    }

    /** Samples by which the output lags the causal result (the sum of the stages'). */
    public int latency() {
        return stages.stream().mapToInt(LiveStage::latency).sum();
    }

    public int channels() {
        return channels;
    }

}
