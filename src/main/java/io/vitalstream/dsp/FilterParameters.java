package io.vitalstream.dsp;

/**
 * What a client asks for in {@code filter_params} (SPEC section 2), every field optional;
 * {@link FilterDesigner} applies the defaults and validation. Field names map to the wire's
 * snake_case by the JSON layer's naming strategy, so this record carries no annotations.
 */
public record FilterParameters(
        String category,
        String filterType,
        String filterResponse,
        String filterFamily,
        Double lowFreq,
        Double highFreq,
        Integer filterOrder,
        Double rippleDb,
        Double stopbandDb,
        Boolean zeroPhase,
        Double notchFreq,
        Double qualityFactor,
        Integer numTaps,
        String window,
        Double beta,
        Integer windowSize,
        Integer polyorder,
        Double sigma,
        String method,
        java.util.List<FilterParameters> members,
        String wavelet,
        Integer level,
        String thresholdMode,
        Double threshold,
        Double powerlineFreq,
        Integer harmonics,
        Double stepSize,
        Double forgettingFactor,
        Integer referenceChannel,
        Integer delay,
        Double processNoise,
        Double measurementNoise,
        String model,
        String kernel,
        Integer kernelSize,
        String attentionType,
        String loss,
        Double learningRate,
        Integer iterations,
        Double smoothness,
        Double tolerance,
        String complexity,
        Integer epochs,
        Long seed,
        Integer nComponents,
        Double varianceThreshold,
        int[] excludeComponents,
        String icaOutput,
        Double nSigma) {

    /** Only the fields of a traditional IIR design. */
    public static FilterParameters iir(String family, String type, Double low, Double high, int order, boolean zeroPhase) {
        return builder().filterFamily(family).filterType(type).lowFreq(low).highFreq(high).filterOrder(order).zeroPhase(zeroPhase).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For parameters made in code (defaults, ensemble members). */
    public static final class Builder {
        private String category;
        private String filterType;
        private String filterResponse;
        private String filterFamily;
        private Double lowFreq;
        private Double highFreq;
        private Integer filterOrder;
        private Double rippleDb;
        private Double stopbandDb;
        private Boolean zeroPhase;
        private Double notchFreq;
        private Double qualityFactor;
        private Integer numTaps;
        private String window;
        private Double beta;
        private Integer windowSize;
        private Integer polyorder;
        private Double sigma;
        private String method;
        private java.util.List<FilterParameters> members;
        private String wavelet;
        private Integer level;
        private String thresholdMode;
        private Double threshold;
        private Double powerlineFreq;
        private Integer harmonics;
        private Double stepSize;
        private Double forgettingFactor;
        private Integer referenceChannel;
        private Integer delay;
        private Double processNoise;
        private Double measurementNoise;
        private String model;
        private String kernel;
        private Integer kernelSize;
        private String attentionType;
        private String loss;
        private Double learningRate;
        private Integer iterations;
        private Double smoothness;
        private Double tolerance;
        private String complexity;
        private Integer epochs;
        private Long seed;
        private Integer nComponents;
        private Double varianceThreshold;
        private int[] excludeComponents;
        private String icaOutput;
        private Double nSigma;

        public Builder category(String v) {
            this.category = v;
            return this;
        }

        public Builder filterType(String v) {
            this.filterType = v;
            return this;
        }

        public Builder filterResponse(String v) {
            this.filterResponse = v;
            return this;
        }

        public Builder filterFamily(String v) {
            this.filterFamily = v;
            return this;
        }

        public Builder lowFreq(Double v) {
            this.lowFreq = v;
            return this;
        }

        public Builder highFreq(Double v) {
            this.highFreq = v;
            return this;
        }

        public Builder filterOrder(Integer v) {
            this.filterOrder = v;
            return this;
        }

        public Builder rippleDb(Double v) {
            this.rippleDb = v;
            return this;
        }

        public Builder stopbandDb(Double v) {
            this.stopbandDb = v;
            return this;
        }

        public Builder zeroPhase(Boolean v) {
            this.zeroPhase = v;
            return this;
        }

        public Builder notchFreq(Double v) {
            this.notchFreq = v;
            return this;
        }

        public Builder qualityFactor(Double v) {
            this.qualityFactor = v;
            return this;
        }

        public Builder numTaps(Integer v) {
            this.numTaps = v;
            return this;
        }

        public Builder window(String v) {
            this.window = v;
            return this;
        }

        public Builder beta(Double v) {
            this.beta = v;
            return this;
        }

        public Builder windowSize(Integer v) {
            this.windowSize = v;
            return this;
        }

        public Builder polyorder(Integer v) {
            this.polyorder = v;
            return this;
        }

        public Builder sigma(Double v) {
            this.sigma = v;
            return this;
        }

        public Builder method(String v) {
            this.method = v;
            return this;
        }

        public Builder members(java.util.List<FilterParameters> v) {
            this.members = v;
            return this;
        }

        public Builder wavelet(String v) {
            this.wavelet = v;
            return this;
        }

        public Builder level(Integer v) {
            this.level = v;
            return this;
        }

        public Builder thresholdMode(String v) {
            this.thresholdMode = v;
            return this;
        }

        public Builder threshold(Double v) {
            this.threshold = v;
            return this;
        }

        public Builder powerlineFreq(Double v) {
            this.powerlineFreq = v;
            return this;
        }

        public Builder harmonics(Integer v) {
            this.harmonics = v;
            return this;
        }

        public Builder stepSize(Double v) {
            this.stepSize = v;
            return this;
        }

        public Builder forgettingFactor(Double v) {
            this.forgettingFactor = v;
            return this;
        }

        public Builder referenceChannel(Integer v) {
            this.referenceChannel = v;
            return this;
        }

        public Builder delay(Integer v) {
            this.delay = v;
            return this;
        }

        public Builder processNoise(Double v) {
            this.processNoise = v;
            return this;
        }

        public Builder measurementNoise(Double v) {
            this.measurementNoise = v;
            return this;
        }

        public Builder model(String v) {
            this.model = v;
            return this;
        }

        public Builder kernel(String v) {
            this.kernel = v;
            return this;
        }

        public Builder kernelSize(Integer v) {
            this.kernelSize = v;
            return this;
        }

        public Builder attentionType(String v) {
            this.attentionType = v;
            return this;
        }

        public Builder loss(String v) {
            this.loss = v;
            return this;
        }

        public Builder learningRate(Double v) {
            this.learningRate = v;
            return this;
        }

        public Builder iterations(Integer v) {
            this.iterations = v;
            return this;
        }

        public Builder smoothness(Double v) {
            this.smoothness = v;
            return this;
        }

        public Builder tolerance(Double v) {
            this.tolerance = v;
            return this;
        }

        public Builder complexity(String v) {
            this.complexity = v;
            return this;
        }

        public Builder epochs(Integer v) {
            this.epochs = v;
            return this;
        }

        public Builder seed(Long v) {
            this.seed = v;
            return this;
        }

        public Builder nComponents(Integer v) {
            this.nComponents = v;
            return this;
        }

        public Builder varianceThreshold(Double v) {
            this.varianceThreshold = v;
            return this;
        }

        public Builder excludeComponents(int[] v) {
            this.excludeComponents = v;
            return this;
        }

        public Builder icaOutput(String v) {
            this.icaOutput = v;
            return this;
        }

        public Builder nSigma(Double v) {
            this.nSigma = v;
            return this;
        }

        public FilterParameters build() {
            return new FilterParameters(category, filterType, filterResponse, filterFamily, lowFreq, highFreq, filterOrder, rippleDb, stopbandDb, zeroPhase, notchFreq, qualityFactor, numTaps, window, beta, windowSize, polyorder, sigma, method, members, wavelet, level, thresholdMode, threshold, powerlineFreq, harmonics, stepSize, forgettingFactor, referenceChannel, delay, processNoise, measurementNoise, model, kernel, kernelSize, attentionType, loss, learningRate, iterations, smoothness, tolerance, complexity, epochs, seed, nComponents, varianceThreshold, excludeComponents, icaOutput, nSigma);
        }
    }
}
