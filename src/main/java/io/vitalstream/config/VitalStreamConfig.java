package io.vitalstream.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/** Every setting of the service (application.properties or VITALSTREAM_* environment variables). */
@ConfigMapping(prefix = "vitalstream")
public interface VitalStreamConfig {

    /** Where uploads, job records and results live. */
    @WithDefault("./data")
    String dataDir();

    /** Memory budget for filtering work (buffers, caches), in MiB. */
    @WithDefault("256")
    int maxMemoryMb();

    /**
     * Size of one chunk of a heavy-data job, in MiB (decoded float64 over the channels): small
     * enough that a chunk stays in the processor's caches from decoding through filtering to
     * writing (2 MiB ran a 1 GiB job about a quarter faster here than 16 MiB).
     */
    @WithDefault("2")
    int chunkSizeMb();

    /** Background worker threads for chunk decoding and filtering. */
    @WithDefault("2")
    int maxWorkers();

    /** Largest synchronous request, in samples summed over channels; beyond it use the jobs API. */
    @WithDefault("1000000")
    long syncMaxSamples();

    /** Largest upload, in MiB. */
    @WithDefault("8192")
    long uploadMaxMb();

    /** Jobs running at once; the rest wait in the queue. */
    @WithDefault("2")
    int maxConcurrentJobs();

    /**
     * Force every job result to disk before it is published. Off by default: results, like
     * job records and uploads, are published by atomic rename from the page cache, so they
     * survive a crash of the service but not necessarily a power cut, and a job runs at
     * memory speed rather than at the disk's write speed.
     */
    @WithDefault("false")
    boolean fsyncResults();

    /**
     * Run the engine's hot paths once on a background thread at start-up (the request path,
     * the vector kernels, FFT plans, the file path), so the first request does not wait for
     * class loading and the compiler.
     */
    @WithDefault("true")
    boolean warmup();

    /**
     * The most work one request may ask for (estimated floating-point operations, see
     * dsp.Work): synchronous filters, and whole-signal methods in jobs, above it are refused
     * with 413 before anything runs. 5e11 is a few minutes of one core.
     */
    @WithDefault("5e11")
    double maxWork();

    /** Benchmark aids (POST /api/bench/echo, the JSON floor of kernels/bench.sh); off in production. */
    @WithDefault("false")
    boolean benchEndpoints();

    /** "java" forces the pure-Java FFT even when libfftw3 is present (read once, by kernels.fft.Fftw). */
    Optional<String> fft();

    /** Bearer token required on every API and WebSocket call when set. */
    Optional<String> apiToken();

    /**
     * Demonstration and testing aid: a pause after every chunk of a job, in milliseconds, so
     * progress and cancellation can be watched on small files. 0 (off) in production.
     */
    @WithDefault("0")
    int chunkDelayMs();

    Strategy strategy();

    interface Strategy {
        /** Inputs below this (MiB) are filtered in memory. */
        @WithName("standard-max-mb")
        @WithDefault("100")
        long standardMaxMb();

        /** Inputs below this (MiB) are chunked; above, memory-mapped. */
        @WithName("chunked-max-mb")
        @WithDefault("2048")
        long chunkedMaxMb();
    }

    /** Live streams (/ws/filter-stream). */
    Live live();

    interface Live {
        /** Streams open at once; one more is closed at once with code 1013 and the reason. */
        @WithName("max-streams")
        @WithDefault("500")
        int maxStreams();

        /** Frames in one block, at most (a larger block gets an error message; the stream goes on). */
        @WithName("max-block-frames")
        @WithDefault("16384")
        int maxBlockFrames();

        /** Channels of one stream, at most. */
        @WithName("max-channels")
        @WithDefault("256")
        int maxChannels();
    }

    /** Replicas (SPEC section 7). */
    Cluster cluster();

    interface Cluster {
        /** This replica's name in job records and logs; default: host name and process id. */
        @WithName("node-id")
        java.util.Optional<String> nodeId();

        /**
         * Cluster mode: the Redis every replica shares (redis://host:port); unset, the replica is
         * a single node with its in-process queue.
         */
        @WithName("redis-url")
        java.util.Optional<String> redisUrl();

        /** A job whose replica has not heart-beaten for this long is reclaimed by another replica. */
        @WithName("lease-seconds")
        @WithDefault("30")
        int leaseSeconds();

        /**
         * A job whose input is at least this large (float32 channel-samples x 4 bytes) and whose
         * filter is one IIR stage on fewer than 8 channels is split into segment tasks that every
         * replica with a free runner helps with.
         */
        @WithName("split-above-mb")
        @WithDefault("256")
        long splitAboveMb();

        /** Parts per sweep of a split job (each part a contiguous range of segment tasks). */
        @WithName("split-parts")
        @WithDefault("12")
        int splitParts();

        /** The chunk cache's tier shared in Redis, at most (0: none). */
        @WithName("shared-cache-mb")
        @WithDefault("256")
        long sharedCacheMb();

        /** How long an entry of the shared cache tier lives. */
        @WithName("shared-cache-ttl-seconds")
        @WithDefault("3600")
        long sharedCacheTtlSeconds();
    }
}
