package io.vitalstream.dsp.live;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;

import java.util.Arrays;

/**
 * sosfilt with its state carried across blocks: the sequential kernel (scalar for up to three
 * channels, vector lanes beyond, the same bits either way), section states [section][2][frame].
 */
final class IirStage implements LiveStage {

    private final double[] sos;
    private final int channels;
    private final int frame;
    private final double[] zi;
    private double[] padded = new double[0];

    IirStage(Sos sos, int channels) {
        this.sos = sos.flat();
        this.channels = channels;
        this.frame = SosKernel.frameFor(channels);
        this.zi = new double[2 * sos.count() * frame];
    }

    @Override
    public void process(double[] data, int count) {
        if (frame == channels) {
            SosKernel.run(sos, zi, data, 0, count, frame, channels, false);
            return;
        }
        if (padded.length < count * frame) {
            padded = new double[count * frame];
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(data, i * channels, padded, i * frame, channels);
        }
        SosKernel.run(sos, zi, padded, 0, count, frame, channels, false);
        for (int i = 0; i < count; i++) {
            System.arraycopy(padded, i * frame, data, i * channels, channels);
        }
    }

    @Override
    public void reset() {
        Arrays.fill(zi, 0);
    }

    @Override
    public int latency() {
        return 0;
    }

}
