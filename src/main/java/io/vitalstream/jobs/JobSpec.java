package io.vitalstream.jobs;

import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterParameters;

import java.util.List;

/**
 * What a client asked a job to do (kept with the job's record).
 *
 * @param uploadId          input by upload, or
 * @param path              input by a path relative to the data dir
 * @param companionUploads  further uploads the input needs beside it (a WFDB .dat for its .hea)
 * @param rawDtype          raw_layout.dtype for raw binary input
 * @param rawChannels       raw_layout.channels
 */
public record JobSpec(String uploadId, String path, List<String> companionUploads, String format, String rawDtype,
                      Integer rawChannels, Double samplingFreq, int[] channels, String signalType, FilterParameters filterParams,
                      List<ChainStage> filterChain, String strategy, String outputFormat) {
}
