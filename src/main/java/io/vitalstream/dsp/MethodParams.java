package io.vitalstream.dsp;

import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.dsp.methods.AdaptiveFilter;
import io.vitalstream.dsp.methods.Attention;
import io.vitalstream.dsp.methods.ConvolutionKernel;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.dsp.methods.SmoothnessOptimizer;
import io.vitalstream.dsp.methods.Wavelet;
import io.vitalstream.dsp.neural.NeuralDenoiser;

import java.util.List;

/**
 * A filter request bound to its method: one record per method of the registry, every
 * parameter present (defaults applied from {@link MethodRegistry}), every choice an enum or a
 * value object. {@link ParamBinder} makes them from the wire's {@link FilterParameters};
 * {@link FilterDesigner} designs from them, with switches the compiler checks.
 */
public sealed interface MethodParams {

    /** SPEC 2.1: frequency-selective IIR/FIR designs and the smoothing windows. */
    sealed interface Traditional extends MethodParams {
    }

    /** SPEC 2.2: model-based and adaptive filters. */
    sealed interface Advanced extends MethodParams {
    }

    /** SPEC 2.3: artefact removal. */
    sealed interface Artifact extends MethodParams {
    }

    /**
     * The cut-offs of a band design, resolved from low_freq/high_freq by the response.
     *
     * @param fields the request field each cut-off came from (named when one is out of range)
     */
    record Band(Response response, double[] cutoffs, List<String> fields) {
    }

    /** Butterworth, Chebyshev I and II, elliptic, Bessel. */
    record Iir(IirFamily family, Band band, int order, double rippleDb, double stopbandDb, boolean zeroPhase) implements Traditional {
    }

    /** iirnotch at {@code freq} (filter_type notch of any IIR family). */
    record Notch(double freq, double qualityFactor, boolean zeroPhase) implements Traditional {
    }

    record Fir(Band band, int numTaps, Window window, boolean zeroPhase) implements Traditional {
    }

    record Savgol(int windowSize, int polyorder) implements Traditional {
    }

    record MovingAverage(int windowSize) implements Traditional {
    }

    record Median(int windowSize) implements Traditional {
    }

    record Gaussian(double sigma) implements Traditional {
    }

    record Kalman(io.vitalstream.dsp.methods.Kalman.Model model, double processNoise, double measurementNoise) implements Advanced {
    }

    /** LMS, NLMS, RLS; {@code referenceChannel} -1 means prediction with {@code delay}. */
    record Adaptive(AdaptiveFilter.Algorithm algorithm, int taps, double stepSize, double forgettingFactor, int referenceChannel, int delay)
            implements Advanced {
    }

    record Convolution(ConvolutionKernel.Kind kernel, int kernelSize) implements Advanced {
    }

    record AttentionWindow(Attention.Prior prior, int windowSize) implements Advanced {
    }

    /** The Whittaker objective, solved exactly/by IRLS ({@code optimization}) or by gradient descent. */
    record Smoothness(SmoothnessOptimizer.Loss loss, double smoothness, boolean gradientDescent, double learningRate, int iterations,
                      double tolerance) implements Advanced {
    }

    /** Butterworth high-pass below the baseline cut-off. */
    record Baseline(double lowFreq, int order, boolean zeroPhase) implements Artifact {
    }

    record Spike(int windowSize, double nSigma) implements Artifact {
    }

    /** {@code threshold} null: the universal threshold. */
    record WaveletNoise(Wavelet wavelet, int level, boolean soft, Double threshold) implements Artifact {
    }

    /** {@code harmonics} 0: every harmonic below Nyquist. */
    record Powerline(double freq, double qualityFactor, int harmonics, boolean zeroPhase) implements Artifact {
    }

    /** {@code components} null: as many as {@code varianceThreshold} needs. */
    record Pca(Integer components, double varianceThreshold) implements Artifact {
    }

    /** {@code exclude} null: the most kurtotic component. */
    record Ica(long seed, int[] exclude, boolean sourcesOut) implements Artifact {
    }

    /** SPEC 2.4: {@code epochs} null: by complexity. */
    record Neural(NeuralDenoiser.Kind kind, int complexity, Integer epochs, long seed) implements MethodParams {
    }

    /** SPEC 2.5. */
    record EnsembleOf(Ensemble.Combine combine, List<MethodParams> members, long seed) implements MethodParams {
    }
}
