package io.vitalstream.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.Work;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.NotFoundException;
import io.vitalstream.error.StateConflictException;
import io.vitalstream.error.VitalStreamException;
import io.vitalstream.io.Access;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.RawLayout;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
import io.vitalstream.pipeline.CancelledException;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Pipeline;
import io.vitalstream.pipeline.PipelineJob;
import io.vitalstream.pipeline.PipelineResult;
import io.vitalstream.pipeline.RunControl;
import io.vitalstream.pipeline.Strategy;
import io.vitalstream.pipeline.StrategyChoice;
import io.vitalstream.pipeline.StrategySelector;
import io.vitalstream.pipeline.StreamingResult;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The job lifecycle: submission (input resolved and checked, filter validated, strategy
 * chosen), a queue served by {@code vitalstream.max-concurrent-jobs} runner threads (off
 * the event loop), progress to the {@link ProgressHub}, cancellation between chunks,
 * records persisted in the data dir and recovered at start-up (jobs that were running when
 * the process died are reported failed and their partial output removed).
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final long PERSIST_EVERY_NANOS = 1_000_000_000L;

    @Inject
    VitalStreamConfig config;
    @Inject
    Pipeline pipeline;
    @Inject
    ProgressHub hub;
    @Inject
    Statistics statistics;

    private Path dataDir;
    private JobStore store;
    private UploadStore uploads;
    private InputResolver inputs;
    private ExecutorService runners;
    private final Map<String, Handle> jobs = new ConcurrentHashMap<>();

    /** A job in this process: its current record and, while it runs, its controls. */
    static final class Handle {
        volatile JobRecord record;
        final RunControl control;
        volatile Future<?> future;
        volatile StreamingResult live;
        volatile Path input;
        volatile RunControl runningControl;
        long lastPersist;

        Handle(JobRecord record, RunControl control) {
            this.record = record;
            this.control = control;
        }
    }

    @PostConstruct
    void init() {
        dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the data dir " + dataDir, e);
        }
        store = new JobStore(dataDir);
        uploads = new UploadStore(dataDir);
        inputs = new InputResolver(dataDir, uploads);
        AtomicInteger n = new AtomicInteger();
        runners = Executors.newFixedThreadPool(Math.max(1, config.maxConcurrentJobs()), r -> {
            Thread t = new Thread(r, "job-runner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        recover();
    }

    void onStart(@Observes StartupEvent e) {
        LOG.infof("Data dir %s: %d job(s) on record", dataDir, jobs.size());
    }

    void onStop(@Observes ShutdownEvent e) {
        jobs.values().forEach(h -> h.control.cancel());
        runners.shutdownNow();
    }

    public UploadStore uploads() {
        return uploads;
    }

    /** An upload made from a built-in example recording. */
    public Upload createExample(String name) {
        return ExampleRecordings.create(name, uploads);
    }

    public Path dataDir() {
        return dataDir;
    }

    private void recover() {
        List<String> problems = new ArrayList<>();
        for (JobRecord r : store.loadAll(problems)) {
            JobRecord fixed = r;
            if (!r.state().isFinal()) {
                fixed = r.finished(JobState.FAILED, null, "the service stopped while this job was " + r.state().wire()
                        + "; its partial output was discarded. Submit it again.");
                store.save(fixed);
            } else if (r.state() == JobState.COMPLETED && (r.resultFile() == null || !Files.exists(store.folder(r.requestId()).resolve(r.resultFile())))) {
                fixed = r.finished(JobState.FAILED, null, "the result file of this job is missing from the data dir");
                store.save(fixed);
            }
            store.clearPartial(r.requestId());
            jobs.put(r.requestId(), new Handle(fixed, new RunControl(null)));
        }
        problems.forEach(p -> LOG.warnf("unreadable job record %s", p));
    }

    // ---------------------------------------------------------------- submission

    public JobRecord submit(JobSpec spec) {
        String id = UUID.randomUUID().toString();
        try {
            return submit(id, spec);
        } catch (RuntimeException e) {
            JobStore.deleteTree(store.folder(id));
            throw e;
        }
    }

    private JobRecord submit(String id, JobSpec spec) {
        if (spec.channels() != null) {
            if (spec.channels().length == 0 || spec.channels().length > 4096) {
                throw new InvalidParameterException("channels", "channels lists 1 to 4096 channel numbers (from 0), or is left out for all");
            }
            for (int c : spec.channels()) {
                if (c < 0) {
                    throw new InvalidParameterException("channels", "channel numbers start at 0, got " + c);
                }
            }
        }
        Strategy requested = Strategy.parse(spec.strategy());
        OutputFormat output = OutputFormat.parse(spec.outputFormat());
        InputFormat format = format(spec);
        RawLayout raw = rawLayout(spec);
        Path input = inputs.resolve(spec, store.folder(id).resolve("input"));
        InputFormat actual = SignalFiles.formatOf(input, format, raw);
        long bytes = SignalFiles.size(input);
        String strategy = requested == null ? "auto" : requested.wire();
        String reason = requested == null ? "chosen when the CSV has been decoded" : "requested";
        long samples = 0;
        int channels = 0;
        Double fs = spec.samplingFreq();
        if (actual != InputFormat.CSV) {
            // open the header now: a bad file or filter is the client's error, answered at once
            try (SignalSource s = SignalFiles.open(input, actual, raw, spec.channels(), Access.MAPPED, null)) {
                samples = s.frames();
                channels = s.channels();
                if (fs == null && s.samplingRate().isPresent()) {
                    fs = s.samplingRate().getAsDouble();
                }
                if (fs == null) {
                    throw new InvalidParameterException("sampling_freq", input.getFileName() + " does not record its sampling rate; give sampling_freq (Hz)");
                }
                List<FilterSpec> stages = FilterDesigner.designChain(fs, spec.signalType(), spec.filterParams(), spec.filterChain());
                // methods that need the whole signal cannot be cancelled chunk by chunk: bound them now
                Work.require(stages.stream().filter(st -> st instanceof FilterSpec.Whole).toList(), channels, samples,
                        pipeline.settings().maxWork());
                StrategyChoice choice = StrategySelector.select(bytes, samples, channels, pipeline.settings(), requested);
                strategy = choice.strategy().wire();
                reason = choice.reason();
            }
        } else if (fs != null) {
            FilterDesigner.designChain(fs, spec.signalType(), spec.filterParams(), spec.filterChain());
        }
        JobRecord record = JobRecord.queued(id, input.getFileName().toString(), strategy, reason, bytes, samples, channels, fs,
                output.extension(), spec);
        store.save(record);
        Handle h = new Handle(record, new RunControl(null));
        h.input = input;
        jobs.put(id, h);
        statistics.started(true);
        h.future = runners.submit(() -> run(h, actual, raw, requested, output));
        return record;
    }

    /** The input format a spec names (null: detect). */
    static InputFormat format(JobSpec spec) {
        return spec.format() == null || spec.format().isBlank() ? null : InputFormat.parse(spec.format());
    }

    static RawLayout rawLayout(JobSpec spec) {
        if (spec.rawDtype() == null && spec.rawChannels() == null) {
            return null;
        }
        if (spec.rawChannels() == null) {
            throw new InvalidParameterException("raw_layout", "raw_layout needs channels (and dtype, default float32)");
        }
        SampleType type;
        try {
            type = SampleType.parse(spec.rawDtype() == null ? "float32" : spec.rawDtype());
        } catch (VitalStreamException e) {
            throw new InvalidParameterException("raw_layout", e.getMessage());
        }
        return new RawLayout(type, spec.rawChannels(), ByteOrder.LITTLE_ENDIAN);
    }

    // ---------------------------------------------------------------- running

    private void run(Handle h, InputFormat format, RawLayout raw, Strategy requested, OutputFormat output) {
        synchronized (h) {
            if (h.record.state() != JobState.QUEUED) {
                return; // cancelled while queued
            }
            h.record = h.record.started();
        }
        String id = h.record.requestId();
        JobSpec spec = h.record.spec();
        long t0 = System.nanoTime();
        store.save(h.record);
        hub.publish(JobEvent.of(JobEvent.Type.filtering_progress, h.record, "Starting"));
        RunControl control = new RunControl((done, total, message) -> progressed(h, done, total, message));
        controlOf(h, control);
        JobState end = JobState.FAILED;
        try {
            Path result = store.folder(id).resolve("result." + output.extension());
            PipelineJob job = new PipelineJob(h.input, format, raw, spec.channels(), spec.samplingFreq(),
                    fs -> FilterDesigner.designChain(fs, spec.signalType(), spec.filterParams(), spec.filterChain()),
                    requested, output, result, store.scratch(id));
            PipelineResult r = pipeline.run(job, control, info -> {
                synchronized (h) {
                    h.record = h.record.running(info.strategy().strategy().wire(), info.strategy().reason(), info.bytesIn(),
                            info.samples(), info.channels(), info.samplingFreq(), info.chunksTotal());
                }
                statistics.strategy(info.strategy().strategy().wire());
                store.save(h.record);
            }, live -> h.live = live);
            end = JobState.COMPLETED;
            finish(h, end, r.result().getFileName().toString(), r.outputType().name().toLowerCase(java.util.Locale.ROOT), null,
                    JobEvent.Type.filtering_complete, "Completed: " + r.samples() + " samples x " + r.channels() + " channel(s)");
        } catch (CancelledException e) {
            end = JobState.CANCELLED;
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

    /** Swaps in the running control, honouring a cancel that arrived before the run started. */
    private static void controlOf(Handle h, RunControl running) {
        synchronized (h) {
            if (h.control.isCancelled()) {
                running.cancel();
            }
            h.runningControl = running;
        }
    }

    private void progressed(Handle h, int done, int total, String message) {
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
            store.save(r);
        }
        hub.publish(JobEvent.of(JobEvent.Type.filtering_progress, r, message));
    }

    private void finish(Handle h, JobState end, String resultFile, String dtype, String error, JobEvent.Type eventType, String message) {
        JobRecord r;
        synchronized (h) {
            h.record = h.record.finished(end, resultFile, dtype, error);
            r = h.record;
        }
        store.save(r);
        hub.publish(JobEvent.of(eventType, r, message));
    }

    // ---------------------------------------------------------------- queries and control

    public JobRecord status(String id) {
        return handle(id).record;
    }

    public List<JobRecord> list() {
        return jobs.values().stream().map(h -> h.record).sorted(Comparator.comparing(JobRecord::createdAt).reversed()).toList();
    }

    public JobRecord cancel(String id) {
        Handle h = handle(id);
        synchronized (h) {
            JobRecord r = h.record;
            if (r.state().isFinal()) {
                throw new StateConflictException("job " + id + " has already " + (r.state() == JobState.COMPLETED ? "completed"
                        : r.state() == JobState.CANCELLED ? "been cancelled" : "failed") + "; there is nothing to cancel");
            }
            if (h.runningControl != null && !h.runningControl.cancel()) {
                throw new StateConflictException("job " + id + " is publishing its result; it can no longer be cancelled");
            }
            h.control.cancel();
            if (r.state() == JobState.QUEUED) {
                h.record = r.finished(JobState.CANCELLED, null, null);
                store.save(h.record);
                hub.publish(JobEvent.of(JobEvent.Type.filtering_cancelled, h.record, "Cancelled before it started"));
                if (h.future != null) {
                    h.future.cancel(false);
                }
                statistics.finished(true, JobState.CANCELLED, 0);
            }
            return h.record;
        }
    }

    /** The published result of a completed job; 409 while it is not completed. */
    public Path result(String id) {
        JobRecord r = status(id);
        if (r.state() != JobState.COMPLETED) {
            throw new StateConflictException("job " + id + " is " + r.state().wire()
                    + (r.state() == JobState.RUNNING ? " (" + Math.round(r.progress() * 100) + " %)" : "")
                    + "; its result is available once it has completed");
        }
        Path p = store.folder(id).resolve(r.resultFile());
        if (!Files.exists(p)) {
            throw new NotFoundException("the result file of job " + id + " is missing from the data dir");
        }
        return p;
    }

    /** The input a job reads (resolved again after a restart). */
    public Path input(String id) {
        Handle h = handle(id);
        if (h.input == null || !Files.exists(h.input)) {
            h.input = inputs.resolve(h.record.spec(), store.folder(id).resolve("input"));
        }
        return h.input;
    }

    public Path scratchFor(String id) {
        return store.scratch(id);
    }

    private Handle handle(String id) {
        Handle h = id == null ? null : jobs.get(id);
        if (h == null) {
            throw new NotFoundException("no job with id '" + id + "'");
        }
        return h;
    }
}
