package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.kernels.SosKernel;

/**
 * Forward-backward filtering, scipy.signal.sosfiltfilt with padtype='odd' and the default
 * padlen: the signal is extended at both ends by its odd reflection about the end sample,
 * filtered forward from the Gustafsson-style steady state (sosfilt_zi scaled by the first
 * extended sample), then backward from the steady state scaled by the last forward output,
 * and the padding cut off. Zero phase, squared magnitude.
 * <p>
 * Applied time-parallel ({@link TimeParallelIir}): the same routine that filters files out of
 * core, so memory and file give the same bits by construction.
 */
public final class ZeroPhase {

    private ZeroPhase() {
    }

    /** The length a signal must exceed: scipy raises when len(x) <= padlen. */
    public static int minimumLength(Sos sos) {
        return sos.defaultPadLength() + 1;
    }

    public static double[] filter(Sos sos, double[] x) {
        return filter(sos, new double[][] {x})[0];
    }

    public static double[][] filter(Sos sos, double[][] channels) {
        return filter(sos, channels, Parallelism.cores(SosKernel.threads()));
    }

    public static double[][] filter(Sos sos, double[][] channels, Parallelism threads) {
        int n = channels[0].length;
        requireLength(sos, n);
        ChannelArrays out = ChannelArrays.allocating(channels.length, n);
        TimeParallelIir.zeroPhase(sos, new ChannelArrays(channels), out, TimeParallelIir.planFor(n, channels.length), threads,
                TimeParallelIir.Progress.NONE);
        return out.arrays();
    }

    static void requireLength(Sos sos, long n) {
        int pad = sos.defaultPadLength();
        if (n <= pad) {
            throw new InvalidParameterException("signal_data",
                    "zero-phase filtering with this filter needs more than " + pad + " samples per channel, got " + n
                            + "; send a longer signal or set zero_phase to false");
        }
    }
}
