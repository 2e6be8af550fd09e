package io.vitalstream.pipeline;

import io.vitalstream.io.SampleType;

import java.nio.file.Path;

/** What a finished run produced. */
public record PipelineResult(Path result, StrategyChoice strategy, long samples, int channels, double samplingFreq,
                             long bytesIn, int chunks, SampleType outputType) {
}
