package io.vitalstream.dsp;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
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
import io.vitalstream.dsp.methods.WaveletDenoise;
import io.vitalstream.dsp.neural.NeuralDenoiser;
import io.vitalstream.error.InvalidParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Designs the advanced, artifact, neural and ensemble categories (SPEC section 2) from their
 * bound records; an engine's own refusal (an IllegalArgumentException) is blamed on the field
 * that caused it.
 */
final class MethodDesigner {

    private MethodDesigner() {
    }

    static FilterSpec advanced(MethodParams.Advanced p) {
        return switch (p) {
            case MethodParams.Kalman k -> new FilterSpec.Causal("kalman", guard("measurement_noise",
                    () -> new Kalman(k.model(), k.processNoise(), k.measurementNoise())));
            case MethodParams.Adaptive a -> new FilterSpec.Causal(a.algorithm().name().toLowerCase(Locale.ROOT), guard("filter_order",
                    () -> new AdaptiveFilter(a.algorithm(), a.taps(), a.stepSize(), a.forgettingFactor(), 0.01, a.referenceChannel(), a.delay())));
            case MethodParams.Convolution c -> new FilterSpec.Windowed("convolution", guard("kernel_size",
                    () -> new ConvolutionKernel(c.kernel(), c.kernelSize())));
            case MethodParams.AttentionWindow a -> new FilterSpec.Windowed("attention", guard("window_size",
                    () -> new Attention(a.prior(), a.windowSize())));
            case MethodParams.Smoothness s -> new FilterSpec.Whole(s.gradientDescent() ? "gradient_descent" : "optimization", guard("loss",
                    () -> new SmoothnessOptimizer(s.loss(), s.smoothness(), s.gradientDescent(), s.learningRate(), s.iterations(), s.tolerance())));
        };
    }

    static FilterSpec artifact(MethodParams.Artifact p, double fs) {
        return switch (p) {
            case MethodParams.Baseline b -> {
                FilterDesigner.requireBelowNyquist("low_freq", b.lowFreq(), fs);
                yield new FilterSpec.Iir(IirDesign.design(IirFamily.BUTTER, Response.HIGHPASS, b.order(), new double[] {b.lowFreq()}, fs,
                        MethodRegistry.RIPPLE_DB.doubleDefault(), MethodRegistry.STOPBAND_DB.doubleDefault()), b.zeroPhase());
            }
            case MethodParams.Spike s -> new FilterSpec.Windowed("spike", guard("window_size", () -> new Hampel(s.windowSize(), s.nSigma())));
            case MethodParams.WaveletNoise w -> new FilterSpec.Whole("wavelet", guard("level",
                    () -> new WaveletDenoise(w.wavelet(), w.level(), w.soft(), w.threshold())));
            case MethodParams.Powerline pl -> powerline(pl, fs);
            case MethodParams.Pca pca -> new FilterSpec.Whole("pca", guard("n_components", () -> new Pca(pca.components(), pca.varianceThreshold())));
            case MethodParams.Ica ica -> new FilterSpec.Whole("ica", new FastIca(ica.seed(), ica.exclude(), ica.sourcesOut()));
        };
    }

    /** iirnotch at f0 and every harmonic below Nyquist (or the first {@code harmonics}), cascaded. */
    private static FilterSpec powerline(MethodParams.Powerline p, double fs) {
        double f0 = p.freq();
        if (f0 >= fs / 2) {
            throw new InvalidParameterException("powerline_freq", "powerline_freq " + FilterDesigner.fmt(f0)
                    + " Hz must be below the Nyquist frequency " + FilterDesigner.fmt(fs / 2) + " Hz");
        }
        int max = p.harmonics() == 0 ? Integer.MAX_VALUE : p.harmonics();
        List<double[]> rows = new ArrayList<>();
        for (int k = 1; k <= max && k * f0 < fs / 2 * 0.999; k++) {
            rows.add(IirDesign.notch(k * f0, p.qualityFactor(), fs).sections()[0]);
        }
        return new FilterSpec.Iir(new Sos(rows.toArray(double[][]::new)), p.zeroPhase());
    }

    static FilterSpec neural(MethodParams.Neural p) {
        return new FilterSpec.Whole(p.kind().name().toLowerCase(Locale.ROOT), guard("epochs",
                () -> new NeuralDenoiser(p.kind(), p.complexity(), p.epochs(), p.seed())));
    }

    static FilterSpec ensemble(MethodParams.EnsembleOf p, double fs) {
        List<FilterSpec> specs = new ArrayList<>();
        for (int i = 0; i < p.members().size(); i++) {
            try {
                specs.add(FilterDesigner.design(p.members().get(i), fs));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("members[" + i + "]." + e.field(), "ensemble member " + i + ": " + e.getMessage());
            }
        }
        return new FilterSpec.Whole("ensemble " + p.combine().name().toLowerCase(Locale.ROOT), new Ensemble(specs, p.combine(), p.seed()));
    }

    private static <T> T guard(String field, Supplier<T> make) {
        return ParamBinder.guard(field, make);
    }
}
