package io.vitalstream.dsp;

/**
 * A causal filter with state, run over interleaved frames (sample c of frame i at
 * data[off + i*frame + c]) in place. Feeding a signal in pieces gives the same output as
 * feeding it whole, because everything the method remembers is in its {@link State}.
 */
public interface CausalMethod {

    /** Mutable per-run state for {@code channels} channels. */
    interface State {
        void process(double[] data, int off, int count, int frame);
    }

    State start(int channels);
}
