package io.vitalstream.dsp.live;

/**
 * Causal FIR in direct form, y[n] = sum_k h[k] x[n - k] summed in increasing k, with the last
 * taps - 1 inputs of every channel carried across blocks (zeros before the first). Direct form
 * answers every block at once; the offline engine's FFT overlap-add gives the same values
 * within rounding (1e-12 relative), not the same bits.
 */
final class FirStage implements LiveStage {

    private final double[] taps;
    private final int channels;
    /** Per channel: the last taps - 1 inputs, then room for the block. */
    private double[][] history;

    FirStage(double[] taps, int channels) {
        this.taps = taps.clone();
        this.channels = channels;
        this.history = new double[channels][taps.length - 1];
    }

    @Override
    public void process(double[] data, int count) {
        int m = taps.length - 1;
        for (int c = 0; c < channels; c++) {
            double[] h = history[c];
            if (h.length < m + count) {
                h = java.util.Arrays.copyOf(h, m + count);
                history[c] = h;
            }
            for (int i = 0; i < count; i++) {
                h[m + i] = data[i * channels + c];
            }
            for (int i = 0; i < count; i++) {
                double y = 0;
                for (int k = 0; k <= m; k++) {
                    y += taps[k] * h[m + i - k];
                }
                data[i * channels + c] = y;
            }
            System.arraycopy(h, count, h, 0, m);
        }
    }

    @Override
    public void reset() {
        history = new double[channels][taps.length - 1];
    }

    @Override
    public int latency() {
        return 0;
    }

}
