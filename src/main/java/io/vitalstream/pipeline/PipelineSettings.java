package io.vitalstream.pipeline;

/**
 * The pipeline's limits, in bytes (from the service configuration).
 *
 * @param memoryBudget      what chunk buffers, prefetch and cache may use together
 * @param chunkBytes        decoded size of one chunk (float64 over the padded lane frame)
 * @param workers           background decode threads
 * @param prefetch          chunks decoded ahead of the filter
 * @param standardMaxBytes  inputs below this are filtered in memory
 * @param chunkedMaxBytes   inputs below this are chunked, above memory-mapped
 * @param cacheBytes        the decoded-chunk cache's bound
 */
public record PipelineSettings(long memoryBudget, long chunkBytes, int workers, int prefetch, long standardMaxBytes,
                               long chunkedMaxBytes, long cacheBytes) {

    public static final long MIB = 1L << 20;

    public static PipelineSettings defaults() {
        return new PipelineSettings(256 * MIB, 16 * MIB, 2, 2, 100 * MIB, 2048 * MIB, 32 * MIB);
    }

    public PipelineSettings withChunkBytes(long bytes) {
        return new PipelineSettings(memoryBudget, bytes, workers, prefetch, standardMaxBytes, chunkedMaxBytes, cacheBytes);
    }
}
