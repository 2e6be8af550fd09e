package io.vitalstream.dsp;

/**
 * Segments of a signal filtered side by side in time: [k L, min((k + 1) L, frames)). The
 * length depends only on the signal length and the base length (configuration), never on
 * the thread count, the lane width or a job's chunk size, so every way of running the
 * segments gives the same bits.
 *
 * @param frames the signal length
 * @param length L, frames per segment (the last one may be shorter)
 */
public record SegmentPlan(long frames, int length) {

    /** Frames per segment for signals up to {@link #MAX_SEGMENTS} segments long. */
    public static final int BASE_LENGTH = 8192;
    /** Longer signals get longer segments, so the per-segment states stay a few megabytes. */
    public static final int MAX_SEGMENTS = 4096;

    public SegmentPlan {
        if (frames < 1 || length < 1) {
            throw new IllegalArgumentException("a segment plan needs frames and a positive segment length");
        }
    }

    /** The default plan: {@link #BASE_LENGTH}, or a multiple of it that keeps at most {@link #MAX_SEGMENTS} segments. */
    public static SegmentPlan of(long frames) {
        return of(frames, BASE_LENGTH);
    }

    public static SegmentPlan of(long frames, int baseLength) {
        long multiple = Math.max(1, (frames + (long) baseLength * MAX_SEGMENTS - 1) / ((long) baseLength * MAX_SEGMENTS));
        return new SegmentPlan(frames, (int) Math.min(Integer.MAX_VALUE / 2, baseLength * multiple));
    }

    public int count() {
        return (int) ((frames + length - 1) / length);
    }

    /** Segments of the full length L (all but a shorter last one). */
    public int fullCount() {
        return (int) (frames / length);
    }

    public long start(int k) {
        return (long) k * length;
    }

    public int length(int k) {
        return (int) Math.min(length, frames - start(k));
    }
}
