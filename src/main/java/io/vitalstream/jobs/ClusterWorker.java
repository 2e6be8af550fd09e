package io.vitalstream.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.error.ServiceBusyException;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.RawLayout;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster mode's two loops (nothing runs without {@code vitalstream.cluster.redis-url}):
 * <ul>
 * <li>the dispatcher takes jobs from the Redis queue while this replica has a free runner
 * ({@code max-concurrent-jobs}), heart-beats the entries it runs, reclaims entries whose
 * replica stopped heart-beating for a lease (the job starts again from the beginning: its
 * partial output is removed first, so it publishes the bytes an undisturbed run would), and
 * retries what could not be written while Redis was away (records, acknowledgements,
 * counters);</li>
 * <li>the event reader hands other replicas' job events to the local {@link ProgressHub}.</li>
 * </ul>
 */
@ApplicationScoped
public class ClusterWorker {

    private static final Logger LOG = Logger.getLogger(ClusterWorker.class);

    @Inject
    ClusterStore cluster;
    @Inject
    VitalStreamConfig config;
    @Inject
    JobRunner runner;
    @Inject
    JobRegistry registry;
    @Inject
    JobStore store;
    @Inject
    InputResolver inputs;
    @Inject
    ProgressHub hub;
    @Inject
    Statistics statistics;
    @Inject
    io.vitalstream.pipeline.Pipeline pipeline;
    @Inject
    io.vitalstream.pipeline.ChunkCache cache;
    @Inject
    jakarta.enterprise.inject.Instance<io.vertx.mutiny.redis.client.Redis> redis;

    /** Jobs running here: job id to queue entry id. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    /** Records not yet in Redis (it was unreachable): the newest per job. */
    private final Map<String, JobRecord> unsaved = new ConcurrentHashMap<>();
    private final Set<String> unacked = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile boolean reachable;
    private volatile long lastWarn;
    /** Parts of other replicas' split jobs run here, one at a time, when a runner is free. */
    private final java.util.concurrent.ExecutorService helper = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cluster-helper");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean helping = new java.util.concurrent.atomic.AtomicBoolean();
    private Thread dispatcher;
    private Thread reader;

    void onStart(@Observes StartupEvent e) {
        if (!cluster.enabled()) {
            return;
        }
        hub.fanOutTo(this);
        if (config.cluster().sharedCacheMb() > 0) {
            cache.shareWith(new RedisChunkTier(redis.get(), config.cluster().sharedCacheMb() << 20,
                    config.cluster().sharedCacheTtlSeconds()));
        }
        LOG.infof("Cluster mode: node %s, Redis %s, lease %d s, %d runner(s)", cluster.node(),
                config.cluster().redisUrl().map(ClusterWorker::withoutPassword).orElse(""), config.cluster().leaseSeconds(),
                config.maxConcurrentJobs());
        dispatcher = Thread.ofPlatform().daemon().name("cluster-dispatcher").start(this::dispatch);
        reader = Thread.ofPlatform().daemon().name("cluster-events").start(this::readEvents);
    }

    static String withoutPassword(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
        helper.shutdownNow();
        if (dispatcher != null) {
            dispatcher.interrupt();
            reader.interrupt();
        }
    }

    /** False while Redis cannot be reached (readiness reports it). */
    public boolean reachable() {
        return reachable;
    }

    private void dispatch() {
        long lease = cluster.leaseMillis();
        long beat = Math.max(200, lease / 3);
        long lastBeat = 0;
        long lastReclaim = 0;
        boolean grouped = false;
        while (!stopping) {
            try {
                if (!grouped) {
                    if (cluster.ensureGroup()) {
                        requeueFromDataDir();
                    }
                    grouped = true;
                }
                flush();
                long now = System.currentTimeMillis();
                if (now - lastBeat >= beat) {
                    List<String> held = new ArrayList<>(running.values());
                    held.addAll(unacked);
                    cluster.heartbeat(held);
                    statistics.flushToCluster(cluster);
                    lastBeat = now;
                }
                reachable = true;
                int free = config.maxConcurrentJobs() - running.size() - (helping.get() ? 1 : 0);
                if (free <= 0) {
                    Thread.sleep(50);
                    continue;
                }
                List<ClusterStore.Entry> got = List.of();
                if (now - lastReclaim >= beat) {
                    got = cluster.reclaim(free);
                    lastReclaim = now;
                }
                boolean splits = false;
                if (got.isEmpty()) {
                    got = cluster.take(free, 0);
                }
                if (got.isEmpty()) {
                    splits = helpSplitJob();
                }
                if (got.isEmpty() && !splits) {
                    got = cluster.take(free, 200);
                }
                for (ClusterStore.Entry entry : got) {
                    start(entry);
                }
            } catch (InterruptedException x) {
                return;
            } catch (RuntimeException x) {
                if (stopping) {
                    return;
                }
                grouped = false; // an emptied Redis (restarted without persistence) needs the group again
                unreachable(x);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException i) {
                    return;
                }
            }
        }
    }

    private void unreachable(RuntimeException x) {
        reachable = false;
        long now = System.currentTimeMillis();
        if (now - lastWarn > 10_000) {
            lastWarn = now;
            LOG.warnf("cluster: %s (retrying)", x instanceof ServiceBusyException ? x.getMessage() : ClusterStore.rootMessage(x));
        }
    }

    /** Takes one part of another replica's split job, if any is queued, and runs it on the helper thread. */
    private boolean helpSplitJob() {
        io.vertx.mutiny.redis.client.Response jobs = cluster.cmd("SMEMBERS", ClusterSplit.SPLITS);
        for (int i = 0; jobs != null && i < jobs.size(); i++) {
            String job = jobs.get(i).toString();
            if (running.containsKey(job)) {
                continue; // this replica owns it and takes its parts itself
            }
            List<ClusterStore.Entry> part = cluster.takeFrom(ClusterSplit.stream(job), 1, 0);
            if (!part.isEmpty()) {
                helping.set(true);
                helper.execute(() -> help(job, part.get(0)));
                return true;
            }
        }
        return false;
    }

    private void help(String job, ClusterStore.Entry part) {
        long t0 = System.nanoTime();
        try {
            JobRecord r = registry.status(job);
            JobSpec spec = r.spec();
            List<io.vitalstream.dsp.FilterSpec> stages = io.vitalstream.dsp.FilterDesigner.designChain(r.samplingFreq(), spec.signalType(),
                    spec.filterParams(), spec.filterChain());
            Path input = registry.input(job);
            RawLayout raw = JobService.rawLayout(spec);
            InputFormat actual = SignalFiles.formatOf(input, JobService.format(spec), raw);
            try (io.vitalstream.io.SignalSource src = SignalFiles.open(input, actual, raw, spec.channels(), io.vitalstream.io.Access.MAPPED,
                    null)) {
                if ("3".equals(part.fields().get("sweep"))) {
                    ClusterSplit.helpRange(part.fields(), stages.get(0), src, store.scratch(job), cluster.node());
                } else {
                    io.vitalstream.dsp.FilterSpec.Iir iir = (io.vitalstream.dsp.FilterSpec.Iir) stages.get(0);
                    io.vitalstream.dsp.TimeParallelIir.Sweep sweep = new io.vitalstream.dsp.TimeParallelIir.Sweep(iir.sos(),
                            io.vitalstream.dsp.SegmentPlan.of(src.frames()), src.channels(), iir.zeroPhase());
                    ClusterSplit.helpWith(part.fields(), sweep, io.vitalstream.pipeline.SourceFrames.reader(src), store.scratch(job),
                            pipeline.segmentThreads(), cluster.node());
                }
            }
            cluster.cmd("XACK", ClusterSplit.stream(job), ClusterStore.GROUP, part.id());
            LOG.debugf("part %s of sweep %s of job %s done here in %.0f ms", part.fields().get("part"), part.fields().get("sweep"), job,
                    (System.nanoTime() - t0) / 1e6);
        } catch (Exception x) {
            // not acknowledged: the owner reclaims the part after the lease
            LOG.warnf("cluster: part %s of job %s failed here: %s", part.fields().get("part"), job, x.getMessage());
        } finally {
            helping.set(false);
        }
    }

    /** A queue entry delivered to this replica: run its job unless it has ended or was cancelled. */
    private void start(ClusterStore.Entry entry) {
        String id = entry.fields().get("job");
        JobRecord r = id == null ? null : cluster.loadRecord(id).or(() -> store.load(id)).orElse(null);
        if (r == null || r.state().isFinal()) {
            cluster.ack(entry.id());
            return;
        }
        if (cluster.cancelRequested(id)) {
            statistics.started(true);
            JobRecord cancelled = r.finished(JobState.CANCELLED, null, null);
            store.save(cancelled);
            cluster.saveRecord(cancelled);
            hub.publish(JobEvent.of(JobEvent.Type.filtering_cancelled, cancelled, "Cancelled before it started"));
            statistics.finished(true, JobState.CANCELLED, 0);
            cluster.ack(entry.id());
            return;
        }
        if (r.state() == JobState.RUNNING) {
            LOG.infof("job %s reclaimed from node %s (no heartbeat for %d s): starting it again from the beginning", id, r.node(),
                    config.cluster().leaseSeconds());
            store.clearPartial(id);
        }
        JobHandle h = new JobHandle(r.requeued());
        try {
            JobSpec spec = r.spec();
            InputFormat format = JobService.format(spec);
            RawLayout raw = JobService.rawLayout(spec);
            Path input = inputs.resolve(spec, store.folder(id).resolve("input"));
            h.input = input;
            InputFormat actual = SignalFiles.formatOf(input, format, raw);
            running.put(id, entry.id());
            h.onEnd = () -> ended(h, id, entry.id());
            registry.register(h);
            runner.queue(h, actual, raw, Strategy.parse(spec.strategy()), OutputFormat.parse(spec.outputFormat()));
        } catch (RuntimeException x) {
            running.remove(id);
            JobRecord failed = r.finished(JobState.FAILED, null, "could not start on node " + cluster.node() + ": " + x.getMessage());
            store.save(failed);
            mirror(failed);
            hub.publish(JobEvent.of(JobEvent.Type.filtering_error, failed, failed.error()));
            cluster.ack(entry.id());
        }
    }

    private void ended(JobHandle h, String id, String entryId) {
        running.remove(id);
        if (h.leftToCluster || !h.record.state().isFinal()) {
            return; // stays pending: another replica reclaims it after the lease
        }
        try {
            cluster.ack(entryId);
        } catch (RuntimeException x) {
            unacked.add(entryId);
        }
    }

    /** Writes a record to Redis now, or keeps it for when Redis is back. */
    void mirror(JobRecord r) {
        unsaved.put(r.requestId(), r);
        try {
            flushRecord(r.requestId());
        } catch (RuntimeException x) {
            unreachable(x);
        }
    }

    private synchronized void flushRecord(String id) {
        JobRecord latest = unsaved.get(id);
        if (latest != null) {
            cluster.saveRecord(latest);
            unsaved.remove(id, latest);
        }
    }

    private void flush() {
        for (String id : List.copyOf(unsaved.keySet())) {
            flushRecord(id);
        }
        for (String entryId : List.copyOf(unacked)) {
            cluster.ack(entryId);
            unacked.remove(entryId);
        }
    }

    /**
     * This replica created the consumer group, so Redis was new or emptied: queued jobs on record
     * in the shared data dir are queued again (a job still queued in Redis is in its stream already).
     */
    private void requeueFromDataDir() {
        Set<String> queued = ConcurrentHashMap.newKeySet();
        for (JobRecord r : store.loadAll(new ArrayList<>())) {
            if (r.state() == JobState.QUEUED && cluster.loadRecord(r.requestId()).isEmpty()) {
                cluster.saveRecord(r);
                cluster.enqueue(r.requestId());
                queued.add(r.requestId());
            }
        }
        if (!queued.isEmpty()) {
            LOG.infof("cluster: %d queued job(s) from the data dir queued again in a new Redis", queued.size());
        }
    }

    /** When each running job's progress last went to the other replicas. */
    private final Map<String, Long> lastFanOut = new ConcurrentHashMap<>();

    /**
     * Fans an event of this replica out to the others: progress at most every 100 ms per job
     * (their tickers repeat the last one), every other event at once. An unreachable Redis loses
     * it (the record keeps the state).
     */
    void publish(JobEvent e) {
        long now = System.nanoTime();
        if (e.type() == JobEvent.Type.filtering_progress) {
            Long last = lastFanOut.get(e.requestId());
            if (last != null && now - last < 100_000_000L) {
                return;
            }
            lastFanOut.put(e.requestId(), now);
        } else {
            lastFanOut.remove(e.requestId());
        }
        try {
            cluster.publish(e);
        } catch (RuntimeException x) {
            unreachable(x);
        }
    }

    /** A cancel for a job that may run on another replica: every replica hears it at once. */
    void announceCancel(String id) {
        try {
            cluster.publishCancel(id);
        } catch (RuntimeException x) {
            unreachable(x); // the cancel key is still there: the runner checks it every second
        }
    }

    /** A cancel sent to another replica for a job running here; Redis unreachable: not (yet). */
    boolean cancelRequested(String id) {
        try {
            return cluster.cancelRequested(id);
        } catch (RuntimeException x) {
            unreachable(x);
            return false;
        }
    }

    private void readEvents() {
        String after = null;
        while (!stopping) {
            try {
                if (after == null) {
                    after = cluster.lastEventId();
                }
                for (ClusterStore.Entry e : cluster.events(after, 1000)) {
                    after = e.id();
                    if (e.fields().containsKey("cancel")) {
                        runner.cancelHere(e.fields().get("cancel"));
                    } else if (!cluster.node().equals(e.fields().get("node")) && e.fields().containsKey("event")) {
                        hub.deliverRemote(cluster.event(e));
                    }
                }
            } catch (RuntimeException x) {
                if (stopping) {
                    return;
                }
                after = null; // Redis may come back emptied: start again from its newest event
                try {
                    Thread.sleep(500);
                } catch (InterruptedException i) {
                    return;
                }
            }
        }
    }
}
