package io.vitalstream.pipeline;

import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.dsp.TimeParallelIir;

import java.util.function.IntConsumer;

/**
 * Cluster mode: where the work of one stage may go besides this process. IIR stages hand over
 * the time-parallel engine's sweeps ({@link TimeParallelIir.Spread}); window filters, whose
 * every output chunk is computed from its own input range with a halo (the same bits however the
 * frames are cut and wherever they run), hand over ranges of output frames.
 */
public interface JobSpread extends TimeParallelIir.Spread {

    /** The stage's output, told before its work is handed out (parts elsewhere may write into its file directly). */
    default void writesTo(io.vitalstream.io.SignalSink sink) {
    }

    /** Computes output frames [from, to) into a writer. */
    @FunctionalInterface
    interface RangeTask {
        void run(long from, long to, FrameWriter out);
    }

    /**
     * Output frames [0, frames) into out, in parts of whole chunks of {@code chunkFrames}, each
     * computed here by {@code local} or elsewhere the same way; {@code chunksDone} told how many
     * chunks each finished part held.
     */
    void ranges(long frames, int channels, int chunkFrames, RangeTask local, FrameWriter out, IntConsumer chunksDone);
}
