package io.vitalstream.dsp;

/** Where filtered frames go, by position; disjoint ranges may be written concurrently. */
public interface FrameWriter {

    /** Frames [start, start + count) of every channel from src[offset + i * frame + c]. */
    void write(long start, int count, double[] src, int offset, int frame);

    /** Whether {@link #writePieces} takes a range of channels (in-memory arrays); file writers take whole frames. */
    default boolean channelRanges() {
        return false;
    }

    /**
     * Several equally long pieces side by side, piece g (to starts[g]) from the lanes at
     * g * channelCount, for channels [first, first + channelCount) (see {@link
     * FrameReader#readPieces}); writers of whole frames take first = 0 and every channel.
     */
    default void writePieces(long[] starts, int pieces, int count, int first, int channelCount, double[] src, int frame) {
        if (first != 0) {
            throw new UnsupportedOperationException("this writer takes whole frames");
        }
        for (int g = 0; g < pieces; g++) {
            write(starts[g], count, src, g * channelCount, frame);
        }
    }
}
