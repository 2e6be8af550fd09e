package io.vitalstream.dsp;

/**
 * Frames of a multi-channel signal read by position into vector lanes: in memory (channel
 * arrays) or from a file, so that one algorithm serves both.
 */
public interface FrameReader {

    int channels();

    long frames();

    /**
     * Frames [start, start + count) of channels [first, first + channelCount) into
     * dest[offset + i * frame + (c - first)]; other lanes untouched. Safe for concurrent calls.
     */
    void read(long start, int count, int first, int channelCount, double[] dest, int offset, int frame);

    /**
     * Whether reading (and, as a writer, writing) a few channels costs only those channels
     * (in-memory arrays); file readers decode whole frames, so callers read every channel
     * once and split the lanes.
     */
    default boolean channelRanges() {
        return false;
    }

    /**
     * Several equally long pieces side by side: piece g (starting at starts[g]) goes to the
     * lanes from g * channelCount. Readers that transpose override this to do it in tiles.
     */
    default void readPieces(long[] starts, int pieces, int count, int first, int channelCount, double[] dest, int frame) {
        for (int g = 0; g < pieces; g++) {
            read(starts[g], count, first, channelCount, dest, g * channelCount, frame);
        }
    }
}
