package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.RawLayout;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What to filter and how.
 *
 * @param input        the input file (already resolved inside the data dir)
 * @param format       null to detect
 * @param rawLayout    for raw binary input
 * @param channels     null for all
 * @param samplingFreq null to take the file's
 * @param design       the filter stages for a sampling rate (designed once the rate is known)
 * @param strategy     null for automatic selection
 * @param output       the result's format
 * @param result       where the result is published (its .part sibling is written first)
 * @param scratch      a private folder for temporary files, emptied by the caller
 */
public record PipelineJob(Path input, InputFormat format, RawLayout rawLayout, int[] channels, Double samplingFreq,
                          DoubleFunction<List<FilterSpec>> design, Strategy strategy, OutputFormat output, Path result,
                          Path scratch) {
}
