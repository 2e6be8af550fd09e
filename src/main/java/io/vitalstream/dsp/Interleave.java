package io.vitalstream.dsp;

/**
 * Channel-major arrays to and from the interleaved frames the lane kernels run on. Both
 * directions go in tiles of {@value #TILE} frames, so the scattered side of the transpose
 * stays within the first-level cache.
 */
final class Interleave {

    static final int TILE = 64;

    private Interleave() {
    }

    /** Samples [from, from + n) of every channel into frames of width {@code frame} at buf[0..) (unused lanes zero). */
    static void pack(double[][] channels, int from, int n, double[] buf, int frame) {
        int ch = channels.length;
        if (ch == 1 && frame == 1) {
            System.arraycopy(channels[0], from, buf, 0, n);
            return;
        }
        if (frame != ch) {
            java.util.Arrays.fill(buf, 0, n * frame, 0.0);
        }
        for (int t = 0; t < n; t += TILE) {
            int end = Math.min(n, t + TILE);
            for (int c = 0; c < ch; c++) {
                double[] x = channels[c];
                int p = t * frame + c;
                for (int i = t; i < end; i++, p += frame) {
                    buf[p] = x[from + i];
                }
            }
        }
    }

    /** n frames of buf into out[c][to ..). */
    static void unpack(double[] buf, int n, int frame, double[][] out, int to) {
        int ch = out.length;
        if (ch == 1 && frame == 1) {
            System.arraycopy(buf, 0, out[0], to, n);
            return;
        }
        for (int t = 0; t < n; t += TILE) {
            int end = Math.min(n, t + TILE);
            for (int c = 0; c < ch; c++) {
                double[] y = out[c];
                int p = t * frame + c;
                for (int i = t; i < end; i++, p += frame) {
                    y[to + i] = buf[p];
                }
            }
        }
    }
}
