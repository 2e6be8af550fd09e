package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;

/** scipy's recurrences written out literally, one channel at a time: what the engine's fast forms are tested against. */
final class SequentialReference {

    private SequentialReference() {
    }

    /**
     * The reference: the sample-by-sample recurrence of scipy's sosfilt on one channel from
     * rest ({@link SosKernel#forward}), which the time-parallel form is tested against.
     */
    static double[] causal(Sos sos, double[] x) {
        double[] y = new double[x.length];
        SosKernel.forward(sos.flat(), new double[2 * sos.count()], x, 0, y, 0, x.length, 1);
        return y;
    }

    /**
     * The reference: scipy's sosfiltfilt on one channel, literally (the odd extension built,
     * filtered forward then backward by the sample-by-sample recurrence, the padding cut off),
     * which the time-parallel form is tested against.
     */
    static double[] zeroPhase(Sos sos, double[] x) {
        int n = x.length;
        ZeroPhase.requireLength(sos, n);
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
