package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;

/** A designed filter, ready to apply: the closed set of what the traditional engine runs. */
public sealed interface FilterSpec {

    /** How a stage runs over a signal larger than memory. */
    enum Streaming {
        /** Chunk by chunk in order (state carried, or a halo of input): each output is final as it is written. */
        IN_ORDER,
        /** A forward and a backward pass: no output is final before the end. */
        TWO_PASSES,
        /** The whole signal at once, in memory. */
        WHOLE
    }

    /** This stage's streaming behaviour. */
    default Streaming streaming() {
        return switch (this) {
            case Iir iir -> iir.zeroPhase() ? Streaming.TWO_PASSES : Streaming.IN_ORDER;
            case Whole w -> Streaming.WHOLE;
            case Fir f -> Streaming.IN_ORDER;
            case WindowFilter w -> Streaming.IN_ORDER;
            case Causal c -> Streaming.IN_ORDER;
        };
    }

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

    /**
     * A filter whose every output sample depends on the input within {@link #reach()} samples
     * of it (and on the signal's length, for its ends): it is computed for any range of
     * outputs from that range's input and a halo, so it streams and cuts in time exactly.
     */
    sealed interface WindowFilter extends FilterSpec {
        /** How far (in samples) an output reaches into the input, for {@link Smoothing#inputRange}. */
        int reach();

        /**
         * Writes outputs [outStart, outStart + outLength) of a signal of n samples into out, from
         * buf, which holds the input from bufStart on and covers the range's reach.
         */
        void applyRange(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out);
    }

    record SavitzkyGolay(int window, int polyorder) implements WindowFilter {
        public int reach() {
            return window;
        }

        public void applyRange(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            Smoothing.savitzkyGolay(buf, bufStart, n, window, polyorder, outStart, outLength, out);
        }
    }

    record MovingAverage(int window) implements WindowFilter {
        public int reach() {
            return window;
        }

        public void applyRange(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            Smoothing.movingAverage(buf, bufStart, n, window, outStart, outLength, out);
        }
    }

    record Median(int window) implements WindowFilter {
        public int reach() {
            return window;
        }

        public void applyRange(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            MedianFilter.apply(buf, bufStart, n, window, outStart, outLength, out);
        }
    }

    record Gaussian(double sigma) implements WindowFilter {
        public int reach() {
            return 2 * (int) (4.0 * sigma + 0.5) + 1;
        }

        public void applyRange(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            Smoothing.gaussian(buf, bufStart, n, sigma, outStart, outLength, out);
        }
    }

    /**
     * A causal method with per-run state (Kalman, LMS, NLMS, RLS): it streams, carrying its
     * state from chunk to chunk.
     */
    record Causal(String name, CausalMethod method) implements FilterSpec {
    }

    /** A method whose every output depends on a bounded window of inputs: it streams with a halo. */
    record Windowed(String name, WindowMethod method) implements WindowFilter {
        public int reach() {
            return method.reach();
        }

        public void applyRange(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out) {
            method.apply(buf, bufStart, n, outStart, outLength, out);
        }
    }

    /**
     * A method that needs the whole signal at once (global optimisation, wavelets, PCA/ICA,
     * trained networks, ensembles): jobs load the input whole when it fits the memory budget.
     */
    record Whole(String name, WholeSignalMethod method) implements FilterSpec {
    }
}
