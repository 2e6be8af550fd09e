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
        double[][] out = new double[channels.length][n];
        TimeParallelIir.zeroPhase(sos, new ChannelArrays(channels), new ChannelArrays(out), TimeParallelIir.planFor(n, channels.length), threads,
                TimeParallelIir.Progress.NONE);
        return out;
    }

    static void requireLength(Sos sos, long n) {
        int pad = sos.defaultPadLength();
        if (n <= pad) {
            throw new InvalidParameterException("signal_data",
                    "zero-phase filtering with this filter needs more than " + pad + " samples per channel, got " + n
                            + "; send a longer signal or set zero_phase to false");
        }
    }

    /**
     * The reference: scipy's sosfiltfilt on one channel, literally (the odd extension built,
     * filtered forward then backward by the sample-by-sample recurrence, the padding cut off),
     * which the time-parallel form is tested against.
     */
    public static double[] sequential(Sos sos, double[] x) {
        int n = x.length;
        requireLength(sos, n);
        int pad = sos.defaultPadLength();
        double[] ext = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * x[0] - x[pad - i];
            ext[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, pad, n);
        double[] flat = sos.flat();
        double[] zi = SosFilter.steadyState(sos);
        double[] state = new double[zi.length];
        for (int j = 0; j < zi.length; j++) {
            state[j] = zi[j] * ext[0];
        }
        SosKernel.forward(flat, state, ext, 0, ext, 0, ext.length, 1);
        for (int j = 0; j < zi.length; j++) {
            state[j] = zi[j] * ext[ext.length - 1];
        }
        SosKernel.backward(flat, state, ext, 0, ext, 0, ext.length, 1);
        return java.util.Arrays.copyOfRange(ext, pad, pad + n);
    }
}
