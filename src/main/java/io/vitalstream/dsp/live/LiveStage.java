package io.vitalstream.dsp.live;

/**
 * One stage of a live filter: it filters interleaved frames (sample c of frame i at
 * data[i * channels + c]) in place, block after block, carrying everything it remembers from
 * one block to the next, so that any partition of a signal into blocks gives the output of the
 * whole signal in one block.
 */
sealed interface LiveStage permits IirStage, FirStage, CausalStage, HampelStage {

    void process(double[] data, int count);

    /** Back to the state before the first block. */
    void reset();

    /** Samples by which the output lags the causal result (0 for every stage but the Hampel identifier). */
    int latency();

}
