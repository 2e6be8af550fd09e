package io.vitalstream.dsp;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.dsp.methods.AdaptiveFilter;
import io.vitalstream.dsp.methods.Attention;
import io.vitalstream.dsp.methods.ConvolutionKernel;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.dsp.methods.FastIca;
import io.vitalstream.dsp.methods.Hampel;
import io.vitalstream.dsp.methods.Kalman;
import io.vitalstream.dsp.methods.Pca;
import io.vitalstream.dsp.methods.SmoothnessOptimizer;
import io.vitalstream.dsp.methods.Wavelet;
import io.vitalstream.dsp.methods.WaveletDenoise;
import io.vitalstream.dsp.neural.NeuralDenoiser;
import io.vitalstream.error.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The advanced, artifact, neural and ensemble categories (SPEC section 2): method names,
 * vitalDSP's defaults, and the field to blame when a parameter cannot be used.
 */
final class MethodDesigner {

    static final int MAX_ENSEMBLE_DEPTH = 2;

    private MethodDesigner() {
    }

    static FilterSpec design(String category, FilterParameters p, double fs, int depth) {
        String method = p.method() == null || p.method().isBlank() ? defaultMethod(category) : p.method().trim().toLowerCase(Locale.ROOT);
        return switch (category) {
            case "advanced" -> advanced(method, p);
            case "artifact" -> artifact(method, p, fs);
            case "neural" -> neural(method, p);
            case "ensemble" -> ensemble(method, p, fs, depth);
            default -> throw new IllegalStateException(category);
        };
    }

    private static String defaultMethod(String category) {
        return switch (category) {
            case "advanced" -> "kalman";
            case "artifact" -> "baseline";
            case "neural" -> "autoencoder";
            default -> "mean";
        };
    }

    private static FilterSpec advanced(String method, FilterParameters p) {
        return switch (method) {
            case "kalman" -> new FilterSpec.Causal("kalman", guard("measurement_noise", () -> new Kalman(
                    kalmanModel(p.model()), positive("process_noise", p.processNoise(), 1.0), positive("measurement_noise", p.measurementNoise(), 1.0))));
            case "lms", "adaptive" -> adaptive(AdaptiveFilter.Algorithm.LMS, p, 0.01);
            case "nlms" -> adaptive(AdaptiveFilter.Algorithm.NLMS, p, 0.5);
            case "rls" -> adaptive(AdaptiveFilter.Algorithm.RLS, p, 0.01);
            case "convolution" -> new FilterSpec.Windowed("convolution", guard("kernel_size",
                    () -> new ConvolutionKernel(p.kernel() == null ? "smoothing" : p.kernel(), p.kernelSize() == null ? 3 : p.kernelSize())));
            case "attention" -> new FilterSpec.Windowed("attention", guard("window_size",
                    () -> new Attention(p.attentionType() == null ? "uniform" : p.attentionType(), p.windowSize() == null ? 5 : p.windowSize())));
            case "optimization", "gradient_descent" -> new FilterSpec.Whole(method, guard("loss", () -> new SmoothnessOptimizer(
                    SmoothnessOptimizer.parseLoss(p.loss()), nonNegative("smoothness", p.smoothness(), 10.0), method.equals("gradient_descent"),
                    p.learningRate() == null ? 0.01 : p.learningRate(), p.iterations() == null ? 100 : p.iterations(),
                    p.tolerance() == null ? 1e-10 : p.tolerance())));
            default -> throw new InvalidParameterException("method", "unknown advanced method '" + method
                    + "'; use kalman, lms (adaptive), nlms, rls, convolution, attention, optimization or gradient_descent");
        };
    }

    private static FilterSpec adaptive(AdaptiveFilter.Algorithm a, FilterParameters p, double defaultMu) {
        int taps = p.filterOrder() == null ? 4 : p.filterOrder();
        double mu = p.stepSize() == null ? defaultMu : p.stepSize();
        if (!(mu > 0) || mu > (a == AdaptiveFilter.Algorithm.NLMS ? 2 : 1)) {
            throw new InvalidParameterException("step_size", "step_size must be in (0, " + (a == AdaptiveFilter.Algorithm.NLMS ? 2 : 1) + "], got " + mu);
        }
        double lambda = p.forgettingFactor() == null ? 0.99 : p.forgettingFactor();
        if (!(lambda > 0 && lambda <= 1)) {
            throw new InvalidParameterException("forgetting_factor", "forgetting_factor must be in (0, 1], got " + lambda);
        }
        int reference = p.referenceChannel() == null ? -1 : p.referenceChannel();
        if (p.referenceChannel() != null && reference < 0) {
            throw new InvalidParameterException("reference_channel", "reference_channel is a channel number from 0");
        }
        int delay = p.delay() == null ? 1 : p.delay();
        if (delay < 1 || delay > 10_000) {
            throw new InvalidParameterException("delay", "delay must be between 1 and 10000 samples");
        }
        AdaptiveFilter f = guard("filter_order", () -> new AdaptiveFilter(a, taps, mu, lambda, 0.01, reference, delay));
        return new FilterSpec.Causal(a.name().toLowerCase(Locale.ROOT), f);
    }

    private static Kalman.Model kalmanModel(String s) {
        return switch (s == null ? "constant_level" : s.toLowerCase(Locale.ROOT)) {
            case "constant_level", "level", "random_walk" -> Kalman.Model.CONSTANT_LEVEL;
            case "constant_velocity", "velocity" -> Kalman.Model.CONSTANT_VELOCITY;
            default -> throw new InvalidParameterException("model", "unknown Kalman model '" + s + "'; use constant_level or constant_velocity");
        };
    }

    private static FilterSpec artifact(String method, FilterParameters p, double fs) {
        return switch (method) {
            case "baseline" -> {
                double cut = p.lowFreq() == null ? 0.5 : p.lowFreq();
                yield FilterDesigner.design(FilterParameters.builder().filterFamily("butter").filterType("highpass").lowFreq(cut)
                        .filterOrder(p.filterOrder() == null ? 2 : p.filterOrder()).zeroPhase(p.zeroPhase() == null || p.zeroPhase()).build(), fs);
            }
            case "spike" -> new FilterSpec.Windowed("spike", guard("window_size",
                    () -> new Hampel(p.windowSize() == null ? 7 : p.windowSize(), p.nSigma() == null ? 3 : p.nSigma())));
            case "noise", "wavelet" -> new FilterSpec.Whole("wavelet", guard("wavelet", () -> new WaveletDenoise(Wavelet.named(p.wavelet()),
                    p.level() == null ? 3 : p.level(), !"hard".equalsIgnoreCase(p.thresholdMode()), p.threshold())));
            case "powerline" -> powerline(p, fs);
            case "pca" -> new FilterSpec.Whole("pca", guard("n_components",
                    () -> new Pca(p.nComponents(), p.varianceThreshold() == null ? 0.95 : p.varianceThreshold())));
            case "ica" -> new FilterSpec.Whole("ica", new FastIca(p.seed() == null ? 42 : p.seed(), p.excludeComponents(),
                    "sources".equalsIgnoreCase(p.icaOutput())));
            default -> throw new InvalidParameterException("method", "unknown artifact method '" + method
                    + "'; use baseline, spike, noise (wavelet), powerline, pca or ica");
        };
    }

    /** iirnotch at f0 and every harmonic below Nyquist (or the first {@code harmonics}), cascaded. */
    private static FilterSpec powerline(FilterParameters p, double fs) {
        double f0 = p.powerlineFreq() == null ? 50 : p.powerlineFreq();
        if (!(f0 > 0) || f0 >= fs / 2) {
            throw new InvalidParameterException("powerline_freq", "powerline_freq " + f0 + " Hz must be above 0 and below the Nyquist frequency "
                    + fs / 2 + " Hz");
        }
        double q = p.qualityFactor() == null ? 30 : p.qualityFactor();
        if (!(q > 0) || q > 10_000) {
            throw new InvalidParameterException("quality_factor", "quality_factor must be above 0 and at most 10000");
        }
        int max = p.harmonics() == null ? Integer.MAX_VALUE : p.harmonics();
        if (max < 1) {
            throw new InvalidParameterException("harmonics", "harmonics counts the notches, at least 1");
        }
        List<double[]> rows = new ArrayList<>();
        for (int k = 1; k <= max && k * f0 < fs / 2 * 0.999; k++) {
            rows.add(IirDesign.notch(k * f0, q, fs).sections()[0]);
        }
        return new FilterSpec.Iir(new Sos(rows.toArray(double[][]::new)), p.zeroPhase() == null || p.zeroPhase());
    }

    private static FilterSpec neural(String method, FilterParameters p) {
        NeuralDenoiser.Kind kind = switch (method) {
            case "autoencoder" -> NeuralDenoiser.Kind.AUTOENCODER;
            case "lstm" -> NeuralDenoiser.Kind.LSTM;
            case "cnn" -> NeuralDenoiser.Kind.CNN;
            default -> throw new InvalidParameterException("method", "unknown neural method '" + method + "'; use autoencoder, lstm or cnn");
        };
        int complexity = guard("complexity", () -> NeuralDenoiser.parseComplexity(p.complexity()));
        return new FilterSpec.Whole(method, guard("complexity", () -> new NeuralDenoiser(kind, complexity, p.epochs(), p.seed() == null ? 42 : p.seed())));
    }

    private static FilterSpec ensemble(String method, FilterParameters p, double fs, int depth) {
        Ensemble.Combine combine = guard("method", () -> Ensemble.parse(method));
        if (depth >= MAX_ENSEMBLE_DEPTH) {
            throw new InvalidParameterException("members", "ensembles nest at most " + MAX_ENSEMBLE_DEPTH + " deep");
        }
        List<FilterParameters> members = p.members() == null || p.members().isEmpty() ? defaultMembers() : p.members();
        if (members.size() > 16) {
            throw new InvalidParameterException("members", "an ensemble has at most 16 members, got " + members.size());
        }
        List<FilterSpec> specs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            FilterParameters m = members.get(i);
            if (m == null) {
                throw new InvalidParameterException("members[" + i + "]", "ensemble member " + i + " is empty");
            }
            try {
                specs.add(FilterDesigner.design(m, fs, depth + 1));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("members[" + i + "]." + e.field(), "ensemble member " + i + ": " + e.getMessage());
            }
        }
        return new FilterSpec.Whole("ensemble " + method, new Ensemble(specs, combine, p.seed() == null ? 42 : p.seed()));
    }

    /** vitalDSP's default set: Kalman (R = 0.1), 3-point smoothing convolution, mse optimisation. */
    static List<FilterParameters> defaultMembers() {
        return List.of(
                FilterParameters.builder().category("advanced").method("kalman").measurementNoise(0.1).build(),
                FilterParameters.builder().category("advanced").method("convolution").kernel("smoothing").kernelSize(3).build(),
                FilterParameters.builder().category("advanced").method("optimization").loss("mse").build());
    }

    private static double positive(String field, Double v, double fallback) {
        double x = v == null ? fallback : v;
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new InvalidParameterException(field, field + " must be a positive number, got " + x);
        }
        return x;
    }

    private static double nonNegative(String field, Double v, double fallback) {
        double x = v == null ? fallback : v;
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new InvalidParameterException(field, field + " must be zero or positive, got " + x);
        }
        return x;
    }

    /** Builds a method, blaming {@code field} for an IllegalArgumentException. */
    private static <T> T guard(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, e.getMessage());
        }
    }
}
