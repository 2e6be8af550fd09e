package io.vitalstream.dsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every filter the service offers (SPEC section 2) as data, looked up in one place: its
 * category, name and aliases, each parameter's type, default, range, unit and vitalDSP
 * alias, and whether it streams through jobs on files larger than memory and whether it can
 * run live (causally). The request reader checks every field of a {@code filter_params}
 * against the entry it selects, and {@code GET /api/filtering/methods} serves the table.
 */
public final class MethodRegistry {

    /** A parameter: {@code type} is number, integer, boolean, text, choice or list. */
    public record Param(String name, String type, Object defaultValue, Double min, Double max, String unit, List<String> choices,
                        List<String> aliases, String description) {

        /** The default of a number parameter. */
        public double doubleDefault() {
            return ((Number) defaultValue).doubleValue();
        }
    }

    /**
     * A method (or a traditional family).
     *
     * @param streams how jobs run it on a file larger than memory: "exact" (chunk by chunk,
     *                the same result as whole), "fitted" (fitted on a bounded sample of the
     *                recording, every frame when it fits, then applied chunk by chunk), or
     *                "members" (an ensemble: each member runs as it would alone, into a
     *                scratch file, and the outputs are combined chunk by chunk), "trained" (a model per channel trained on the recording, or on stretches
     *                of it when it does not fit, then applied chunk by chunk with a halo),
     *                "blocks" (overlapping blocks whose seams are below 1e-12 of the signal's
     *                scale when the signal does not fit in memory), or "whole" (the signal in
     *                memory)
     * @param live    whether it is causal and could filter a signal as it is recorded
     */
    public record Entry(String category, String name, List<String> aliases, List<Param> params, String streams, boolean live,
                        String description) {

        /** The parameter a field name or alias denotes, or null. */
        public Param param(String field) {
            for (Param p : params) {
                if (p.name().equals(field) || p.aliases().contains(field)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** Fields every filter_params may carry: what selects the entry. */
    public static final List<String> SELECTORS = List.of("category", "method", "filter_family", "filter_type", "filter_response");

    /** Shared by the families that take them (and used as given by the others' designs). */
    public static final Param RIPPLE_DB = num("ripple_db", 1, 0.0, 30.0, "dB", "passband ripple");
    public static final Param STOPBAND_DB = num("stopband_db", 40, 0.0, 300.0, "dB", "stopband attenuation");
    public static final Param TOLERANCE = num("tolerance", 1e-10, 0.0, null, null, "IRLS tolerance");
    public static final Param ZERO_PHASE = bool("zero_phase", true, "forward-backward (sosfiltfilt) or causal (sosfilt)");
    public static final Param FORGETTING_FACTOR = num("forgetting_factor", 0.99, 0.0, 1.0, null, "lambda");

    /**
     * Parameters a method's design needs even where the method does not offer them (LMS takes
     * no forgetting factor, a Butterworth no ripple): their defaults then apply.
     */
    static final List<Param> SHARED = List.of(RIPPLE_DB, STOPBAND_DB, TOLERANCE, ZERO_PHASE, FORGETTING_FACTOR);

    private static final List<Entry> ENTRIES = build();

    private MethodRegistry() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    private static Param num(String name, Object def, Double min, Double max, String unit, String description, String... aliases) {
        return new Param(name, "number", def, min, max, unit, List.of(), List.of(aliases), description);
    }

    private static Param integer(String name, Object def, Double min, Double max, String description, String... aliases) {
        return new Param(name, "integer", def, min, max, null, List.of(), List.of(aliases), description);
    }

    private static Param choice(String name, String def, List<String> choices, String description) {
        return new Param(name, "choice", def, null, null, null, choices, List.of(), description);
    }

    private static Param bool(String name, boolean def, String description) {
        return new Param(name, "boolean", def, null, null, null, List.of(), List.of(), description);
    }

    private static List<Entry> build() {
        List<Entry> e = new ArrayList<>();
        Param type = choice("filter_type", "bandpass", List.of("lowpass", "highpass", "bandpass", "bandstop", "notch", "low", "high", "band"),
                "the response (vitalDSP's filter_response is accepted too)");
        Param low = num("low_freq", null, 0.0, null, "Hz", "lower cut-off (a high-pass's cut-off)");
        Param high = num("high_freq", null, 0.0, null, "Hz", "upper cut-off (a low-pass's cut-off)");
        Param order = integer("filter_order", 4, 1.0, 10.0, "IIR order (band filters have twice as many poles)");
        Param zero = ZERO_PHASE;
        Param notchFreq = num("notch_freq", 50, 0.0, null, "Hz", "notch centre (filter_type notch)");
        Param q = num("quality_factor", 30, 0.0, 10_000.0, null, "notch quality factor (filter_type notch)");
        Param ripple = RIPPLE_DB;
        Param stop = STOPBAND_DB;
        List<Param> iir = List.of(type, low, high, order, zero, notchFreq, q);
        e.add(new Entry("traditional", "butter", List.of("butterworth"), iir, "exact", true, "Butterworth IIR (scipy.signal.butter)"));
        e.add(new Entry("traditional", "cheby1", List.of("chebyshev1"), plus(iir, ripple), "exact", true, "Chebyshev type I (cheby1)"));
        e.add(new Entry("traditional", "cheby2", List.of("chebyshev2"), plus(iir, stop), "exact", true, "Chebyshev type II (cheby2)"));
        e.add(new Entry("traditional", "ellip", List.of("elliptic"), plus(plus(iir, ripple), stop), "exact", true, "elliptic (ellip)"));
        e.add(new Entry("traditional", "bessel", List.of(), iir, "exact", true, "Bessel/Thomson, phase-normalised (bessel)"));
        e.add(new Entry("traditional", "fir", List.of(), List.of(type, low, high, zero,
                integer("num_taps", 101, 1.0, (double) FilterDesigner.MAX_FIR_TAPS, "FIR length (firwin)"),
                choice("window", "hamming", List.of("hamming", "hann", "blackman", "kaiser", "rectangular", "boxcar"), "firwin window"),
                num("beta", 8.6, 0.0, 100.0, null, "Kaiser window beta")), "exact", true, "windowed FIR by FFT overlap-add (firwin)"));
        Param window11 = integer("window_size", 11, 1.0, (double) FilterDesigner.MAX_SAVGOL_WINDOW, "odd window, samples");
        e.add(new Entry("traditional", "savgol", List.of("savitzky_golay"), List.of(window11,
                integer("polyorder", 2, 0.0, null, "polynomial order, below window_size")), "exact", false, "Savitzky-Golay (savgol_filter)"));
        e.add(new Entry("traditional", "moving_average", List.of(), List.of(integer("window_size", 5, 1.0, (double) FilterDesigner.MAX_WINDOW,
                "window, samples")), "exact", false, "centred moving average (ndimage.uniform_filter1d)"));
        e.add(new Entry("traditional", "median", List.of(), List.of(integer("window_size", 5, 1.0, (double) FilterDesigner.MAX_WINDOW,
                "odd window, samples")), "exact", false, "running median (medfilt)"));
        e.add(new Entry("traditional", "gaussian", List.of(), List.of(num("sigma", 1, 0.0, 10_000.0, "samples", "standard deviation")),
                "exact", false, "gaussian smoothing (ndimage.gaussian_filter1d)"));

        Param ref = integer("reference_channel", null, 0.0, null, "a reference channel whose explained part is removed");
        Param delay = integer("delay", 1, 1.0, 10_000.0, "prediction delay without a reference, samples");
        Param taps = integer("filter_order", 4, 1.0, 1000.0, "adaptive filter taps", "order");
        e.add(new Entry("advanced", "kalman", List.of(), List.of(choice("model", "constant_level", List.of("constant_level", "constant_velocity"),
                        "state model"), num("process_noise", 1, 0.0, null, null, "process noise variance", "Q"),
                num("measurement_noise", 1, 0.0, null, null, "measurement noise variance", "R")), "exact", true, "scalar Kalman filter"));
        e.add(new Entry("advanced", "lms", List.of("adaptive"), List.of(taps, num("step_size", 0.01, 0.0, 1.0, null, "LMS step mu", "mu"), ref, delay),
                "exact", true, "least mean squares adaptive filter"));
        e.add(new Entry("advanced", "nlms", List.of(), List.of(taps, num("step_size", 0.5, 0.0, 2.0, null, "NLMS step mu", "mu"), ref, delay),
                "exact", true, "normalised LMS"));
        e.add(new Entry("advanced", "rls", List.of(), List.of(taps, num("step_size", 0.01, 0.0, 1.0, null, "unused by RLS, accepted", "mu"),
                FORGETTING_FACTOR, ref, delay), "exact", true, "recursive least squares"));
        e.add(new Entry("advanced", "convolution", List.of(), List.of(choice("kernel", "smoothing", List.of("smoothing", "sharpening", "edge_detection"),
                "kernel"), integer("kernel_size", 3, 3.0, 15.0, "odd kernel size")), "exact", false, "short centred convolution kernel"));
        e.add(new Entry("advanced", "attention", List.of(), List.of(choice("attention_type", "uniform", List.of("uniform", "linear", "gaussian",
                "exponential"), "positional prior"), integer("window_size", 5, 1.0, 1001.0, "window, samples")), "exact", false, "softmax attention over a window"));
        Param loss = choice("loss", "mse", List.of("mse", "mae", "huber"), "data term");
        Param smooth = num("smoothness", 10, 0.0, null, null, "lambda of the second-difference penalty");
        Param iterations = integer("iterations", 100, 1.0, 100_000.0, "iterations");
        Param lr = num("learning_rate", 0.01, 0.0, null, null, "gradient step");
        e.add(new Entry("advanced", "optimization", List.of(), List.of(loss, smooth, iterations, TOLERANCE, lr), "blocks", false,
                "Whittaker smoother (exact for mse, IRLS otherwise)"));
        e.add(new Entry("advanced", "gradient_descent", List.of(), List.of(lr, iterations, loss, smooth), "blocks", false,
                "the Whittaker objective by gradient descent"));

        e.add(new Entry("artifact", "baseline", List.of(), List.of(num("low_freq", 0.5, 0.0, null, "Hz", "high-pass cut-off"),
                integer("filter_order", 2, 1.0, 10.0, "Butterworth order"), zero), "exact", true, "baseline-wander removal (Butterworth high-pass)"));
        e.add(new Entry("artifact", "spike", List.of(), List.of(integer("window_size", 7, 1.0, 1001.0, "odd window, samples"),
                num("n_sigma", 3, 0.0, null, null, "threshold in scaled MADs")), "exact", true, "Hampel identifier (live with a latency of half its window)"));
        e.add(new Entry("artifact", "noise", List.of("wavelet"), List.of(choice("wavelet", "db4", List.of("haar", "db1", "db2", "db3", "db4",
                        "db5", "db6", "db7", "db8", "db9", "db10", "sym2", "sym3", "sym4", "sym5", "sym6", "sym7", "sym8", "sym9", "sym10",
                        "coif1", "coif2", "coif3", "coif4", "coif5"), "wavelet"), integer("level", 3, 1.0, 8.0, "decomposition level"),
                choice("threshold_mode", "soft", List.of("soft", "hard"), "shrinkage"), num("threshold", null, 0.0, null, null,
                        "threshold (default universal)")), "exact", false, "wavelet shrinkage (periodization DWT)"));
        e.add(new Entry("artifact", "powerline", List.of(), List.of(num("powerline_freq", 50, 0.0, null, "Hz", "mains frequency"),
                num("quality_factor", 30, 0.0, 10_000.0, null, "notch Q"), integer("harmonics", null, 1.0, null, "notches (default all below Nyquist)"),
                zero), "exact", true, "mains notches at the frequency and its harmonics"));
        e.add(new Entry("artifact", "pca", List.of(), List.of(integer("n_components", null, 1.0, 4096.0, "components kept"),
                num("variance_threshold", 0.95, 0.0, 1.0, null, "variance kept")), "fitted", false, "multi-channel PCA reconstruction"));
        e.add(new Entry("artifact", "ica", List.of(), List.of(new Param("exclude_components", "list", null, 0.0, null, null, List.of(), List.of(),
                        "components removed (default the most kurtotic)"), choice("ica_output", "reconstruct", List.of("reconstruct", "sources"),
                        "what is returned"), integer("seed", 42, null, null, "random seed")), "fitted", false, "FastICA artefact removal"));

        List<Param> neural = List.of(new Param("complexity", "choice", "low", 1.0, 5.0, null, List.of("1", "2", "3", "4", "5", "low", "medium", "high"),
                        List.of(), "network size and epochs"), integer("epochs", null, 1.0, 2000.0, "training epochs (default by complexity)"),
                integer("seed", 42, null, null, "random seed"));
        e.add(new Entry("neural", "autoencoder", List.of(), neural, "trained", false, "denoising autoencoder trained on the signal"));
        e.add(new Entry("neural", "lstm", List.of(), neural, "trained", false, "bidirectional LSTM predictor"));
        e.add(new Entry("neural", "cnn", List.of(), neural, "trained", false, "blind-spot convolutional network (Noise2Self)"));

        List<Param> ensemble = List.of(new Param("members", "list", null, null, 16.0, null, List.of(), List.of(),
                "filter_params of the members (default kalman, convolution, optimization)"), integer("seed", 42, null, null, "random seed"));
        e.add(new Entry("ensemble", "mean", List.of(), ensemble, "members", false, "sample-wise mean of the members"));
        e.add(new Entry("ensemble", "median", List.of("voting"), ensemble, "members", false, "sample-wise median"));
        e.add(new Entry("ensemble", "weighted", List.of("stacking"), ensemble, "members", false, "quality-weighted mean"));
        e.add(new Entry("ensemble", "bagging", List.of(), ensemble, "members", false, "residual bootstrap"));
        e.add(new Entry("ensemble", "boosting", List.of(), ensemble, "members", false, "residual boosting"));
        return List.copyOf(e);
    }

    private static List<Param> plus(List<Param> base, Param extra) {
        List<Param> out = new ArrayList<>(base);
        out.add(extra);
        return List.copyOf(out);
    }

    /**
     * The entry a filter_params selects, by the same rules as {@link FilterDesigner}: an
     * explicit category, else a bare method's category, else traditional; the method (or the
     * category's default method), or the family (smoothing: savgol; else butter). Null when
     * the selection names nothing known: the designer then says what is wrong.
     */
    public static Entry select(String category, String method, String family) {
        String cat = category == null || category.isBlank() ? null : category.trim().toLowerCase(Locale.ROOT);
        String m = method == null || method.isBlank() ? null : method.trim().toLowerCase(Locale.ROOT);
        if (cat == null) {
            cat = m != null && family == null ? categoryOf(m) : "traditional";
            if (cat == null) {
                return null;
            }
        }
        if (cat.equals("traditional") || cat.equals("smoothing")) {
            String f = family == null || family.isBlank() ? (cat.equals("smoothing") ? "savgol" : "butter") : family.trim().toLowerCase(Locale.ROOT);
            return find("traditional", f);
        }
        String name = m != null ? m : switch (cat) {
            case "advanced" -> "kalman";
            case "artifact" -> "baseline";
            case "neural" -> "autoencoder";
            case "ensemble" -> "mean";
            default -> null;
        };
        return name == null ? null : find(cat, name);
    }

    private static String categoryOf(String method) {
        for (Entry e : ENTRIES) {
            if (!e.category().equals("traditional") && (e.name().equals(method) || e.aliases().contains(method))) {
                return e.category();
            }
        }
        return null;
    }

    private static Entry find(String category, String name) {
        for (Entry e : ENTRIES) {
            if (e.category().equals(category) && (e.name().equals(name) || e.aliases().contains(name))) {
                return e;
            }
        }
        return null;
    }

    /** Field -> canonical name, for an entry's aliases (vitalDSP's Q, R, mu, order). */
    public static Map<String, String> aliases(Entry entry) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Param p : entry.params()) {
            for (String a : p.aliases()) {
                m.put(a, p.name());
            }
        }
        return m;
    }
}
