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
        String method) {

    /** Only the fields of a traditional IIR design. */
    public static FilterParameters iir(String family, String type, Double low, Double high, int order, boolean zeroPhase) {
        return new FilterParameters(null, type, null, family, low, high, order, null, null, zeroPhase,
                null, null, null, null, null, null, null, null, null);
    }
}
