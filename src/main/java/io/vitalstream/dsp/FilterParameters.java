package io.vitalstream.dsp;

/**
 * What a client asks for in {@code filter_params} (SPEC section 2), every field optional: the
 * wire's form, kept as sent in a job's record. {@link ParamBinder} turns it into the typed
 * {@link MethodParams} of the method it selects, with the registry's defaults and checks. Field names map to the wire's
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

    /** Only the selecting fields: every parameter at its registry default once bound. */
    public static FilterParameters selecting(String category, String method) {
        return new FilterParameters(category, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, method, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
