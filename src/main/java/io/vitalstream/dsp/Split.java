package io.vitalstream.dsp;

import io.vitalstream.kernels.SosKernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.UnaryOperator;

/**
 * Runs a per-channel computation on two cores by splitting the channels at a lane-group
 * boundary: channels never interact, so each half gives exactly the bits it would give in
 * the whole. Small inputs stay on the caller's thread.
 */
final class Split {

    /** Below this many samples a second thread costs more than it saves. */
    static final long MIN_SAMPLES = 1 << 20;

    private Split() {
    }

    static double[][] byChannels(double[][] channels, UnaryOperator<double[][]> run) {
        int ch = channels.length;
        int lanes = SosKernel.SPECIES.length();
        long samples = (long) ch * channels[0].length;
        if (SosKernel.threads() < 2 || ch < 2 * lanes || samples < MIN_SAMPLES) {
            return run.apply(channels);
        }
        int half = (ch / lanes + 1) / 2 * lanes;
        double[][] first = java.util.Arrays.copyOfRange(channels, 0, half);
        double[][] second = java.util.Arrays.copyOfRange(channels, half, ch);
        ForkJoinTask<double[][]> other = ForkJoinPool.commonPool().submit(() -> run.apply(second));
        double[][] a = run.apply(first);
        double[][] b = other.join();
        double[][] out = new double[ch][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
