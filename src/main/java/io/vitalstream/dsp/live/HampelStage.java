package io.vitalstream.dsp.live;

import io.vitalstream.dsp.WindowMethod;

/**
 * The Hampel identifier live, with a declared latency of half its window h: live output i is
 * the offline (centred, ends reflected) result for sample i - h, computed as soon as sample i
 * has arrived; the first h outputs of a stream (and after a reset) are 0. Inputs are kept from
 * the oldest sample the next output's window reaches (the left end reflects into the first h
 * samples, which stay until the first outputs are out).
 */
final class HampelStage implements LiveStage {

    /** A length no stream reaches: the right end of a live signal never comes. */
    private static final long ENDLESS = Long.MAX_VALUE / 4;

    private final WindowMethod method;
    private final int channels;
    private final int h;
    private double[][] inputs;
    private long inputStart;
    private long received;
    private double[] column = new double[0];

    HampelStage(WindowMethod method, int channels) {
        this.method = method;
        this.channels = channels;
        this.h = method.reach() / 2;
        this.inputs = new double[channels][0];
    }

    @Override
    public void process(double[] data, int count) {
        int kept = (int) (received - inputStart);
        for (int c = 0; c < channels; c++) {
            if (inputs[c].length < kept + count) {
                inputs[c] = java.util.Arrays.copyOf(inputs[c], Math.max(kept + count, 2 * inputs[c].length));
            }
            for (int i = 0; i < count; i++) {
                inputs[c][kept + i] = data[i * channels + c];
            }
        }
        long first = Math.max(0, received - h); // offline outputs [first, last) are now computable
        received += count;
        long last = Math.max(0, received - h);
        int fresh = (int) (last - first);
        int warm = count - fresh; // live outputs still within the first h: 0
        if (column.length < fresh) {
            column = new double[fresh];
        }
        for (int c = 0; c < channels; c++) {
            if (fresh > 0) {
                method.apply(inputs[c], inputStart, ENDLESS, first, fresh, column);
            }
            for (int i = 0; i < count; i++) {
                data[i * channels + c] = i < warm ? 0 : column[i - warm];
            }
        }
        long keepFrom = Math.max(0, last - h); // the next output's window starts there (or reflects into [0, h])
        if (keepFrom > inputStart) {
            int drop = (int) (keepFrom - inputStart);
            int left = (int) (received - keepFrom);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(inputs[c], drop, inputs[c], 0, left);
            }
            inputStart = keepFrom;
        }
    }

    @Override
    public void reset() {
        inputs = new double[channels][0];
        inputStart = 0;
        received = 0;
    }

    @Override
    public int latency() {
        return h;
    }

}
