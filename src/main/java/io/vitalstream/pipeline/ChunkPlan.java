package io.vitalstream.pipeline;

/** Frames [0, frames) cut into chunks of {@code chunkFrames} (the last may be shorter). */
public record ChunkPlan(long frames, int chunkFrames) {

    public ChunkPlan {
        if (frames < 1 || chunkFrames < 1) {
            throw new IllegalArgumentException("a chunk plan needs frames and a positive chunk size");
        }
    }

    /** Chunks of about {@code chunkBytes} of decoded float64 over {@code frame} lanes. */
    public static ChunkPlan of(long frames, int frame, long chunkBytes) {
        long perChunk = Math.max(1, chunkBytes / (8L * frame));
        return new ChunkPlan(frames, (int) Math.min(perChunk, Math.min(frames, 1 << 26)));
    }

    public int count() {
        return (int) ((frames + chunkFrames - 1) / chunkFrames);
    }

    public long start(int chunk) {
        return (long) chunk * chunkFrames;
    }

    public int length(int chunk) {
        return (int) Math.min(chunkFrames, frames - start(chunk));
    }
}
