package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.io.SignalSource;

/** FIR and window stages as the out-of-core engine runs them, for a part of a split job (cluster mode). */
public final class RangeStages {

    private RangeStages() {
    }

    /** Whether a stage is computed chunk by chunk from input ranges with a halo (and so may be cut anywhere). */
    public static boolean byRanges(FilterSpec spec) {
        return OutOfCore.byRanges(spec);
    }

    /** Output frames [from, to) of a FIR or window stage into out, the bits of the whole run. */
    public static void range(FilterSpec spec, SignalSource in, long from, long to, int chunkFrames, FrameWriter out) {
        OutOfCore.range(spec, in, from, to, chunkFrames, out);
    }
}
