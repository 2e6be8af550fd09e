package io.vitalstream.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.error.StateConflictException;
import io.vitalstream.error.VitalStreamException;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.RawLayout;
import io.vitalstream.io.SampleType;
import io.vitalstream.pipeline.CancelledException;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Pipeline;
import io.vitalstream.pipeline.PipelineJob;
import io.vitalstream.pipeline.PipelineResult;
import io.vitalstream.pipeline.RunControl;
import io.vitalstream.pipeline.Strategy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs queued jobs: {@code vitalstream.max-concurrent-jobs} runner threads (off the event
 * loop) take them in order and run the pipeline; progress goes to the {@link ProgressHub}
 * and to the record (persisted at most once a second while running); a cancel stops a job
 * between chunks, or before it starts.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final long PERSIST_EVERY_NANOS = 1_000_000_000L;
    private static final long MIRROR_EVERY_NANOS = 100_000_000L;

    @Inject
    VitalStreamConfig config;
    @Inject
    Pipeline pipeline;
    @Inject
    ProgressHub hub;
    @Inject
    Statistics statistics;
    @Inject
    JobStore store;
    @Inject
    JobRegistry registry;
    @Inject
    ClusterStore cluster;
    @Inject
    ClusterWorker worker;

    private ExecutorService runners;
    private String node;

    @PostConstruct
    void init() {
        node = cluster.node();
        AtomicInteger n = new AtomicInteger();
        runners = Executors.newFixedThreadPool(Math.max(1, config.maxConcurrentJobs()), r -> {
            Thread t = new Thread(r, "job-runner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void onStop(@Observes ShutdownEvent e) {
        for (JobHandle h : registry.handles()) {
            h.control.cancel();
            // in a cluster, a running job this replica leaves stops at its chunk and is reclaimed by
            // another after the lease; a single node keeps its old behaviour (interrupted, then
            // reported failed by the next start)
            if (cluster.enabled() && !h.record.state().isFinal()) {
                h.leftToCluster = true;
                if (h.runningControl != null) {
                    h.runningControl.cancel();
                }
            }
        }
        runners.shutdownNow();
    }

    /** The record to the data dir and, in cluster mode, to Redis (retried there until it is back). */
    private void persist(JobRecord r) {
        store.save(r);
        if (cluster.enabled()) {
            worker.mirror(r);
        }
    }

    /** Queues a registered job. */
    void queue(JobHandle h, InputFormat format, RawLayout raw, Strategy requested, OutputFormat output) {
        statistics.started(true);
        h.future = runners.submit(() -> run(h, format, raw, requested, output));
    }

    private void run(JobHandle h, InputFormat format, RawLayout raw, Strategy requested, OutputFormat output) {
        try {
            runQueued(h, format, raw, requested, output);
        } finally {
            Runnable end = h.onEnd;
            if (end != null) {
                end.run();
            }
        }
    }

    private void runQueued(JobHandle h, InputFormat format, RawLayout raw, Strategy requested, OutputFormat output) {
        synchronized (h) {
            if (h.record.state() != JobState.QUEUED) {
                return; // cancelled while queued
            }
            h.record = h.record.started(node);
        }
        String id = h.record.requestId();
        JobSpec spec = h.record.spec();
        long t0 = System.nanoTime();
        LOG.infof("job %s running on node %s", id, node);
        persist(h.record);
        hub.publish(JobEvent.of(JobEvent.Type.filtering_progress, h.record, "Starting"));
        RunControl control = new RunControl((done, total, message) -> progressed(h, done, total, message));
        controlOf(h, control);
        if (cluster.enabled()) {
            control.spread(splitFor(h, format));
        }
        JobState end = JobState.FAILED;
        try {
            Path result = store.folder(id).resolve("result." + output.extension());
            PipelineJob job = new PipelineJob(h.input, format, raw, spec.channels(), spec.samplingFreq(),
                    fs -> FilterDesigner.designChain(fs, spec.signalType(), spec.filterParams(), spec.filterChain()),
                    requested, output, result, store.scratch(id));
            PipelineResult r = pipeline.run(job, control, info -> {
                synchronized (h) {
                    h.record = h.record.running(info.strategy().strategy(), info.strategy().reason(), info.bytesIn(),
                            info.samples(), info.channels(), info.samplingFreq(), info.chunksTotal());
                }
                statistics.strategy(info.strategy().strategy().wire());
                persist(h.record);
            }, live -> h.live = live);
            end = JobState.COMPLETED;
            synchronized (h) {
                h.record = h.record.withNotes(control.notes());
            }
            finish(h, end, r.result().getFileName().toString(), r.outputType(), null,
                    JobEvent.Type.filtering_complete, "Completed: " + r.samples() + " samples x " + r.channels() + " channel(s)");
        } catch (CancelledException e) {
            end = JobState.CANCELLED;
            int heard = h.cancelHeardAt;
            if (heard >= 0) {
                synchronized (h) {
                    h.record = h.record.withNotes(List.of("cancelled from another replica: heard here after chunk " + heard
                            + ", stopped after chunk " + h.record.chunksDone()));
                }
            }
            finish(h, end, null, null, null, JobEvent.Type.filtering_cancelled, "Cancelled");
        } catch (VitalStreamException e) {
            finish(h, end, null, null, e.getMessage(), JobEvent.Type.filtering_error, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(h, end, null, null, "interrupted: the service is stopping", JobEvent.Type.filtering_error, "interrupted");
        } catch (Throwable t) {
            LOG.errorf(t, "job %s failed", id);
            String msg = "internal error (" + t.getClass().getSimpleName() + "): " + t.getMessage();
            finish(h, end, null, null, msg, JobEvent.Type.filtering_error, msg);
        } finally {
            h.live = null;
            try {
                store.clearPartial(id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not clear the scratch files of job %s", id);
            }
            statistics.finished(true, end, (System.nanoTime() - t0) / 1e6);
        }
    }

    /**
     * Cluster mode: a job of one IIR or window stage over a file (not CSV, decoded first)
     * shares its segment tasks or frame ranges with the other replicas when it is large enough
     * ({@link ClusterSplit#wants}); null otherwise.
     */
    private ClusterSplit splitFor(JobHandle h, InputFormat format) {
        JobRecord r = h.record;
        Double fs = r.samplingFreq() != null ? r.samplingFreq() : r.spec().samplingFreq();
        if (fs == null || format == InputFormat.CSV) {
            return null;
        }
        try {
            java.util.List<io.vitalstream.dsp.FilterSpec> stages = FilterDesigner.designChain(fs, r.spec().signalType(),
                    r.spec().filterParams(), r.spec().filterChain());
            if (stages.size() != 1 || !(stages.get(0) instanceof io.vitalstream.dsp.FilterSpec.Iir
                    || io.vitalstream.pipeline.RangeStages.byRanges(stages.get(0)))) {
                return null;
            }
        } catch (RuntimeException e) {
            return null; // the run reports the problem
        }
        return new ClusterSplit(cluster, r.requestId(), store.scratch(r.requestId()), h.runningControl, pipeline.segmentThreads(),
                config.cluster().splitAboveMb() << 20, config.cluster().splitParts());
    }

    /** Swaps in the running control, honouring a cancel that arrived before the run started. */
    private static void controlOf(JobHandle h, RunControl running) {
        synchronized (h) {
            if (h.control.isCancelled()) {
                running.cancel();
            }
            h.runningControl = running;
        }
    }

    private void progressed(JobHandle h, int done, int total, String message) {
        if (config.chunkDelayMs() > 0 && done < total) {
            try {
                Thread.sleep(config.chunkDelayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JobRecord r;
        synchronized (h) {
            h.record = h.record.progressed(done, total);
            r = h.record;
        }
        long now = System.nanoTime();
        if (now - h.lastPersist > PERSIST_EVERY_NANOS) {
            h.lastPersist = now;
            persist(r);
        } else if (cluster.enabled() && now - h.lastMirror > MIRROR_EVERY_NANOS) {
            h.lastMirror = now;
            worker.mirror(r); // any replica reports this job's progress as of at most 100 ms ago
        }
        // a cancel sent to another replica arrives as an event (at once); the key is the fallback
        if (cluster.enabled() && done < total && now - h.lastCancelCheck > PERSIST_EVERY_NANOS) {
            h.lastCancelCheck = now;
            if (worker.cancelRequested(r.requestId()) && h.runningControl != null) {
                h.runningControl.cancel();
            }
        }
        hub.publish(JobEvent.of(JobEvent.Type.filtering_progress, r, message));
    }

    private void finish(JobHandle h, JobState end, String resultFile, SampleType dtype, String error, JobEvent.Type eventType, String message) {
        if (h.leftToCluster && end != JobState.COMPLETED) {
            LOG.infof("job %s left to the cluster: this replica is stopping; another reclaims it after the lease", h.record.requestId());
            return;
        }
        JobRecord r;
        synchronized (h) {
            h.record = h.record.finished(end, resultFile, dtype, error);
            r = h.record;
        }
        persist(r);
        hub.publish(JobEvent.of(eventType, r, message));
    }

    /**
     * Cancels a queued or running job: a queued one ends at once, a running one within one
     * chunk; 409 when it has ended or is publishing its result.
     */
    public JobRecord cancel(String id) {
        JobHandle h = registry.local(id);
        if (h == null && cluster.enabled()) {
            return cancelElsewhere(id);
        }
        if (h == null) {
            h = registry.handle(id); // 404
        }
        synchronized (h) {
            JobRecord r = h.record;
            if (r.state().isFinal()) {
                throw ended(r);
            }
            if (h.runningControl != null && !h.runningControl.cancel()) {
                throw new StateConflictException("job " + id + " is publishing its result; it can no longer be cancelled");
            }
            h.control.cancel();
            if (r.state() == JobState.QUEUED) {
                h.record = r.finished(JobState.CANCELLED, null, null);
                persist(h.record);
                hub.publish(JobEvent.of(JobEvent.Type.filtering_cancelled, h.record, "Cancelled before it started"));
                if (h.future != null) {
                    h.future.cancel(false);
                }
                statistics.finished(true, JobState.CANCELLED, 0);
            }
            return h.record;
        }
    }

    /** Cluster mode: a cancel another replica received for a job running here; stops it at the end of its chunk. */
    void cancelHere(String id) {
        JobHandle h = registry.local(id);
        if (h != null && !h.record.state().isFinal()) {
            h.cancelHeardAt = h.record.chunksDone();
            h.control.cancel();
            RunControl running = h.runningControl;
            if (running != null) {
                running.cancel();
            }
        }
    }

    private static StateConflictException ended(JobRecord r) {
        return new StateConflictException("job " + r.requestId() + " has already " + (r.state() == JobState.COMPLETED ? "completed"
                : r.state() == JobState.CANCELLED ? "been cancelled" : "failed") + "; there is nothing to cancel");
    }

    /**
     * Cluster mode, a job this replica does not run: the cancel goes to Redis, where its runner
     * sees it at its next chunk (or, queued, before it starts); a queued job ends at once.
     */
    private JobRecord cancelElsewhere(String id) {
        JobRecord r = registry.status(id);
        if (r.state().isFinal()) {
            throw ended(r);
        }
        cluster.requestCancel(id);
        worker.announceCancel(id);
        if (r.state() == JobState.QUEUED) {
            JobRecord cancelled = r.finished(JobState.CANCELLED, null, null);
            store.save(cancelled);
            cluster.saveRecord(cancelled);
            hub.publish(JobEvent.of(JobEvent.Type.filtering_cancelled, cancelled, "Cancelled before it started"));
            return cancelled;
        }
        return r;
    }
}
