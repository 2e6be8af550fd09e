package io.vitalstream.dsp;

import io.vitalstream.kernels.SosKernel;

/**
 * The sequential IIR algorithm over a signal in blocks, one algorithm for memory and files:
 * sosfilt carrying the state from block to block, or sosfiltfilt (padtype 'odd', the default
 * padlen) where the forward pass keeps only each block's starting state and the backward pass
 * takes the blocks last to first, recomputes each block's forward output from its checkpoint
 * (the same arithmetic, so the same bits as one pass over the whole signal) and filters it
 * backwards from scipy's steady-state start. The in-memory engine runs it over array blocks
 * ({@link TimeParallelIir}, signals of one segment), the out-of-core pipeline over file chunks
 * (many channels); neither keeps a copy of the signal.
 */
public final class ForwardBackward {

    /** Frames [start, start + count) of a block, lane-interleaved: frame i, lane c at data[i * frame + c]. */
    public record Block(int index, long start, int count, double[] data) {
    }

    /** Where the blocks come from and where the filtered blocks go. */
    public interface Blocks {

        int count();

        /** Block k read, for the forward pass (k ascending). */
        Block forward(int k) throws InterruptedException;

        /** The forward pass is done with the block; {@code filtered}: its data is the final output (causal filtering). */
        void forwardDone(Block block, boolean filtered) throws InterruptedException;

        /** Block k read again, for the backward pass (k descending). */
        Block backward(int k) throws InterruptedException;

        /** The block's data is the final output. */
        void backwardDone(Block block) throws InterruptedException;
    }

    /** Filters a block's lanes in place, from (and into) a state laid out [state][frame]. */
    public interface Kernel {
        void run(double[] state, double[] data, int count, boolean backward);
    }

    private ForwardBackward() {
    }

    /** sosfilt from rest, the state carried from block to block. */
    public static void causal(int states, int frame, Blocks blocks, Kernel kernel) throws InterruptedException {
        double[] state = new double[states * frame];
        for (int k = 0; k < blocks.count(); k++) {
            Block b = blocks.forward(k);
            kernel.run(state, b.data(), b.count(), false);
            blocks.forwardDone(b, true);
        }
    }

    /**
     * sosfiltfilt of channels [c0, c0 + cg) of {@code ends} (which gives the odd extension's
     * samples at both ends), the blocks covering the whole signal.
     */
    public static void zeroPhase(double[] flat, double[] zi, int pad, FrameReader ends, int c0, int cg, int frame, Blocks blocks, Kernel kernel)
            throws InterruptedException {
        double[] state = head(flat, zi, pad, ends, c0, cg, frame);
        double[][] checkpoints = new double[blocks.count()][];
        for (int k = 0; k < blocks.count(); k++) {
            Block b = blocks.forward(k);
            checkpoints[k] = state.clone();
            kernel.run(state, b.data(), b.count(), false);
            blocks.forwardDone(b, false);
        }
        double[] back = tail(flat, zi, pad, ends, c0, cg, frame, state);
        for (int k = blocks.count() - 1; k >= 0; k--) {
            Block b = blocks.backward(k);
            kernel.run(checkpoints[k], b.data(), b.count(), false);
            kernel.run(back, b.data(), b.count(), true);
            checkpoints[k] = null;
            blocks.backwardDone(b);
        }
    }

    /**
     * The state entering the signal going forward: sosfilt_zi scaled by the first sample of
     * the odd extension 2 x[0] - x[pad - i], run over that extension. Lanes [state][frame].
     */
    public static double[] head(double[] flat, double[] zi, int pad, FrameReader in, int c0, int cg, int frame) {
        double[] x = new double[(pad + 1) * frame];
        in.read(0, pad + 1, c0, cg, x, 0, frame);
        double[] ext = new double[pad * frame];
        for (int i = 0; i < pad; i++) {
            for (int c = 0; c < cg; c++) {
                ext[i * frame + c] = 2 * x[c] - x[(pad - i) * frame + c];
            }
        }
        double[] state = scaled(zi, ext, 0, frame);
        SosKernel.run(flat, state, ext, 0, pad, frame, cg, false);
        return state;
    }

    /**
     * The odd extension's tail, 2 x[n-1] - x[n-2-i]: {@code state} (the forward state at the
     * signal's end) is run over it; returns the state entering the signal's end going
     * backward (sosfilt_zi scaled by the tail's last forward output, run back over the tail).
     */
    public static double[] tail(double[] flat, double[] zi, int pad, FrameReader in, int c0, int cg, int frame, double[] state) {
        double[] x = new double[(pad + 1) * frame];
        in.read(in.frames() - 1 - pad, pad + 1, c0, cg, x, 0, frame);
        double[] ext = new double[pad * frame];
        for (int i = 0; i < pad; i++) {
            for (int c = 0; c < cg; c++) {
                ext[i * frame + c] = 2 * x[pad * frame + c] - x[(pad - 1 - i) * frame + c];
            }
        }
        SosKernel.run(flat, state, ext, 0, pad, frame, cg, false);
        double[] back = scaled(zi, ext, pad - 1, frame);
        SosKernel.run(flat, back, ext, 0, pad, frame, cg, true);
        return back;
    }

    /** zi laid out [state][frame], each lane scaled by that lane's sample at frame t. */
    private static double[] scaled(double[] zi, double[] data, int t, int frame) {
        double[] state = new double[zi.length * frame];
        for (int k = 0; k < zi.length; k++) {
            for (int lane = 0; lane < frame; lane++) {
                state[k * frame + lane] = zi[k] * data[t * frame + lane];
            }
        }
        return state;
    }
}
