package io.vitalstream.dsp.live;

import io.vitalstream.dsp.CausalMethod;

/** A causal method with state (Kalman, LMS, NLMS, RLS): its own state carries across blocks. */
final class CausalStage implements LiveStage {

    private final CausalMethod method;
    private final int channels;
    private CausalMethod.State state;

    CausalStage(CausalMethod method, int channels) {
        this.method = method;
        this.channels = channels;
        this.state = method.start(channels);
    }

    @Override
    public void process(double[] data, int count) {
        state.process(data, 0, count, channels);
    }

    @Override
    public void reset() {
        state = method.start(channels);
    }

    @Override
    public int latency() {
        return 0;
    }

}
