package io.vitalstream.io;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A recording as frames of channels, read by position: frame t holds one sample of each
 * (selected) channel, as physical values in double precision. Readers decode on demand
 * from the file (mapped windows or positional reads); nothing holds the whole file.
 * Implementations are safe for concurrent {@link #read} calls.
 */
public interface SignalSource extends AutoCloseable {

    int channels();

    long frames();

    /** From the file, when the format carries one (EDF, WFDB, CSV time column). */
    OptionalDouble samplingRate();

    /** The stored encoding, which decides the output type (float64 in, float64 out; else float32). */
    SampleType sampleType();

    List<String> channelNames();

    /** Bytes of sample data in the file (for strategy selection). */
    long dataBytes();

    /**
     * Decodes frames [start, start + count) into dest: sample c of frame i goes to
     * dest[offset + i * frame + c], for c below {@link #channels()}; other lanes untouched.
     */
    void read(long start, int count, double[] dest, int offset, int frame);

    @Override
    void close();
}
