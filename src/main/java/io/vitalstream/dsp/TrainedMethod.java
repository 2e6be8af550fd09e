package io.vitalstream.dsp;

/**
 * A whole-signal method that trains a model per channel and then denoises through a bounded
 * window of context (the neural denoisers): a long recording trains on a bounded sample of
 * contiguous stretches (every sample when the channel fits a job's memory share) and the
 * trained model is applied chunk by chunk with a halo of its reach.
 */
public interface TrainedMethod extends WholeSignalMethod {

    /** Frames per training stretch when a recording is sampled. */
    int STRETCH_FRAMES = 1 << 14;

    /** Channel {@code channel}'s model, trained on {@code stretches} (contiguous pieces of that channel, in order). */
    WindowMethod train(int channel, double[][] stretches);
}
