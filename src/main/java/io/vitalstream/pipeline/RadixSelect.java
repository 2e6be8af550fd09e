package io.vitalstream.pipeline;

import io.vitalstream.io.SignalSource;

import java.util.Arrays;

/**
 * Exact order statistics of a recording's channels without holding them: the rank-th
 * smallest value of each channel (as Arrays.sort orders doubles, -0.0 before 0.0), found 16
 * bits at a time over an order-preserving key of the IEEE pattern: four passes, one counting
 * array of 65 536 per channel.
 */
final class RadixSelect {

    private RadixSelect() {
    }

    /**
     * The rank-th smallest value of each channel of {@code src}, or of |v - centre[c]| when
     * {@code centre} is given.
     */
    static double[] select(SignalSource src, long rank, double[] centre, int piece, RunControl control) {
        int channels = src.channels();
        long[] prefix = new long[channels];
        long[] left = new long[channels];
        Arrays.fill(left, rank);
        for (int shift = 48; shift >= 0; shift -= 16) {
            long[][] counts = new long[channels][1 << 16];
            int sh = shift;
            src.scan(piece, (c, v) -> {
                long key = key(centre == null ? v : Math.abs(v - centre[c]));
                if (sh == 48 || (key >>> (sh + 16)) == (prefix[c] >>> (sh + 16))) {
                    counts[c][(int) ((key >>> sh) & 0xFFFF)]++;
                }
            }, control::checkpoint);
            for (int c = 0; c < channels; c++) {
                int b = 0;
                while (left[c] >= counts[c][b]) {
                    left[c] -= counts[c][b];
                    b++;
                }
                prefix[c] |= (long) b << shift;
            }
        }
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = value(prefix[c]);
        }
        return out;
    }

    /** Unsigned order of the keys = the order of the doubles: non-negative patterns get the top bit, negative ones are inverted. */
    private static long key(double v) {
        long b = Double.doubleToRawLongBits(v);
        return b >= 0 ? b ^ Long.MIN_VALUE : ~b;
    }

    private static double value(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }
}
