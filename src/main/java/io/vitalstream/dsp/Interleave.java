package io.vitalstream.dsp;

/** Channel-major arrays to and from the interleaved frames the lane kernels run on. */
final class Interleave {

    private Interleave() {
    }

    /**
     * Packs samples [from, from + n) of every channel into frames of width {@code frame}
     * (unused lanes zero), leaving {@code lead} empty frames before and {@code trail} after.
     */
    static double[] pack(double[][] channels, int from, int n, int frame, int lead, int trail) {
        double[] data = new double[(lead + n + trail) * frame];
        for (int c = 0; c < channels.length; c++) {
            double[] x = channels[c];
            int p = lead * frame + c;
            for (int i = 0; i < n; i++, p += frame) {
                data[p] = x[from + i];
            }
        }
        return data;
    }

    static double[][] unpack(double[] data, int channels, int n, int frame, int lead) {
        double[][] out = new double[channels][n];
        for (int c = 0; c < channels; c++) {
            double[] y = out[c];
            int p = lead * frame + c;
            for (int i = 0; i < n; i++, p += frame) {
                y[i] = data[p];
            }
        }
        return out;
    }
}
