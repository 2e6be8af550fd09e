package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;

/** Causal application of second-order sections: scipy.signal.sosfilt and sosfilt_zi. */
public final class SosFilter {

    private SosFilter() {
    }

    /** Samples copied and filtered at a time by {@link #filter(Sos, double[])}: the copy is still in L2 when filtered. */
    private static final int COPY_BLOCK = 16_384;

    /**
     * sosfilt(sos, x) from rest: x copied a block at a time and filtered in place on the
     * scalar block path (sections four at a time, state in registers), about twice the speed
     * of the sample-by-sample reference {@link SosKernel#forward} with the same bits.
     */
    public static double[] filter(Sos sos, double[] x) {
        double[] y = new double[x.length];
        double[] flat = sos.flat();
        double[] state = new double[2 * sos.count()];
        for (int start = 0; start < x.length; start += COPY_BLOCK) {
            int count = Math.min(COPY_BLOCK, x.length - start);
            System.arraycopy(x, start, y, start, count);
            SosKernel.run(flat, state, y, start, count, 1, 1, false);
        }
        return y;
    }

    /**
     * sosfilt on several channels at once, one vector lane per channel (state from rest), a
     * block of frames at a time through a small reused buffer.
     * Equal bit for bit to {@link #filter(Sos, double[])} on each channel.
     */
    public static double[][] filter(Sos sos, double[][] channels) {
        return Split.byChannels(channels, part -> filterTogether(sos, part));
    }

    private static double[][] filterTogether(Sos sos, double[][] channels) {
        int n = channels[0].length;
        int ch = channels.length;
        int frame = SosKernel.frameFor(ch);
        double[] flat = sos.flat();
        double[] state = new double[2 * sos.count() * frame];
        double[][] out = new double[ch][n];
        double[] buf = new double[Math.min(ZeroPhase.BLOCK, n) * frame];
        for (int start = 0; start < n; start += ZeroPhase.BLOCK) {
            int count = Math.min(ZeroPhase.BLOCK, n - start);
            Interleave.pack(channels, start, count, buf, frame);
            SosKernel.run(flat, state, buf, 0, count, frame, ch, false);
            Interleave.unpack(buf, count, frame, out, start);
        }
        return out;
    }

    /**
     * sosfilt_zi: the state of each section at steady state for a unit step input, so that a
     * signal starting at level c starts without a transient when zi is scaled by c. Section
     * s's state is solved from (I - A^T) z = b[1:] - a[1:] b0 and scaled by the DC gain of
     * the sections before it.
     */
    public static double[] steadyState(Sos sos) {
        double[] zi = new double[2 * sos.count()];
        double scale = 1.0;
        for (int s = 0; s < sos.count(); s++) {
            double[] r = sos.sections()[s];
            double b0 = r[0], b1 = r[1], b2 = r[2], a1 = r[4], a2 = r[5];
            double rhs0 = b1 - a1 * b0;
            double rhs1 = b2 - a2 * b0;
            // [[1 + a1, -1], [a2, 1]] z = rhs
            double z0 = (rhs0 + rhs1) / (1 + a1 + a2);
            double z1 = rhs1 - a2 * z0;
            zi[2 * s] = scale * z0;
            zi[2 * s + 1] = scale * z1;
            scale *= (b0 + b1 + b2) / (1 + a1 + a2);
        }
        return zi;
    }
}
