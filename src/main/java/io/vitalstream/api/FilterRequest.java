package io.vitalstream.api;

import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterParameters;

import java.util.List;

/** Body of POST /api/filtering/filter (SPEC section 3). */
public record FilterRequest(
        SignalData signalData,
        Double samplingFreq,
        String signalType,
        FilterParameters filterParams,
        List<ChainStage> filterChain,
        Boolean qualityAssessment) {
}
