package io.vitalstream.io;

/** Where filtered frames go, by position (so a backward pass may write its chunks last to first). */
public interface SignalSink extends AutoCloseable {

    int channels();

    long frames();

    /** Writes frames [start, start + count) from src[offset + i * frame + c]. */
    void write(long start, int count, double[] src, int offset, int frame);

    /** The file and layout frames go to, when another process may write there too (a binary file). */
    default java.util.Optional<BinaryWriter.Region> region() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
