package io.vitalstream.jobs;

/**
 * A progress message for WebSocket clients (SPEC section 4). {@code type} is one of
 * filtering_progress, filtering_complete, filtering_error, filtering_cancelled.
 */
public record JobEvent(String type, String requestId, double progress, String message, int chunk, int totalChunks,
                       String state, String error) {

    static JobEvent of(String type, JobRecord r, String message) {
        return new JobEvent(type, r.requestId(), r.progress(), message, r.chunksDone(), r.chunksTotal(), r.state().wire(), r.error());
    }
}
