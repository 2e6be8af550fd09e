package io.vitalstream.api;

import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterParameters;

import java.util.List;

/** Body of POST /api/filtering/jobs (SPEC section 3). */
public record JobRequest(Input input, String format, RawLayout rawLayout, Double samplingFreq, int[] channels, String signalType,
                         FilterParameters filterParams, List<ChainStage> filterChain, String strategy, String outputFormat) {

    /** {upload_id} or {path} (relative to the data dir); companion uploads sit beside the input (a WFDB .dat). */
    public record Input(String uploadId, String path, List<String> companionUploadIds) {
    }

    public record RawLayout(String dtype, Integer channels) {
    }
}
