package io.vitalstream.dsp;

import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.dsp.methods.AdaptiveFilter;
import io.vitalstream.dsp.methods.Attention;
import io.vitalstream.dsp.methods.ConvolutionKernel;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.dsp.methods.Kalman;
import io.vitalstream.dsp.methods.SmoothnessOptimizer;
import io.vitalstream.dsp.methods.Wavelet;
import io.vitalstream.dsp.neural.NeuralDenoiser;
import io.vitalstream.error.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Binds the wire's {@link FilterParameters} to the typed record of the method they select:
 * the entry comes from {@link MethodRegistry}, each absent parameter takes the registry's
 * default, numbers are checked against the registry's range, choices become enums (vitalDSP's
 * spellings accepted). What depends on the sampling rate (Nyquist) is checked when designing.
 */
public final class ParamBinder {

    static final int MAX_ENSEMBLE_DEPTH = 2;
    static final int MAX_ENSEMBLE_MEMBERS = 16;
    private static final List<String> CATEGORIES = List.of("traditional", "smoothing", "advanced", "artifact", "neural", "ensemble");

    private ParamBinder() {
    }

    public static MethodParams bind(FilterParameters p) {
        return bind(p, 0);
    }

    private static MethodParams bind(FilterParameters p, int depth) {
        MethodRegistry.Entry entry = entry(p);
        Fields f = new Fields(entry);
        return switch (entry.category()) {
            case "traditional" -> traditional(entry, f, p);
            case "advanced" -> advanced(entry, f, p);
            case "artifact" -> artifact(entry, f, p);
            case "neural" -> new MethodParams.Neural(NeuralDenoiser.Kind.valueOf(entry.name().toUpperCase(Locale.ROOT)),
                    f.choice("complexity", p.complexity(), ParamBinder::complexity), f.optionalInt("epochs", p.epochs()),
                    f.seed(p.seed()));
            case "ensemble" -> ensemble(entry, f, p, depth);
            default -> throw new IllegalStateException("a registry category without a binding: " + entry.category());
        };
    }

    /** The registry entry selected, or a 400 saying what would select one. */
    private static MethodRegistry.Entry entry(FilterParameters p) {
        String category = lower(p.category());
        String method = lower(p.method());
        String family = lower(p.filterFamily());
        if (category != null && !CATEGORIES.contains(category)) {
            throw new InvalidParameterException("category", "unknown category '" + p.category() + "'; use " + String.join(", ", CATEGORIES));
        }
        if (category == null && method != null && family == null && MethodRegistry.select(null, method, null) == null) {
            throw new InvalidParameterException("method", "unknown method '" + p.method() + "'; give its category too");
        }
        MethodRegistry.Entry entry = MethodRegistry.select(category, method, family);
        if (entry != null) {
            return entry;
        }
        if (category == null || category.equals("traditional") || category.equals("smoothing")) {
            throw new InvalidParameterException("filter_family", "unknown filter_family '" + p.filterFamily() + "'; use "
                    + names("traditional"));
        }
        throw new InvalidParameterException("method", "unknown " + category + " method '" + p.method() + "'; use " + names(category));
    }

    private static String names(String category) {
        return MethodRegistry.entries().stream().filter(e -> e.category().equals(category))
                .map(e -> e.aliases().isEmpty() ? e.name() : e.name() + " (" + String.join(", ", e.aliases()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static MethodParams.Traditional traditional(MethodRegistry.Entry entry, Fields f, FilterParameters p) {
        String rawType = p.filterType() != null ? p.filterType() : p.filterResponse();
        String type = rawType == null ? null : f.choice("filter_type", rawType, ParamBinder::filterType);
        boolean zeroPhase = f.bool("zero_phase", p.zeroPhase());
        if ("notch".equals(type)) {
            Fields notch = new Fields(MethodRegistry.select("traditional", null, "butter"));
            return new MethodParams.Notch(notch.num("notch_freq", p.notchFreq()), notch.num("quality_factor", p.qualityFactor()), zeroPhase);
        }
        return switch (entry.name()) {
            case "butter" -> iir(IirFamily.BUTTER, f, p, type, zeroPhase);
            case "cheby1" -> iir(IirFamily.CHEBY1, f, p, type, zeroPhase);
            case "cheby2" -> iir(IirFamily.CHEBY2, f, p, type, zeroPhase);
            case "ellip" -> iir(IirFamily.ELLIP, f, p, type, zeroPhase);
            case "bessel" -> iir(IirFamily.BESSEL, f, p, type, zeroPhase);
            case "fir" -> new MethodParams.Fir(band(p, type), f.integer("num_taps", p.numTaps()),
                    guard("window", () -> Window.parse(f.text("window", p.window()), f.num("beta", p.beta()))), zeroPhase);
            case "savgol" -> {
                int window = f.integer("window_size", p.windowSize());
                if (window % 2 == 0) {
                    throw new InvalidParameterException("window_size", "savgol window_size must be odd, got " + window);
                }
                int order = f.integer("polyorder", p.polyorder());
                if (order > window - 1) {
                    throw new InvalidParameterException("polyorder", "polyorder must be between 0 and " + (window - 1) + ", got " + order);
                }
                yield new MethodParams.Savgol(window, order);
            }
            case "moving_average" -> new MethodParams.MovingAverage(f.integer("window_size", p.windowSize()));
            case "median" -> {
                int window = f.integer("window_size", p.windowSize());
                if (window % 2 == 0) {
                    throw new InvalidParameterException("window_size", "median window_size must be odd (scipy.signal.medfilt), got " + window);
                }
                yield new MethodParams.Median(window);
            }
            case "gaussian" -> new MethodParams.Gaussian(f.positive("sigma", p.sigma()));
            default -> throw new IllegalStateException("a registry entry without a binding: " + entry.name());
        };
    }

    private static MethodParams.Iir iir(IirFamily family, Fields f, FilterParameters p, String type, boolean zeroPhase) {
        double ripple = f.positive("ripple_db", p.rippleDb());
        double stop = f.positive("stopband_db", p.stopbandDb());
        if (family == IirFamily.ELLIP && stop <= ripple) {
            throw new InvalidParameterException("stopband_db", "an elliptic filter needs stopband_db (" + FilterDesigner.fmt(stop)
                    + ") above ripple_db (" + FilterDesigner.fmt(ripple) + ")");
        }
        return new MethodParams.Iir(family, band(p, type), f.integer("filter_order", p.filterOrder()), ripple, stop, zeroPhase);
    }

    /**
     * Cut-offs from low_freq/high_freq. A low-pass uses high_freq (else low_freq), a high-pass
     * low_freq (else high_freq), as vitalDSP's webapp; with no filter_type, both edges mean
     * band-pass, only high_freq low-pass, only low_freq high-pass.
     */
    private static MethodParams.Band band(FilterParameters p, String type) {
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
        if (type.equals("lowpass") || type.equals("highpass")) {
            boolean lowpass = type.equals("lowpass");
            Double cut = lowpass ? (high != null ? high : low) : (low != null ? low : high);
            if (cut == null) {
                throw new InvalidParameterException(lowpass ? "high_freq" : "low_freq",
                        "a " + type + " filter needs its cut-off: " + (lowpass ? "high_freq" : "low_freq") + " in Hz");
            }
            String field = lowpass ? (high != null ? "high_freq" : "low_freq") : (low != null ? "low_freq" : "high_freq");
            return new MethodParams.Band(lowpass ? Response.LOWPASS : Response.HIGHPASS, new double[] {cut}, List.of(field));
        }
        if (low == null || high == null) {
            throw new InvalidParameterException(low == null ? "low_freq" : "high_freq", "a " + type + " filter needs both low_freq and high_freq in Hz");
        }
        return new MethodParams.Band(type.equals("bandpass") ? Response.BANDPASS : Response.BANDSTOP, new double[] {low, high},
                List.of("low_freq", "high_freq"));
    }

    private static MethodParams.Advanced advanced(MethodRegistry.Entry entry, Fields f, FilterParameters p) {
        return switch (entry.name()) {
            case "kalman" -> new MethodParams.Kalman(f.choice("model", p.model(), ParamBinder::kalmanModel),
                    f.positive("process_noise", p.processNoise()), f.positive("measurement_noise", p.measurementNoise()));
            case "lms" -> adaptive(AdaptiveFilter.Algorithm.LMS, f, p);
            case "nlms" -> adaptive(AdaptiveFilter.Algorithm.NLMS, f, p);
            case "rls" -> adaptive(AdaptiveFilter.Algorithm.RLS, f, p);
            case "convolution" -> new MethodParams.Convolution(f.choice("kernel", p.kernel(), ParamBinder::kernel),
                    f.integer("kernel_size", p.kernelSize()));
            case "attention" -> new MethodParams.AttentionWindow(f.choice("attention_type", p.attentionType(), ParamBinder::prior),
                    f.integer("window_size", p.windowSize()));
            case "optimization", "gradient_descent" -> new MethodParams.Smoothness(f.choice("loss", p.loss(), ParamBinder::loss),
                    f.num("smoothness", p.smoothness()), entry.name().equals("gradient_descent"), f.num("learning_rate", p.learningRate()),
                    f.integer("iterations", p.iterations()), f.num("tolerance", p.tolerance()));
            default -> throw new IllegalStateException("a registry entry without a binding: " + entry.name());
        };
    }

    private static MethodParams.Adaptive adaptive(AdaptiveFilter.Algorithm a, Fields f, FilterParameters p) {
        double mu = f.positive("step_size", p.stepSize());
        double lambda = f.positive("forgetting_factor", p.forgettingFactor());
        Integer reference = f.optionalInt("reference_channel", p.referenceChannel());
        return new MethodParams.Adaptive(a, f.integer("filter_order", p.filterOrder()), mu, lambda, reference == null ? -1 : reference,
                f.integer("delay", p.delay()));
    }

    private static MethodParams.Artifact artifact(MethodRegistry.Entry entry, Fields f, FilterParameters p) {
        return switch (entry.name()) {
            case "baseline" -> new MethodParams.Baseline(f.positive("low_freq", p.lowFreq()), f.integer("filter_order", p.filterOrder()),
                    f.bool("zero_phase", p.zeroPhase()));
            case "spike" -> new MethodParams.Spike(f.integer("window_size", p.windowSize()), f.positive("n_sigma", p.nSigma()));
            case "noise" -> new MethodParams.WaveletNoise(guard("wavelet", () -> Wavelet.named(f.text("wavelet", p.wavelet()))),
                    f.integer("level", p.level()), f.choice("threshold_mode", p.thresholdMode(), s -> s.equals("soft") ? Boolean.TRUE
                            : s.equals("hard") ? Boolean.FALSE : null), f.optionalNum("threshold", p.threshold()));
            case "powerline" -> {
                Integer harmonics = f.optionalInt("harmonics", p.harmonics());
                yield new MethodParams.Powerline(f.positive("powerline_freq", p.powerlineFreq()), f.positive("quality_factor", p.qualityFactor()),
                        harmonics == null ? 0 : harmonics, f.bool("zero_phase", p.zeroPhase()));
            }
            case "pca" -> {
                double kept = f.num("variance_threshold", p.varianceThreshold());
                if (!(kept > 0)) {
                    throw new InvalidParameterException("variance_threshold", "variance_threshold must be in (0, 1], got " + kept);
                }
                yield new MethodParams.Pca(f.optionalInt("n_components", p.nComponents()), kept);
            }
            case "ica" -> new MethodParams.Ica(f.seed(p.seed()), p.excludeComponents(),
                    f.choice("ica_output", p.icaOutput(), s -> s.equals("sources") ? Boolean.TRUE : s.equals("reconstruct") ? Boolean.FALSE : null));
            default -> throw new IllegalStateException("a registry entry without a binding: " + entry.name());
        };
    }

    private static MethodParams.EnsembleOf ensemble(MethodRegistry.Entry entry, Fields f, FilterParameters p, int depth) {
        if (depth >= MAX_ENSEMBLE_DEPTH) {
            throw new InvalidParameterException("members", "ensembles nest at most " + MAX_ENSEMBLE_DEPTH + " deep");
        }
        Ensemble.Combine combine = switch (entry.name()) {
            case "mean" -> Ensemble.Combine.MEAN;
            case "median" -> Ensemble.Combine.MEDIAN;
            case "weighted" -> Ensemble.Combine.WEIGHTED;
            case "bagging" -> Ensemble.Combine.BAGGING;
            case "boosting" -> Ensemble.Combine.BOOSTING;
            default -> throw new IllegalStateException("a registry entry without a binding: " + entry.name());
        };
        if (p.members() == null || p.members().isEmpty()) {
            return new MethodParams.EnsembleOf(combine, defaultMembers(), f.seed(p.seed()));
        }
        if (p.members().size() > MAX_ENSEMBLE_MEMBERS) {
            throw new InvalidParameterException("members", "an ensemble has at most " + MAX_ENSEMBLE_MEMBERS + " members, got " + p.members().size());
        }
        List<MethodParams> members = new ArrayList<>();
        for (int i = 0; i < p.members().size(); i++) {
            FilterParameters m = p.members().get(i);
            if (m == null) {
                throw new InvalidParameterException("members[" + i + "]", "ensemble member " + i + " is empty");
            }
            try {
                members.add(bind(m, depth + 1));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("members[" + i + "]." + e.field(), "ensemble member " + i + ": " + e.getMessage());
            }
        }
        return new MethodParams.EnsembleOf(combine, List.copyOf(members), f.seed(p.seed()));
    }

    /** vitalDSP's default set: Kalman (R = 0.1), 3-point smoothing convolution, mse optimisation; the rest registry defaults. */
    static List<MethodParams> defaultMembers() {
        var kalman = (MethodParams.Kalman) bind(FilterParameters.selecting("advanced", "kalman"));
        return List.of(new MethodParams.Kalman(kalman.model(), kalman.processNoise(), 0.1),
                bind(FilterParameters.selecting("advanced", "convolution")), bind(FilterParameters.selecting("advanced", "optimization")));
    }

    // vitalDSP's spellings of the choices, mapped to the engine's values (null: not a spelling)

    private static String filterType(String s) {
        return switch (s) {
            case "lowpass", "low", "low_pass" -> "lowpass";
            case "highpass", "high", "high_pass" -> "highpass";
            case "bandpass", "band", "band_pass" -> "bandpass";
            case "bandstop", "band_stop", "stop" -> "bandstop";
            case "notch" -> "notch";
            default -> null;
        };
    }

    private static Kalman.Model kalmanModel(String s) {
        return switch (s) {
            case "constant_level", "level", "random_walk" -> Kalman.Model.CONSTANT_LEVEL;
            case "constant_velocity", "velocity" -> Kalman.Model.CONSTANT_VELOCITY;
            default -> null;
        };
    }

    private static ConvolutionKernel.Kind kernel(String s) {
        return switch (s) {
            case "smoothing", "smooth" -> ConvolutionKernel.Kind.SMOOTHING;
            case "sharpening", "sharpen" -> ConvolutionKernel.Kind.SHARPENING;
            case "edge_detection", "edge" -> ConvolutionKernel.Kind.EDGE_DETECTION;
            default -> null;
        };
    }

    private static Attention.Prior prior(String s) {
        return switch (s) {
            case "uniform" -> Attention.Prior.UNIFORM;
            case "linear" -> Attention.Prior.LINEAR;
            case "gaussian" -> Attention.Prior.GAUSSIAN;
            case "exponential" -> Attention.Prior.EXPONENTIAL;
            default -> null;
        };
    }

    private static SmoothnessOptimizer.Loss loss(String s) {
        return switch (s) {
            case "mse", "l2" -> SmoothnessOptimizer.Loss.MSE;
            case "mae", "l1" -> SmoothnessOptimizer.Loss.MAE;
            case "huber" -> SmoothnessOptimizer.Loss.HUBER;
            default -> null;
        };
    }

    /** 1 to 5, or low (2), medium (3), high (4). */
    private static Integer complexity(String s) {
        return switch (s) {
            case "1", "2", "3", "4", "5" -> Integer.parseInt(s);
            case "low" -> 2;
            case "medium" -> 3;
            case "high" -> 4;
            default -> null;
        };
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** Builds a value, blaming {@code field} for an IllegalArgumentException. */
    static <T> T guard(String field, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, e.getMessage());
        }
    }

    /** One entry's parameters: the value given, else the registry's default, checked against the registry's range. */
    private record Fields(MethodRegistry.Entry entry) {

        /** The entry's parameter, else a shared one (whose default then applies: the reader refused it in the request). */
        private MethodRegistry.Param param(String name) {
            MethodRegistry.Param p = entry.param(name);
            if (p != null) {
                return p;
            }
            return MethodRegistry.SHARED.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(entry.name() + " has no parameter " + name + " in the registry"));
        }

        Double optionalNum(String name, Double given) {
            MethodRegistry.Param p = param(name);
            Double v = given != null ? given : p.defaultValue() == null ? null : ((Number) p.defaultValue()).doubleValue();
            if (v != null) {
                if (v.isNaN() || v.isInfinite()) {
                    throw new InvalidParameterException(name, name + " must be a finite number, got " + v);
                }
                inRange(p, v);
            }
            return v;
        }

        double num(String name, Double given) {
            return required(name, optionalNum(name, given));
        }

        private <T> T required(String name, T v) {
            if (v == null) {
                throw new InvalidParameterException(name, entry.name() + " needs " + name);
            }
            return v;
        }

        /** A number that must be above 0 (and within the registry's range). */
        double positive(String name, Double given) {
            double v = num(name, given);
            if (!(v > 0)) {
                throw new InvalidParameterException(name, name + " must be above 0, got " + FilterDesigner.fmt(v));
            }
            return v;
        }

        Integer optionalInt(String name, Integer given) {
            MethodRegistry.Param p = param(name);
            Integer v = given != null ? given : p.defaultValue() == null ? null : ((Number) p.defaultValue()).intValue();
            if (v != null) {
                inRange(p, v);
            }
            return v;
        }

        int integer(String name, Integer given) {
            return required(name, optionalInt(name, given));
        }

        long seed(Long given) {
            return given != null ? given : ((Number) param("seed").defaultValue()).longValue();
        }

        boolean bool(String name, Boolean given) {
            return given != null ? given : (Boolean) param(name).defaultValue();
        }

        String text(String name, String given) {
            String v = given != null ? given : (String) param(name).defaultValue();
            return v.trim().toLowerCase(Locale.ROOT);
        }

        /** A choice: the value given (any case) or the default, through {@code spellings}; 400 listing the choices otherwise. */
        <T> T choice(String name, String given, java.util.function.Function<String, T> spellings) {
            T v = spellings.apply(text(name, given));
            if (v == null) {
                throw new InvalidParameterException(name, "unknown " + name + " '" + given + "'; use " + String.join(", ", param(name).choices()));
            }
            return v;
        }

        private static void inRange(MethodRegistry.Param p, double v) {
            if ((p.min() != null && v < p.min()) || (p.max() != null && v > p.max())) {
                String min = p.min() == null ? null : FilterDesigner.fmt(p.min());
                String max = p.max() == null ? null : FilterDesigner.fmt(p.max());
                String range = min != null && max != null ? "between " + min + " and " + max : min != null ? "at least " + min : "at most " + max;
                throw new InvalidParameterException(p.name(), p.name() + " must be " + range + ", got " + FilterDesigner.fmt(v));
            }
        }
    }
}
