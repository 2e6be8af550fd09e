package io.vitalstream.dsp;

import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.error.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Designs the {@link FilterSpec} of a bound {@link MethodParams} at a sampling rate: the
 * traditional designs here, the other categories in {@link MethodDesigner}. What the rate
 * decides (cut-offs below Nyquist) is checked here, with a message that names the field.
 */
public final class FilterDesigner {

    public static final int MAX_IIR_ORDER = 10;
    public static final int MAX_CHAIN_STAGES = 20;
    public static final int MAX_ITERATIONS = 10;
    public static final int MAX_FIR_TAPS = 100_001;
    public static final int MAX_WINDOW = 100_001;
    /** Savitzky-Golay designs solve a window x window system: at most 1001 (8 MB). */
    public static final int MAX_SAVGOL_WINDOW = 1001;

    private FilterDesigner() {
    }

    /** The SPEC's filter when none is given: Butterworth order 4 band-pass, zero-phase, by signal type. */
    public static MethodParams defaultsFor(String signalType) {
        String type = signalType == null ? "other" : signalType.toLowerCase(Locale.ROOT);
        double high = switch (type) {
            case "ppg" -> 8.0;
            case "eeg" -> 50.0;
            default -> 40.0; // ecg and other
        };
        return new MethodParams.Iir(IirFamily.BUTTER, new MethodParams.Band(Response.BANDPASS, new double[] {0.5, high},
                List.of("low_freq", "high_freq")), 4, MethodRegistry.RIPPLE_DB.doubleDefault(), MethodRegistry.STOPBAND_DB.doubleDefault(), true);
    }

    /** Binds the wire's parameters and designs them. */
    public static FilterSpec design(FilterParameters p, double fs) {
        return design(ParamBinder.bind(p), fs);
    }

    public static FilterSpec design(MethodParams p, double fs) {
        requireSamplingRate(fs);
        return switch (p) {
            case MethodParams.Traditional t -> traditional(t, fs);
            case MethodParams.Advanced a -> MethodDesigner.advanced(a);
            case MethodParams.Artifact a -> MethodDesigner.artifact(a, fs);
            case MethodParams.Neural n -> MethodDesigner.neural(n);
            case MethodParams.EnsembleOf e -> MethodDesigner.ensemble(e, fs);
        };
    }

    private static FilterSpec traditional(MethodParams.Traditional p, double fs) {
        return switch (p) {
            case MethodParams.Iir iir -> {
                try {
                    yield new FilterSpec.Iir(IirDesign.design(iir.family(), iir.band().response(), iir.order(), cutoffs(iir.band(), fs), fs,
                            iir.rippleDb(), iir.stopbandDb()), iir.zeroPhase());
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("filter_params", e.getMessage());
                }
            }
            case MethodParams.Notch n -> {
                requireBelowNyquist("notch_freq", n.freq(), fs);
                yield new FilterSpec.Iir(IirDesign.notch(n.freq(), n.qualityFactor(), fs), n.zeroPhase());
            }
            case MethodParams.Fir fir -> {
                double[] cutoffs = cutoffs(fir.band(), fs);
                try {
                    yield new FilterSpec.Fir(FirDesign.firwin(fir.numTaps(), cutoffs, fir.band().response(), fir.window(), fs), fir.zeroPhase());
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("num_taps", e.getMessage());
                }
            }
            case MethodParams.Savgol s -> new FilterSpec.SavitzkyGolay(s.windowSize(), s.polyorder());
            case MethodParams.MovingAverage m -> new FilterSpec.MovingAverage(m.windowSize());
            case MethodParams.Median m -> new FilterSpec.Median(m.windowSize());
            case MethodParams.Gaussian g -> new FilterSpec.Gaussian(g.sigma());
        };
    }

    /** The band's cut-offs, each below Nyquist, in increasing order. */
    private static double[] cutoffs(MethodParams.Band band, double fs) {
        double[] c = band.cutoffs();
        for (int i = 0; i < c.length; i++) {
            requireBelowNyquist(band.fields().get(i), c[i], fs);
        }
        if (c.length == 2 && c[0] >= c[1]) {
            throw new InvalidParameterException("low_freq", "low_freq " + fmt(c[0]) + " Hz must be below high_freq " + fmt(c[1]) + " Hz");
        }
        return c;
    }

    public static void requireSamplingRate(double fs) {
        if (!(fs > 0) || Double.isInfinite(fs) || fs > 10_000_000) {
            throw new InvalidParameterException("sampling_freq", "sampling_freq must be a positive rate in Hz (at most 10 MHz), got " + fs);
        }
    }

    static void requireBelowNyquist(String field, double f, double fs) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new InvalidParameterException(field, field + " must be a finite frequency in Hz");
        }
        if (f <= 0) {
            throw new InvalidParameterException(field, field + " " + fmt(f) + " Hz must be above 0 Hz");
        }
        if (f >= fs / 2) {
            throw new InvalidParameterException(field, field + " " + fmt(f) + " Hz must be below the Nyquist frequency "
                    + fmt(fs / 2) + " Hz (half of sampling_freq " + fmt(fs) + " Hz)");
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The designed stages in the order they run (each iteration a separate entry). */
    public static List<FilterSpec> designChain(double fs, String signalType, FilterParameters params, List<ChainStage> chain) {
        List<FilterSpec> stages = new ArrayList<>();
        if (chain != null && !chain.isEmpty()) {
            if (params != null) {
                throw new InvalidParameterException("filter_chain", "send either filter_params or filter_chain, not both");
            }
            if (chain.size() > MAX_CHAIN_STAGES) {
                throw new InvalidParameterException("filter_chain", "a filter_chain has at most " + MAX_CHAIN_STAGES + " stages, got " + chain.size());
            }
            for (int i = 0; i < chain.size(); i++) {
                ChainStage stage = chain.get(i);
                if (stage == null || stage.filterParams() == null) {
                    throw new InvalidParameterException("filter_chain[" + i + "].filter_params", "filter_chain stage " + i + " needs filter_params");
                }
                int iterations = stage.iterations() == null ? 1 : stage.iterations();
                if (iterations < 1 || iterations > MAX_ITERATIONS) {
                    throw new InvalidParameterException("filter_chain[" + i + "].iterations",
                            "iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iterations);
                }
                FilterSpec spec;
                try {
                    spec = design(stage.filterParams(), fs);
                } catch (InvalidParameterException e) {
                    throw new InvalidParameterException("filter_chain[" + i + "].filter_params." + e.field(), "filter_chain stage " + i + ": "
                            + e.getMessage());
                }
                for (int k = 0; k < iterations; k++) {
                    stages.add(spec);
                }
            }
            return stages;
        }
        stages.add(params != null ? design(params, fs) : design(defaultsFor(signalType), fs));
        return stages;
    }
}
