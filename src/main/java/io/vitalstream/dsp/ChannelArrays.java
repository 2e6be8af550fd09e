package io.vitalstream.dsp;

/**
 * Channel-major arrays ({@code x[channel][sample]}) as frames: reads transpose them into
 * interleaved lanes and writes transpose back, in tiles of {@value #TILE} frames so the
 * scattered side of the transpose stays within the first-level cache.
 */
public final class ChannelArrays implements FrameReader, FrameWriter {

    static final int TILE = 64;

    private final double[][] x;

    public ChannelArrays(double[][] x) {
        this.x = x;
    }

    /** n frames of {@code channels} interleaved values as channel-major arrays (the tiled transpose). */
    public static double[][] fromFrames(double[] frames, int n, int channels) {
        double[][] x = new double[channels][n];
        new ChannelArrays(x).write(0, n, frames, 0, channels);
        return x;
    }

    /** Channel-major arrays (all of one length) into interleaved frames (the tiled transpose). */
    public static void toFrames(double[][] x, double[] frames) {
        new ChannelArrays(x).read(0, x[0].length, 0, x.length, frames, 0, x.length);
    }

    @Override
    public int channels() {
        return x.length;
    }

    @Override
    public long frames() {
        return x[0].length;
    }

    @Override
    public boolean readsChannelRanges() {
        return true;
    }

    @Override
    public void read(long start, int count, int first, int channelCount, double[] dest, int offset, int frame) {
        readPieces(new long[] {start}, 1, count, first, channelCount, dest, frame, offset);
    }

    @Override
    public void readPieces(long[] starts, int pieces, int count, int first, int channelCount, double[] dest, int frame) {
        readPieces(starts, pieces, count, first, channelCount, dest, frame, 0);
    }

    private void readPieces(long[] starts, int pieces, int count, int first, int channelCount, double[] dest, int frame, int offset) {
        if (pieces == 1 && channelCount == 1 && frame == 1) {
            System.arraycopy(x[first], (int) starts[0], dest, offset, count);
            return;
        }
        if (pieces == 1 && channelCount == 4 && frame == 4) {
            // a lane group of four channels: four streams in, one out
            double[] c0 = x[first], c1 = x[first + 1], c2 = x[first + 2], c3 = x[first + 3];
            int from = (int) starts[0];
            for (int i = 0, p = offset; i < count; i++, p += 4) {
                dest[p] = c0[from + i];
                dest[p + 1] = c1[from + i];
                dest[p + 2] = c2[from + i];
                dest[p + 3] = c3[from + i];
            }
            return;
        }
        if (channelCount == 1 && pieces % 4 == 0) {
            // one channel cut in time: four pieces at a time, each read in order
            double[] column = x[first];
            for (int g = 0; g < pieces; g += 4) {
                int s0 = (int) starts[g], s1 = (int) starts[g + 1], s2 = (int) starts[g + 2], s3 = (int) starts[g + 3];
                int p = offset + g;
                for (int i = 0; i < count; i++, p += frame) {
                    dest[p] = column[s0 + i];
                    dest[p + 1] = column[s1 + i];
                    dest[p + 2] = column[s2 + i];
                    dest[p + 3] = column[s3 + i];
                }
            }
            return;
        }
        for (int t = 0; t < count; t += TILE) {
            int end = Math.min(count, t + TILE);
            for (int g = 0; g < pieces; g++) {
                int from = (int) starts[g];
                for (int k = 0; k < channelCount; k++) {
                    double[] column = x[first + k];
                    int p = offset + t * frame + g * channelCount + k;
                    for (int i = t; i < end; i++, p += frame) {
                        dest[p] = column[from + i];
                    }
                }
            }
        }
    }

    @Override
    public void write(long start, int count, double[] src, int offset, int frame) {
        writePieces(new long[] {start}, 1, count, x.length, src, frame, offset);
    }

    @Override
    public boolean writesChannelRanges() {
        return true;
    }

    @Override
    public void writeChannels(long start, int count, int first, int channelCount, double[] src, int offset, int frame) {
        if (channelCount == 4 && frame == 4) {
            double[] c0 = x[first], c1 = x[first + 1], c2 = x[first + 2], c3 = x[first + 3];
            int to = (int) start;
            for (int i = 0, p = offset; i < count; i++, p += 4) {
                c0[to + i] = src[p];
                c1[to + i] = src[p + 1];
                c2[to + i] = src[p + 2];
                c3[to + i] = src[p + 3];
            }
            return;
        }
        for (int t = 0; t < count; t += TILE) {
            int end = Math.min(count, t + TILE);
            for (int c = 0; c < channelCount; c++) {
                double[] column = x[first + c];
                int to = (int) start;
                int p = offset + t * frame + c;
                for (int i = t; i < end; i++, p += frame) {
                    column[to + i] = src[p];
                }
            }
        }
    }

    @Override
    public void writePieces(long[] starts, int pieces, int count, int channels, double[] src, int frame) {
        writePieces(starts, pieces, count, channels, src, frame, 0);
    }

    private void writePieces(long[] starts, int pieces, int count, int channels, double[] src, int frame, int offset) {
        if (pieces == 1 && channels == 1 && frame == 1) {
            System.arraycopy(src, offset, x[0], (int) starts[0], count);
            return;
        }
        if (channels == 1 && pieces % 4 == 0) {
            double[] column = x[0];
            for (int g = 0; g < pieces; g += 4) {
                int s0 = (int) starts[g], s1 = (int) starts[g + 1], s2 = (int) starts[g + 2], s3 = (int) starts[g + 3];
                int p = offset + g;
                for (int i = 0; i < count; i++, p += frame) {
                    column[s0 + i] = src[p];
                    column[s1 + i] = src[p + 1];
                    column[s2 + i] = src[p + 2];
                    column[s3 + i] = src[p + 3];
                }
            }
            return;
        }
        for (int t = 0; t < count; t += TILE) {
            int end = Math.min(count, t + TILE);
            for (int g = 0; g < pieces; g++) {
                int to = (int) starts[g];
                for (int c = 0; c < channels; c++) {
                    double[] column = x[c];
                    int p = offset + t * frame + g * channels + c;
                    for (int i = t; i < end; i++, p += frame) {
                        column[to + i] = src[p];
                    }
                }
            }
        }
    }
}
