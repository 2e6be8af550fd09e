package io.vitalstream.dsp;

import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.error.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns {@link FilterParameters} and a sampling rate into a designed {@link FilterSpec},
 * applying the SPEC's defaults and rejecting what cannot be designed with a message that
 * names the field and says what would work.
 */
public final class FilterDesigner {

    public static final int MAX_IIR_ORDER = 10;
    public static final int MAX_CHAIN_STAGES = 20;
    public static final int MAX_ITERATIONS = 10;
    public static final int MAX_FIR_TAPS = 100_001;
    public static final int MAX_WINDOW = 100_001;
    /** Savitzky-Golay designs solve a window x window system: at most 1001 (8 MB). */
    public static final int MAX_SAVGOL_WINDOW = 1001;
    private static final Set<String> METHOD_CATEGORIES = Set.of("advanced", "artifact", "neural", "ensemble");

    private FilterDesigner() {
    }

    /** The SPEC's filter when none is given: Butterworth order 4 band-pass, zero-phase, by signal type. */
    public static FilterParameters defaultsFor(String signalType) {
        String type = signalType == null ? "other" : signalType.toLowerCase(Locale.ROOT);
        double high = switch (type) {
            case "ppg" -> 8.0;
            case "eeg" -> 50.0;
            default -> 40.0; // ecg and other
        };
        return FilterParameters.iir("butter", "bandpass", 0.5, high, 4, true);
    }

    public static FilterSpec design(FilterParameters p, double fs) {
        return design(p, fs, 0);
    }

    static FilterSpec design(FilterParameters p, double fs, int depth) {
        requireSamplingRate(fs);
        String category = p.category() != null && !p.category().isBlank() ? lower(p.category(), "traditional")
                : p.method() != null && p.filterFamily() == null ? inferCategory(p.method()) : "traditional";
        if (METHOD_CATEGORIES.contains(category)) {
            return MethodDesigner.design(category, p, fs, depth);
        }
        if (!category.equals("traditional") && !category.equals("smoothing")) {
            throw new InvalidParameterException("category", "unknown category '" + p.category()
                    + "'; use traditional, smoothing, advanced, artifact, neural or ensemble");
        }
        String family = lower(p.filterFamily(), category.equals("smoothing") ? "savgol" : "butter");
        boolean zeroPhase = p.zeroPhase() == null || p.zeroPhase();
        String type = filterType(p);
        if ("notch".equals(type)) {
            return notch(p, fs);
        }
        return switch (family) {
            case "butter", "butterworth" -> iir(IirFamily.BUTTER, p, type, fs, zeroPhase);
            case "cheby1", "chebyshev1" -> iir(IirFamily.CHEBY1, p, type, fs, zeroPhase);
            case "cheby2", "chebyshev2" -> iir(IirFamily.CHEBY2, p, type, fs, zeroPhase);
            case "ellip", "elliptic" -> iir(IirFamily.ELLIP, p, type, fs, zeroPhase);
            case "bessel" -> iir(IirFamily.BESSEL, p, type, fs, zeroPhase);
            case "fir" -> fir(p, type, fs, zeroPhase);
            case "savgol", "savitzky_golay" -> {
                int window = intIn("window_size", p.windowSize(), 11, 1, MAX_SAVGOL_WINDOW);
                int order = intIn("polyorder", p.polyorder(), 2, 0, window - 1);
                if (window % 2 == 0) {
                    throw new InvalidParameterException("window_size", "savgol window_size must be odd, got " + window);
                }
                yield new FilterSpec.SavitzkyGolay(window, order);
            }
            case "moving_average" -> new FilterSpec.MovingAverage(intIn("window_size", p.windowSize(), 5, 1, MAX_WINDOW));
            case "median" -> {
                int window = intIn("window_size", p.windowSize(), 5, 1, MAX_WINDOW);
                if (window % 2 == 0) {
                    throw new InvalidParameterException("window_size", "median window_size must be odd (scipy.signal.medfilt), got " + window);
                }
                yield new FilterSpec.Median(window);
            }
            case "gaussian" -> {
                double sigma = p.sigma() == null ? 1.0 : p.sigma();
                if (!(sigma > 0) || sigma > 10_000) {
                    throw new InvalidParameterException("sigma", "gaussian sigma must be between 0 and 10000 samples (exclusive of 0), got " + sigma);
                }
                yield new FilterSpec.Gaussian(sigma);
            }
            default -> throw new InvalidParameterException("filter_family", "unknown filter_family '" + p.filterFamily()
                    + "'; use butter, cheby1, cheby2, ellip, bessel, fir, savgol, moving_average, median or gaussian");
        };
    }

    /** The category a bare {@code method} belongs to (vitalDSP requests often omit the category). */
    private static String inferCategory(String method) {
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "kalman", "lms", "adaptive", "nlms", "rls", "convolution", "attention", "optimization", "gradient_descent" -> "advanced";
            case "baseline", "spike", "noise", "wavelet", "powerline", "pca", "ica" -> "artifact";
            case "autoencoder", "lstm", "cnn" -> "neural";
            case "mean", "median", "weighted", "bagging", "boosting", "stacking", "voting" -> "ensemble";
            default -> throw new InvalidParameterException("method", "unknown method '" + method + "'; give its category too");
        };
    }

    /** filter_type (or its alias filter_response), vitalDSP's low/high/band accepted; null when absent. */
    private static String filterType(FilterParameters p) {
        String raw = p.filterType() != null ? p.filterType() : p.filterResponse();
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "lowpass", "low", "low_pass" -> "lowpass";
            case "highpass", "high", "high_pass" -> "highpass";
            case "bandpass", "band", "band_pass" -> "bandpass";
            case "bandstop", "band_stop", "stop" -> "bandstop";
            case "notch" -> "notch";
            default -> throw new InvalidParameterException("filter_type", "unknown filter_type '" + raw
                    + "'; use lowpass, highpass, bandpass, bandstop or notch (or low, high, band)");
        };
    }

    private static FilterSpec iir(IirFamily family, FilterParameters p, String type, double fs, boolean zeroPhase) {
        int order = intIn("filter_order", p.filterOrder(), 4, 1, MAX_IIR_ORDER);
        double ripple = p.rippleDb() == null ? 1.0 : p.rippleDb();
        double stop = p.stopbandDb() == null ? 40.0 : p.stopbandDb();
        if (!(ripple > 0) || ripple > 30) {
            throw new InvalidParameterException("ripple_db", "ripple_db must be above 0 and at most 30 dB, got " + ripple);
        }
        if (!(stop > 0) || stop > 300) {
            throw new InvalidParameterException("stopband_db", "stopband_db must be above 0 and at most 300 dB, got " + stop);
        }
        if (family == IirFamily.ELLIP && stop <= ripple) {
            throw new InvalidParameterException("stopband_db", "an elliptic filter needs stopband_db (" + stop
                    + ") above ripple_db (" + ripple + ")");
        }
        Band band = band(p, type, fs);
        try {
            Sos sos = IirDesign.design(family, band.response(), order, band.cutoffs(), fs, ripple, stop);
            return new FilterSpec.Iir(sos, zeroPhase);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("filter_params", e.getMessage());
        }
    }

    private static FilterSpec fir(FilterParameters p, String type, double fs, boolean zeroPhase) {
        int taps = intIn("num_taps", p.numTaps(), 101, 1, MAX_FIR_TAPS);
        Band band = band(p, type, fs);
        Window window;
        try {
            window = Window.parse(p.window() == null ? "hamming" : p.window(), p.beta());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("window", e.getMessage());
        }
        try {
            return new FilterSpec.Fir(FirDesign.firwin(taps, band.cutoffs(), band.response(), window, fs), zeroPhase);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("num_taps", e.getMessage());
        }
    }

    private static FilterSpec notch(FilterParameters p, double fs) {
        double f0 = p.notchFreq() != null ? p.notchFreq() : 50.0;
        double q = p.qualityFactor() != null ? p.qualityFactor() : 30.0;
        requireBelowNyquist("notch_freq", f0, fs);
        if (!(q > 0) || q > 10_000) {
            throw new InvalidParameterException("quality_factor", "quality_factor must be above 0 and at most 10000, got " + q);
        }
        boolean zeroPhase = p.zeroPhase() == null || p.zeroPhase();
        return new FilterSpec.Iir(IirDesign.notch(f0, q, fs), zeroPhase);
    }

    private record Band(Response response, double[] cutoffs) {
    }

    /**
     * Cut-offs from low_freq/high_freq. A low-pass uses high_freq (else low_freq), a high-pass
     * low_freq (else high_freq), as vitalDSP's webapp; with no filter_type, both edges mean
     * band-pass, only high_freq low-pass, only low_freq high-pass.
     */
    private static Band band(FilterParameters p, String type, double fs) {
        Double low = p.lowFreq();
        Double high = p.highFreq();
        if (type == null) {
            if (low != null && high != null) {
                type = "bandpass";
            } else if (high != null) {
                type = "lowpass";
            } else if (low != null) {
                type = "highpass";
            } else {
                throw new InvalidParameterException("filter_type", "give filter_type and its cut-off(s): low_freq and/or high_freq in Hz");
            }
        }
        switch (type) {
            case "lowpass", "highpass" -> {
                boolean lowpass = type.equals("lowpass");
                Double cut = lowpass ? (high != null ? high : low) : (low != null ? low : high);
                String field = lowpass ? (high != null ? "high_freq" : "low_freq") : (low != null ? "low_freq" : "high_freq");
                if (cut == null) {
                    throw new InvalidParameterException(lowpass ? "high_freq" : "low_freq",
                            "a " + type + " filter needs its cut-off: " + (lowpass ? "high_freq" : "low_freq") + " in Hz");
                }
                requireBelowNyquist(field, cut, fs);
                return new Band(lowpass ? Response.LOWPASS : Response.HIGHPASS, new double[] {cut});
            }
            default -> {
                if (low == null || high == null) {
                    throw new InvalidParameterException(low == null ? "low_freq" : "high_freq",
                            "a " + type + " filter needs both low_freq and high_freq in Hz");
                }
                requireBelowNyquist("low_freq", low, fs);
                requireBelowNyquist("high_freq", high, fs);
                if (low >= high) {
                    throw new InvalidParameterException("low_freq", "low_freq " + fmt(low) + " Hz must be below high_freq " + fmt(high) + " Hz");
                }
                return new Band(type.equals("bandpass") ? Response.BANDPASS : Response.BANDSTOP, new double[] {low, high});
            }
        }
    }

    public static void requireSamplingRate(double fs) {
        if (!(fs > 0) || Double.isInfinite(fs) || fs > 10_000_000) {
            throw new InvalidParameterException("sampling_freq", "sampling_freq must be a positive rate in Hz (at most 10 MHz), got " + fs);
        }
    }

    private static void requireBelowNyquist(String field, double f, double fs) {
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

    private static int intIn(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new InvalidParameterException(field, field + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static String lower(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim().toLowerCase(Locale.ROOT);
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
                FilterSpec spec = design(stage.filterParams(), fs);
                for (int k = 0; k < iterations; k++) {
                    stages.add(spec);
                }
            }
            return stages;
        }
        stages.add(design(params != null ? params : FilterDesigner.defaultsFor(signalType), fs));
        return stages;
    }
}
