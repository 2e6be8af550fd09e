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
 * @param concurrentJobs    jobs that may run at once, sharing the budget
 * @param fsyncResults      force each result to disk before publishing it (else a result is
 *                          published from the page cache: it survives a crash of the service,
 *                          like the job records and uploads, not necessarily a power cut)
 * @param maxWork           the most work (estimated operations) a whole-signal method may ask for
 */
public record PipelineSettings(long memoryBudget, long chunkBytes, int workers, int prefetch, long standardMaxBytes,
                               long chunkedMaxBytes, long cacheBytes, int concurrentJobs, boolean fsyncResults, double maxWork) {

    public static final double DEFAULT_MAX_WORK = 5e11;

    public PipelineSettings(long memoryBudget, long chunkBytes, int workers, int prefetch, long standardMaxBytes,
                            long chunkedMaxBytes, long cacheBytes, int concurrentJobs) {
        this(memoryBudget, chunkBytes, workers, prefetch, standardMaxBytes, chunkedMaxBytes, cacheBytes, concurrentJobs, false);
    }

    public PipelineSettings(long memoryBudget, long chunkBytes, int workers, int prefetch, long standardMaxBytes,
                            long chunkedMaxBytes, long cacheBytes, int concurrentJobs, boolean fsyncResults) {
        this(memoryBudget, chunkBytes, workers, prefetch, standardMaxBytes, chunkedMaxBytes, cacheBytes, concurrentJobs, fsyncResults,
                DEFAULT_MAX_WORK);
    }

    public static final long MIB = 1L << 20;

    public static PipelineSettings defaults() {
        return new PipelineSettings(256 * MIB, 2 * MIB, 2, 2, 100 * MIB, 2048 * MIB, 32 * MIB, 1);
    }

    public PipelineSettings withChunkBytes(long bytes) {
        return new PipelineSettings(memoryBudget, bytes, workers, prefetch, standardMaxBytes, chunkedMaxBytes, cacheBytes, concurrentJobs,
                fsyncResults, maxWork);
    }

    /** One running job's share of the budget, after the cache's. */
    public long perJobBudget() {
        return Math.max(MIB, (memoryBudget - cacheBytes) / Math.max(1, concurrentJobs));
    }

    /**
     * The chunk size a job uses: chunk-size-mb, shrunk so that its chunk buffers (prefetch
     * pool, the chunk in hand, backward-pass and output buffers) fit its share of the budget.
     */
    public long effectiveChunkBytes() {
        return Math.min(chunkBytes, perJobBudget() / (prefetch + 4L));
    }
}
