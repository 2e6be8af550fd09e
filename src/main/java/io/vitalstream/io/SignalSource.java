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

    /** What {@link #scan} hands each sample to. */
    @FunctionalInterface
    interface SampleVisitor {
        void accept(int channel, double value);
    }

    /**
     * Every sample of frames [0, frames()), frame by frame and channel by channel within a
     * frame, read {@code piece} frames at a time into one buffer; {@code afterPiece} runs
     * after each piece (a cancellation checkpoint, say).
     */
    default void scan(int piece, SampleVisitor visitor, Runnable afterPiece) {
        int ch = channels();
        long n = frames();
        double[] buf = new double[piece * ch];
        for (long start = 0; start < n; start += piece) {
            int count = (int) Math.min(piece, n - start);
            read(start, count, buf, 0, ch);
            for (int i = 0, p = 0; i < count; i++) {
                for (int c = 0; c < ch; c++, p++) {
                    visitor.accept(c, buf[p]);
                }
            }
            afterPiece.run();
        }
    }

    @Override
    void close();
}
