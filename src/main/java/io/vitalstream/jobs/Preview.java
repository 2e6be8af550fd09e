package io.vitalstream.jobs;

import java.util.List;

/**
 * A min/max-decimated view of frames [start, end) for plotting: bin b covers
 * [start + b*width, ...), with its time (s) and each channel's minimum and maximum.
 */
public record Preview(long start, long end, int bins, double samplingFreq, double[] time, Double[][] min, Double[][] max,
                      List<String> channelNames) {
}
