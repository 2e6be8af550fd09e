package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;

/**
 * Forward-backward filtering, scipy.signal.sosfiltfilt with padtype='odd' and the default
 * padlen: the signal is extended at both ends by its odd reflection about the end sample,
 * filtered forward from the Gustafsson-style steady state (sosfilt_zi scaled by the first
 * extended sample), then backward from the steady state scaled by the last forward output,
 * and the padding cut off. Zero phase, squared magnitude.
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

    /** sosfiltfilt on each channel, the channels running side by side in vector lanes. */
    public static double[][] filter(Sos sos, double[][] channels) {
        int n = channels[0].length;
        int pad = sos.defaultPadLength();
        if (n <= pad) {
            throw new InvalidParameterException("signal_data",
                    "zero-phase filtering with this filter needs more than " + pad + " samples per channel, got " + n
                            + "; send a longer signal or set zero_phase to false");
        }
        int frame = SosKernel.frameFor(channels.length);
        double[] data = Interleave.pack(channels, 0, n, frame, pad, pad);
        for (int c = 0; c < channels.length; c++) {
            oddExtend(data, c, frame, n, pad);
        }
        double[] sosFlat = sos.flat();
        double[] zi = SosFilter.steadyState(sos);
        int total = n + 2 * pad;

        double[] state = scaledState(zi, data, 0, frame);
        SosKernel.run(sosFlat, state, data, 0, total, frame, channels.length, false);
        state = scaledState(zi, data, total - 1, frame);
        SosKernel.run(sosFlat, state, data, 0, total, frame, channels.length, true);
        return Interleave.unpack(data, channels.length, n, frame, pad);
    }

    /** 2 x[0] - x[pad..1] before, 2 x[n-1] - x[n-2..n-1-pad] after (scipy's odd_ext). */
    private static void oddExtend(double[] data, int lane, int frame, int n, int pad) {
        int first = pad * frame + lane;
        int last = (pad + n - 1) * frame + lane;
        double x0 = data[first];
        double xn = data[last];
        for (int i = 1; i <= pad; i++) {
            data[first - i * frame] = 2 * x0 - data[first + i * frame];
            data[last + i * frame] = 2 * xn - data[last - i * frame];
        }
    }

    /** zi laid out [section][2][frame], each lane's copy scaled by that lane's sample at frame t. */
    private static double[] scaledState(double[] zi, double[] data, int t, int frame) {
        double[] state = new double[zi.length * frame];
        for (int k = 0; k < zi.length; k++) {
            for (int lane = 0; lane < frame; lane++) {
                state[k * frame + lane] = zi[k] * data[t * frame + lane];
            }
        }
        return state;
    }
}
