package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;

/** A designed filter, ready to apply: the closed set of what the traditional engine runs. */
public sealed interface FilterSpec {

    /** A design whose coefficients overflowed or underflowed into NaN or infinities is the request's fault (400). */
    private static void requireFinite(double[] coefficients, String what) {
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new io.vitalstream.error.InvalidParameterException("filter_params", "this design's " + what
                        + " are not finite numbers: a cut-off too close to 0 Hz or to the Nyquist frequency for this order and "
                        + "sampling rate; move the cut-off or lower the order");
            }
        }
    }

    /** Second-order sections, causal (sosfilt) or forward-backward (sosfiltfilt). */
    record Iir(Sos sos, boolean zeroPhase) implements FilterSpec {
        public Iir {
            for (double[] row : sos.sections()) {
                requireFinite(row, "second-order sections");
            }
        }
    }

    /**
     * FIR taps applied by FFT overlap-add: causal is lfilter(h, 1, x); zero-phase removes the
     * linear-phase delay, oaconvolve(x, h, mode='same').
     */
    record Fir(double[] taps, boolean zeroPhase) implements FilterSpec {
        public Fir {
            taps = taps.clone();
            requireFinite(taps, "taps");
        }
    }

    record SavitzkyGolay(int window, int polyorder) implements FilterSpec {
    }

    record MovingAverage(int window) implements FilterSpec {
    }

    record Median(int window) implements FilterSpec {
    }

    record Gaussian(double sigma) implements FilterSpec {
    }

    /**
     * A causal method with per-run state (Kalman, LMS, NLMS, RLS): it streams, carrying its
     * state from chunk to chunk.
     */
    record Causal(String name, CausalMethod method) implements FilterSpec {
    }

    /** A method whose every output depends on a bounded window of inputs: it streams with a halo. */
    record Windowed(String name, WindowMethod method) implements FilterSpec {
    }

    /**
     * A method that needs the whole signal at once (global optimisation, wavelets, PCA/ICA,
     * trained networks, ensembles): jobs load the input whole when it fits the memory budget.
     */
    record Whole(String name, WholeSignalMethod method) implements FilterSpec {
    }
}
