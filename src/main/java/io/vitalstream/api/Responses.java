package io.vitalstream.api;

import java.util.List;

/** Typed bodies of the endpoints that are not one domain record, so /q/openapi describes every response. */
public final class Responses {

    private Responses() {
    }

    /** 202 of POST /api/filtering/jobs. */
    public record JobAccepted(String requestId, String strategy, String strategyReason, String state) {
    }

    /** POST /api/filtering/cancel/{id}. */
    public record Cancelled(boolean success, String requestId, String state, int chunksDone) {
    }

    /** POST /api/filtering/design: the frequency response; sos and zero_phase for IIR designs. */
    public record Design(double[] frequencies, double[] magnitudeDb, double[] phaseDeg, double[][] sos, Boolean zeroPhase) {
    }

    /** One side (input or output) of a preview: per channel, min and max of each bin (null where no finite sample). */
    public record PreviewSide(long start, long end, int bins, double samplingFreq, List<String> channelNames, double[] time,
                              Double[][] min, Double[][] max) {
    }

    /** GET /api/filtering/jobs/{id}/preview; output is null until the job has completed. */
    public record Preview(String requestId, String state, int maxPoints, PreviewSide input, PreviewSide output) {
    }

    /** GET /api/examples. */
    public record Example(String name, String description, double samplingFreq, int channels, int seconds) {
    }

    /** 201 of POST /api/uploads and POST /api/uploads/examples/{name} (samplingFreq: the example's; null for a file). */
    public record UploadCreated(String uploadId, long bytes, String sha256, String filename, Double samplingFreq) {
    }

    /** The kinds of message on /ws/filtering-progress that answer a client (job events have their own types). */
    public enum SocketReply {
        connected, subscribed, error
    }

    /** A reply of /ws/filtering-progress to a client. */
    public record SocketMessage(SocketReply type, String message, String requestId, String detail) {
    }

    /** The first seconds of an example recording, frame-major (float32 values, as its upload holds them). */
    public record ExampleSamples(String name, double samplingFreq, int channels, double[][] samples) {
    }

    /** Types of the live stream's messages (/ws/filter-stream, SPEC section 4b). */
    public enum LiveReply {
        stream_ready, filtered, reset, error
    }

    /**
     * A message of the live stream: stream_ready (stream_id, latency_samples, channels, format,
     * max_block_frames), filtered (samples, frame-major, and the block's first frame), reset, or
     * error (message and field; the stream keeps its state and goes on).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record LiveMessage(LiveReply type, String streamId, Integer latencySamples, Integer channels, String format, Integer maxBlockFrames,
                              Long firstFrame, double[][] samples, String message, String field) {

        static LiveMessage error(String message, String field) {
            return new LiveMessage(LiveReply.error, null, null, null, null, null, null, null, message, field);
        }

        static LiveMessage internal(Throwable t) {
            return error("internal error (" + t.getClass().getSimpleName() + "); the stream goes on", null);
        }
    }
}
