package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.io.SignalSource;

/** Window stages as the out-of-core engine runs them, for a part of a split job (cluster mode). */
public final class RangeStages {

    private RangeStages() {
    }

    /** Whether a stage may be cut into frame ranges run in any process with the same bits (window filters; not FIR, see OutOfCore). */
    public static boolean byRanges(FilterSpec spec) {
        return OutOfCore.byRanges(spec);
    }

    /** Output frames [from, to) of a FIR or window stage into out, the bits of the whole run. */
    public static void range(FilterSpec spec, SignalSource in, long from, long to, int chunkFrames, FrameWriter out) {
        OutOfCore.range(spec, in, from, to, chunkFrames, out);
    }
}
