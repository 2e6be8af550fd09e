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
 * The channels run side by side in vector lanes, a block of frames at a time through a small
 * reused buffer: the forward pass keeps only the state at each block's start; the backward
 * pass takes the blocks last to first, recomputes each block's forward output from its
 * checkpoint and filters it backwards. Nothing the size of the signal is allocated besides
 * the result, and the arithmetic is the out-of-core pipeline's, so both give the same bits.
 */
public final class ZeroPhase {

    /** Frames per block: the block of every channel stays in the core's caches. */
    static final int BLOCK = 4096;

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
        return Split.byChannels(channels, part -> filterTogether(sos, part));
    }

    private static double[][] filterTogether(Sos sos, double[][] channels) {
        int n = channels[0].length;
        int pad = sos.defaultPadLength();
        if (n <= pad) {
            throw new InvalidParameterException("signal_data",
                    "zero-phase filtering with this filter needs more than " + pad + " samples per channel, got " + n
                            + "; send a longer signal or set zero_phase to false");
        }
        int ch = channels.length;
        if (ch <= SosKernel.SCALAR_MAX_CHANNELS) {
            double[][] out = new double[ch][];
            for (int c = 0; c < ch; c++) {
                out[c] = single(sos, channels[c], pad);
            }
            return out;
        }
        int frame = SosKernel.frameFor(ch);
        double[] flat = sos.flat();
        double[] zi = SosFilter.steadyState(sos);
        double[][] out = new double[ch][n];

        // head of the odd extension: 2 x[0] - x[pad - i], i = 0 .. pad-1
        double[] ext = new double[pad * frame];
        for (int c = 0; c < ch; c++) {
            double[] x = channels[c];
            for (int i = 0; i < pad; i++) {
                ext[i * frame + c] = 2 * x[0] - x[pad - i];
            }
        }
        double[] state = scaledState(zi, ext, 0, frame);
        SosKernel.run(flat, state, ext, 0, pad, frame, ch, false);

        int blocks = (n + BLOCK - 1) / BLOCK;
        double[][] checkpoints = new double[blocks][];
        double[] buf = new double[Math.min(BLOCK, n) * frame];
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK;
            int count = Math.min(BLOCK, n - start);
            Interleave.pack(channels, start, count, buf, frame);
            checkpoints[b] = state.clone();
            SosKernel.run(flat, state, buf, 0, count, frame, ch, false);
        }
        // tail of the odd extension: 2 x[n-1] - x[n-2-i], i = 0 .. pad-1
        for (int c = 0; c < ch; c++) {
            double[] x = channels[c];
            for (int i = 0; i < pad; i++) {
                ext[i * frame + c] = 2 * x[n - 1] - x[n - 2 - i];
            }
        }
        SosKernel.run(flat, state, ext, 0, pad, frame, ch, false);
        double[] back = scaledState(zi, ext, pad - 1, frame);
        SosKernel.run(flat, back, ext, 0, pad, frame, ch, true);

        for (int b = blocks - 1; b >= 0; b--) {
            int start = b * BLOCK;
            int count = Math.min(BLOCK, n - start);
            Interleave.pack(channels, start, count, buf, frame);
            SosKernel.run(flat, checkpoints[b], buf, 0, count, frame, ch, false);
            SosKernel.run(flat, back, buf, 0, count, frame, ch, true);
            Interleave.unpack(buf, count, frame, out, start);
        }
        return out;
    }

    /**
     * One channel on the scalar path: the odd extension built once, then one forward and one
     * backward pass over it in place (two passes, not three: a single channel's extended copy
     * is small next to its transposes). Same operations per sample, same bits as the blocks.
     */
    private static double[] single(Sos sos, double[] x, int pad) {
        int n = x.length;
        double[] ext = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * x[0] - x[pad - i];
            ext[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, pad, n);
        double[] flat = sos.flat();
        double[] zi = SosFilter.steadyState(sos);
        double[] state = scaledState(zi, ext, 0, 1);
        SosKernel.run(flat, state, ext, 0, ext.length, 1, 1, false);
        state = scaledState(zi, ext, ext.length - 1, 1);
        SosKernel.run(flat, state, ext, 0, ext.length, 1, 1, true);
        return java.util.Arrays.copyOfRange(ext, pad, pad + n);
    }

    /** zi laid out [section][2][frame], each lane's copy scaled by that lane's sample at frame t. */
    static double[] scaledState(double[] zi, double[] data, int t, int frame) {
        double[] state = new double[zi.length * frame];
        for (int k = 0; k < zi.length; k++) {
            for (int lane = 0; lane < frame; lane++) {
                state[k * frame + lane] = zi[k] * data[t * frame + lane];
            }
        }
        return state;
    }
}
