package io.vitalstream.dsp;

/** Where filtered frames go, by position; disjoint ranges may be written concurrently. */
public interface FrameWriter {

    /** Frames [start, start + count) of every channel from src[offset + i * frame + c]. */
    void write(long start, int count, double[] src, int offset, int frame);

    /** Whether {@link #writeChannels} is supported (in-memory arrays); file writers take whole frames. */
    default boolean writesChannelRanges() {
        return false;
    }

    /** Frames [start, start + count) of channels [first, first + channelCount) from src[offset + i * frame + (c - first)]. */
    default void writeChannels(long start, int count, int first, int channelCount, double[] src, int offset, int frame) {
        throw new UnsupportedOperationException("this writer takes whole frames");
    }

    /** Several equally long pieces side by side, piece g from the lanes at g * channels (see {@link FrameReader#readPieces}). */
    default void writePieces(long[] starts, int pieces, int count, int channels, double[] src, int frame) {
        for (int g = 0; g < pieces; g++) {
            write(starts[g], count, src, g * channels, frame);
        }
    }
}
