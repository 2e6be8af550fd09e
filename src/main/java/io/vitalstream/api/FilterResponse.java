package io.vitalstream.api;

/** Response of POST /api/filtering/filter; {@code filtered_signal} has the request's shape. */
public record FilterResponse(
        String requestId,
        boolean success,
        String strategy,
        Object filteredSignal,
        double samplingFreq,
        double processingTimeMs) {
}
