package io.vitalstream.dsp;

/** A filter over all channels of a whole signal (channel-major arrays in, same shape out). */
@FunctionalInterface
public interface WholeSignalMethod {

    double[][] apply(double[][] channels);
}
