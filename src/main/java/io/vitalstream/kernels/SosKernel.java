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

    /** Frames per block in {@link #lanes}: a block of every lane group stays in L1 across the sections. */
    static final int BLOCK = 256;

    /**
     * Vector form over interleaved frames: sample t of lane-group g sits at
     * data[off + t*frame + g*lanes ... + lanes). {@code frame} must be a multiple of the
     * lane count; zi holds [section][2][frame] so each lane has its own state.
     * Runs forward or backward through the n frames, in place. The frames go in blocks, each
     * block through one section after another (state held in registers, one section at a
     * time); every section still sees its input sequence in order, so the result equals the
     * sample-by-sample recurrence exactly.
     */
    public static void lanes(double[] sos, double[] zi, double[] data, int off, int n, int frame, boolean backward) {
        int lanes = SPECIES.length();
        if (frame % lanes != 0) {
            throw new IllegalArgumentException("frame " + frame + " is not a multiple of " + lanes + " lanes");
        }
        int sections = sos.length / 6;
        int step = backward ? -frame : frame;
        for (int b = 0; b < n; b += BLOCK) {
            int count = Math.min(BLOCK, n - b);
            int first = backward ? off + (n - 1 - b) * frame : off + b * frame;
            for (int g = 0; g < frame; g += lanes) {
                for (int s = 0; s < sections; s++) {
                    int c = s * 6;
                    DoubleVector b0 = DoubleVector.broadcast(SPECIES, sos[c]);
                    DoubleVector b1 = DoubleVector.broadcast(SPECIES, sos[c + 1]);
                    DoubleVector b2 = DoubleVector.broadcast(SPECIES, sos[c + 2]);
                    DoubleVector na1 = DoubleVector.broadcast(SPECIES, -sos[c + 4]);
                    DoubleVector na2 = DoubleVector.broadcast(SPECIES, -sos[c + 5]);
                    int zs0 = (2 * s) * frame + g;
                    int zs1 = (2 * s + 1) * frame + g;
                    DoubleVector z0 = DoubleVector.fromArray(SPECIES, zi, zs0);
                    DoubleVector z1 = DoubleVector.fromArray(SPECIES, zi, zs1);
                    int p = first + g;
                    for (int t = 0; t < count; t++, p += step) {
                        DoubleVector x = DoubleVector.fromArray(SPECIES, data, p);
                        DoubleVector y = x.fma(b0, z0);
                        z0 = x.fma(b1, y.fma(na1, z1));
                        z1 = x.fma(b2, y.mul(na2));
                        y.intoArray(data, p);
                    }
                    z0.intoArray(zi, zs0);
                    z1.intoArray(zi, zs1);
                }
            }
        }
    }

    /** The frame width (channels rounded up to whole vectors) that {@link #lanes} needs. */
    public static int frameFor(int channels) {
        int lanes = SPECIES.length();
        return (channels + lanes - 1) / lanes * lanes;
    }
}
