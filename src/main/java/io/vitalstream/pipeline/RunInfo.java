package io.vitalstream.pipeline;

/** Facts known once the input is open, before filtering starts. */
public record RunInfo(StrategyChoice strategy, long samples, int channels, double samplingFreq, long bytesIn, int chunksTotal) {
}
