package io.vitalstream.pipeline;

/** Hears about each finished chunk of a run; called on the filtering thread. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param done    chunks finished so far (over every pass of every stage)
     * @param total   chunks the run will do
     * @param message e.g. "Processing chunk 15/20 (stage 1/1, backward pass)"
     */
    void onChunk(int done, int total, String message);

    ProgressListener NONE = (done, total, message) -> { };
}
