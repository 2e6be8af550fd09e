package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;

/** Causal application of second-order sections: scipy.signal.sosfilt and sosfilt_zi. */
public final class SosFilter {

    private SosFilter() {
    }

    /** sosfilt(sos, x) from rest, time-parallel on the machine's cores ({@link TimeParallelIir}). */
    public static double[] filter(Sos sos, double[] x) {
        return filter(sos, new double[][] {x})[0];
    }

    /** sosfilt on every channel, time-parallel: segments and channels side by side in vector lanes. */
    public static double[][] filter(Sos sos, double[][] channels) {
        return filter(sos, channels, Parallelism.cores(SosKernel.threads()));
    }

    public static double[][] filter(Sos sos, double[][] channels, Parallelism threads) {
        ChannelArrays out = ChannelArrays.allocating(channels.length, channels[0].length);
        TimeParallelIir.causal(sos, new ChannelArrays(channels), out, TimeParallelIir.planFor(channels[0].length, channels.length), threads,
                TimeParallelIir.Progress.NONE);
        return out.arrays();
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
