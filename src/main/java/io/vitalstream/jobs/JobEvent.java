package io.vitalstream.jobs;

/** A progress message for WebSocket clients (SPEC section 4). */
public record JobEvent(Type type, String requestId, double progress, String message, int chunk, int totalChunks,
                       String state, String error) {

    /** The message types, named as on the wire. */
    public enum Type { filtering_progress, filtering_complete, filtering_error, filtering_cancelled }

    static JobEvent of(Type type, JobRecord r, String message) {
        return new JobEvent(type, r.requestId(), r.progress(), message, r.chunksDone(), r.chunksTotal(), r.state().wire(), r.error());
    }
}
