package io.vitalstream.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vitalstream.pipeline.ChunkCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Service statistics (GET /api/filtering/statistics) kept as Micrometer meters, so the same
 * figures appear at /q/metrics for Prometheus.
 */
@ApplicationScoped
public class Statistics {

    /** The statistics endpoint's body. */
    public record Snapshot(long totalRequests, long heavyDataRequests, double averageProcessingTime, double memoryUsagePeak,
                           int activeRequests, long completed, long failed, long cancelled, long cacheHits, long cacheMisses,
                           long cacheBytes, Map<String, Long> strategies, LiveStreams liveStreams, Cluster cluster) {
    }

    /**
     * Cluster mode: the job and request figures above are the whole cluster's (null in single-node
     * mode, or while Redis is unreachable: then they are this replica's own).
     *
     * @param replicas         the replicas that heart-beat now (node ids)
     * @param node             the replica that answered
     * @param sharedCacheHits  this replica's chunk-cache misses that the shared tier (Redis) answered
     */
    public record Cluster(List<String> replicas, String node, long sharedCacheHits) {
    }

    /** Live streams (/ws/filter-stream): open now, opened since the start, frames filtered, blocks refused. */
    public record LiveStreams(int active, long opened, long framesFiltered, long blocksRefused) {
    }

    private final MeterRegistry registry;
    private final ChunkCache cache;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong heavy = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final DoubleAdder processingMs = new DoubleAdder();
    private final AtomicLong timed = new AtomicLong();
    private final Map<String, AtomicLong> strategies = new ConcurrentHashMap<>();
    private final AtomicInteger liveActive = new AtomicInteger();
    private final AtomicLong liveOpened = new AtomicLong();
    private final AtomicLong liveFrames = new AtomicLong();
    private final AtomicLong liveRefused = new AtomicLong();
    /** Cluster mode: counts not yet added to Redis's (vs:stats). */
    private final Map<String, AtomicLong> unflushed = new ConcurrentHashMap<>();
    private volatile ClusterStore cluster;

    @Inject
    public Statistics(MeterRegistry registry, ChunkCache cache) {
        this.registry = registry;
        this.cache = cache;
        Gauge.builder("vitalstream.requests.active", active, AtomicInteger::get).description("requests and jobs in progress").register(registry);
        Gauge.builder("vitalstream.memory.peak", this, s -> s.peakMemoryMb() * 1e6).baseUnit("bytes")
                .description("peak resident memory of the process").register(registry);
        FunctionCounter.builder("vitalstream.cache.hits", cache, ChunkCache::hits).register(registry);
        FunctionCounter.builder("vitalstream.cache.misses", cache, ChunkCache::misses).register(registry);
        Gauge.builder("vitalstream.cache.size", cache, ChunkCache::bytes).baseUnit("bytes").register(registry);
        Gauge.builder("vitalstream.live.streams.active", liveActive, AtomicInteger::get).description("live streams open").register(registry);
        FunctionCounter.builder("vitalstream.live.streams.opened", liveOpened, AtomicLong::get).register(registry);
        FunctionCounter.builder("vitalstream.live.frames", liveFrames, AtomicLong::get).description("frames filtered by live streams")
                .register(registry);
        FunctionCounter.builder("vitalstream.live.blocks.refused", liveRefused, AtomicLong::get).register(registry);
    }

    /** A live stream opens if fewer than max are open; false when the limit is reached. */
    public boolean liveOpened(int max) {
        while (true) {
            int n = liveActive.get();
            if (n >= max) {
                return false;
            }
            if (liveActive.compareAndSet(n, n + 1)) {
                liveOpened.incrementAndGet();
                return true;
            }
        }
    }

    public void liveClosed() {
        liveActive.decrementAndGet();
    }

    public void liveFiltered(int frames) {
        liveFrames.addAndGet(frames);
    }

    public void liveRefused() {
        liveRefused.incrementAndGet();
    }

    private void count(String field, long delta) {
        if (cluster != null) {
            unflushed.computeIfAbsent(field, k -> new AtomicLong()).addAndGet(delta);
        }
    }

    /** Cluster mode (called by the dispatcher, never on a request thread): this replica's new counts into Redis's. */
    void flushToCluster(ClusterStore store) {
        cluster = store;
        Map<String, Long> deltas = new java.util.HashMap<>();
        unflushed.forEach((k, v) -> {
            long d = v.getAndSet(0);
            if (d != 0) {
                deltas.put(k, d);
            }
        });
        try {
            store.addCounts(deltas);
            store.setActive(active.get());
        } catch (RuntimeException e) {
            deltas.forEach(this::count); // kept for the next flush
            throw e;
        }
    }

    public void started(boolean job) {
        total.incrementAndGet();
        count("total", 1);
        if (job) {
            heavy.incrementAndGet();
            count("heavy", 1);
        }
        active.incrementAndGet();
        Counter.builder("vitalstream.requests").tag("kind", job ? "job" : "sync").register(registry).increment();
    }

    public void strategy(String name) {
        strategies.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        count("strategy:" + name, 1);
        Counter.builder("vitalstream.strategy").tag("strategy", name).register(registry).increment();
    }

    public void finished(boolean job, JobState end, double millis) {
        active.decrementAndGet();
        switch (end) {
            case COMPLETED -> completed.incrementAndGet();
            case CANCELLED -> cancelled.incrementAndGet();
            default -> failed.incrementAndGet();
        }
        count(end == JobState.COMPLETED ? "completed" : end == JobState.CANCELLED ? "cancelled" : "failed", 1);
        if (end == JobState.COMPLETED) {
            processingMs.add(millis);
            timed.incrementAndGet();
            count("processing_us", Math.round(millis * 1000));
            count("timed", 1);
        }
        Timer.builder("vitalstream.processing").tag("kind", job ? "job" : "sync").tag("outcome", end.wire()).register(registry)
                .record(Duration.ofNanos((long) (millis * 1e6)));
    }

    /** Peak resident set size (VmHWM) in MB, or the JVM's committed heap where /proc is absent. */
    public double peakMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception ignored) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().totalMemory() / 1e6;
    }

    public Snapshot snapshot() {
        long n = timed.get();
        Map<String, Long> s = new TreeMap<>();
        for (String name : new String[] {"standard", "chunked", "memory_mapped", "progressive"}) {
            s.put(name, 0L);
        }
        strategies.forEach((k, v) -> s.put(k, v.get()));
        LiveStreams live = new LiveStreams(liveActive.get(), liveOpened.get(), liveFrames.get(), liveRefused.get());
        double peak = Math.round(peakMemoryMb() * 10) / 10.0;
        ClusterStore c = cluster;
        if (c != null) {
            try {
                return clusterSnapshot(c, live, peak);
            } catch (RuntimeException e) {
                // Redis unreachable: this replica's own figures, and no cluster block
            }
        }
        return new Snapshot(total.get(), heavy.get(), n == 0 ? 0 : processingMs.sum() / n, peak,
                active.get(), completed.get(), failed.get(), cancelled.get(), cache.hits(), cache.misses(), cache.bytes(), s,
                live, null);
    }

    /** Redis's counts plus what this replica has not flushed yet; requests in progress summed over the live replicas. */
    private Snapshot clusterSnapshot(ClusterStore c, LiveStreams live, double peak) {
        Map<String, Long> counts = new java.util.HashMap<>(c.counts());
        unflushed.forEach((k, v) -> counts.merge(k, v.get(), Long::sum));
        List<String> nodes = c.liveNodes();
        List<String> others = nodes.stream().filter(x -> !x.equals(c.node())).toList();
        int activeNow = active.get() + c.activeInCluster(others);
        Map<String, Long> s = new TreeMap<>();
        for (String name : new String[] {"standard", "chunked", "memory_mapped", "progressive"}) {
            s.put(name, 0L);
        }
        counts.forEach((k, v) -> {
            if (k.startsWith("strategy:")) {
                s.put(k.substring("strategy:".length()), v);
            }
        });
        long timedAll = counts.getOrDefault("timed", 0L);
        return new Snapshot(counts.getOrDefault("total", 0L), counts.getOrDefault("heavy", 0L),
                timedAll == 0 ? 0 : counts.getOrDefault("processing_us", 0L) / 1000.0 / timedAll, peak, activeNow,
                counts.getOrDefault("completed", 0L), counts.getOrDefault("failed", 0L), counts.getOrDefault("cancelled", 0L),
                cache.hits(), cache.misses(), cache.bytes(), s, live, new Cluster(nodes, c.node(), cache.sharedHits()));
    }
}
