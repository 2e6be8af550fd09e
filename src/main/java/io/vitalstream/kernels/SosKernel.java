package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Cascaded biquads in transposed direct form II, the recurrence of scipy's sosfilt:
 * <pre>
 *   y      = b0 x + z0
 *   z0'    = b1 x - a1 y + z1
 *   z1'    = b2 x - a2 y
 * </pre>
 * State is carried in {@code zi} ([section][2] per channel), so a signal filtered in pieces
 * gives bit for bit the output of filtering it whole. Both forms use fused multiply-adds in
 * the same order, so the vector form (one lane per channel) equals the scalar form exactly.
 */
public final class SosKernel {

    /** Chosen once: the widest double vector this CPU runs natively. */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private SosKernel() {
    }

    /**
     * Scalar reference: filters {@code n} samples of one channel, in[inOff + i*stride] ->
     * out[outOff + i*stride] (in and out may alias), updating zi (length sections*2).
     */
    public static void forward(double[] sos, double[] zi, double[] in, int inOff, double[] out, int outOff, int n, int stride) {
        int sections = sos.length / 6;
        for (int i = 0; i < n; i++) {
            double x = in[inOff + i * stride];
            for (int s = 0; s < sections; s++) {
                int c = s * 6;
                double y = Math.fma(sos[c], x, zi[2 * s]);
                zi[2 * s] = Math.fma(sos[c + 1], x, Math.fma(-sos[c + 4], y, zi[2 * s + 1]));
                zi[2 * s + 1] = Math.fma(sos[c + 2], x, -sos[c + 5] * y);
                x = y;
            }
            out[outOff + i * stride] = x;
        }
    }

    /**
     * Scalar reference, time-reversed: reads in from the last sample to the first and writes
     * each output at the same index, so out holds reverse(sosfilt(reverse(in))).
     */
    public static void backward(double[] sos, double[] zi, double[] in, int inOff, double[] out, int outOff, int n, int stride) {
        forward(sos, zi, in, inOff + (n - 1) * stride, out, outOff + (n - 1) * stride, n, -stride);
    }

    /**
     * Vector form over interleaved frames: sample t of lane-group g sits at
     * data[off + t*frame + g*lanes ... + lanes). {@code frame} must be a multiple of the
     * lane count; zi holds [section][2][frame] so each lane has its own state.
     * Runs forward (step +1) or backward (step -1) through the n frames, in place.
     */
    public static void lanes(double[] sos, double[] zi, double[] data, int off, int n, int frame, boolean backward) {
        int lanes = SPECIES.length();
        if (frame % lanes != 0) {
            throw new IllegalArgumentException("frame " + frame + " is not a multiple of " + lanes + " lanes");
        }
        int sections = sos.length / 6;
        int start = backward ? off + (n - 1) * frame : off;
        int step = backward ? -frame : frame;
        DoubleVector[] coef = new DoubleVector[sections * 5];
        for (int s = 0; s < sections; s++) {
            int c = s * 6;
            coef[5 * s] = DoubleVector.broadcast(SPECIES, sos[c]);
            coef[5 * s + 1] = DoubleVector.broadcast(SPECIES, sos[c + 1]);
            coef[5 * s + 2] = DoubleVector.broadcast(SPECIES, sos[c + 2]);
            coef[5 * s + 3] = DoubleVector.broadcast(SPECIES, -sos[c + 4]);
            coef[5 * s + 4] = DoubleVector.broadcast(SPECIES, -sos[c + 5]);
        }
        for (int g = 0; g < frame; g += lanes) {
            DoubleVector[] z0 = new DoubleVector[sections];
            DoubleVector[] z1 = new DoubleVector[sections];
            for (int s = 0; s < sections; s++) {
                z0[s] = DoubleVector.fromArray(SPECIES, zi, (2 * s) * frame + g);
                z1[s] = DoubleVector.fromArray(SPECIES, zi, (2 * s + 1) * frame + g);
            }
            int p = start + g;
            for (int t = 0; t < n; t++, p += step) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, data, p);
                for (int s = 0; s < sections; s++) {
                    DoubleVector y = x.fma(coef[5 * s], z0[s]);
                    z0[s] = x.fma(coef[5 * s + 1], y.fma(coef[5 * s + 3], z1[s]));
                    z1[s] = x.fma(coef[5 * s + 2], y.mul(coef[5 * s + 4]));
                    x = y;
                }
                x.intoArray(data, p);
            }
            for (int s = 0; s < sections; s++) {
                z0[s].intoArray(zi, (2 * s) * frame + g);
                z1[s].intoArray(zi, (2 * s + 1) * frame + g);
            }
        }
    }

    /** The frame width (channels rounded up to whole vectors) that {@link #lanes} needs. */
    public static int frameFor(int channels) {
        int lanes = SPECIES.length();
        return (channels + lanes - 1) / lanes * lanes;
    }
}
