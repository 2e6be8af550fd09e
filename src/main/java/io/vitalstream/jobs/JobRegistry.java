package io.vitalstream.jobs;

import io.quarkus.runtime.StartupEvent;
import io.vitalstream.error.NotFoundException;
import io.vitalstream.error.StateConflictException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every job this process knows: the records recovered from the data dir at start-up (jobs
 * that were queued or running when the process died are reported failed and their partial
 * output removed) and those submitted since; lookups by id, the list, a job's input,
 * scratch folder and published result.
 */
@ApplicationScoped
public class JobRegistry {

    private static final Logger LOG = Logger.getLogger(JobRegistry.class);

    @Inject
    JobStore store;
    @Inject
    InputResolver inputs;
    @Inject
    Stores stores;
    @Inject
    ClusterStore cluster;

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9a-f\\-]{36}");

    private final Map<String, JobHandle> jobs = new ConcurrentHashMap<>();

    @PostConstruct
    void recover() {
        if (cluster.enabled()) {
            return; // the cluster's records: a job whose replica died is reclaimed, not failed
        }
        List<String> problems = new ArrayList<>();
        for (JobRecord r : store.loadAll(problems)) {
            JobRecord fixed = r;
            if (!r.state().isFinal()) {
                fixed = r.finished(JobState.FAILED, null, "the service stopped while this job was " + r.state().wire()
                        + "; its partial output was discarded. Submit it again.");
                store.save(fixed);
            } else if (r.state() == JobState.COMPLETED
                    && (r.resultFile() == null || !Files.exists(store.folder(r.requestId()).resolve(r.resultFile())))) {
                fixed = r.finished(JobState.FAILED, null, "the result file of this job is missing from the data dir");
                store.save(fixed);
            }
            store.clearPartial(r.requestId());
            jobs.put(r.requestId(), new JobHandle(fixed));
        }
        problems.forEach(p -> LOG.warnf("unreadable job record %s", p));
    }

    void onStart(@Observes StartupEvent e) {
        LOG.infof("Data dir %s: %d job(s) on record", stores.dataDir(), jobs.size());
    }

    void register(JobHandle h) {
        jobs.put(h.record.requestId(), h);
    }

    Collection<JobHandle> handles() {
        return jobs.values();
    }

    /** The handle of a job this process runs or ran, or null. */
    JobHandle local(String id) {
        return id == null ? null : jobs.get(id);
    }

    JobHandle handle(String id) {
        JobHandle h = id == null ? null : jobs.get(id);
        if (h == null) {
            throw new NotFoundException("no job with id '" + id + "'");
        }
        return h;
    }

    /**
     * A job's record: this process's own while it runs or ran it here; in cluster mode otherwise
     * Redis's, or the shared data dir's while Redis is unreachable.
     */
    public JobRecord status(String id) {
        JobHandle h = local(id);
        if (h != null || !cluster.enabled()) {
            return handle(id).record;
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new NotFoundException("no job with id '" + id + "'");
        }
        java.util.Optional<JobRecord> r;
        try {
            r = cluster.loadRecord(id);
        } catch (io.vitalstream.error.ServiceBusyException e) {
            r = java.util.Optional.empty();
        }
        return r.or(() -> store.load(id)).orElseThrow(() -> new NotFoundException("no job with id '" + id + "'"));
    }

    public List<JobRecord> list() {
        Map<String, JobRecord> all = new java.util.HashMap<>();
        if (cluster.enabled()) {
            store.loadAll(new ArrayList<>()).forEach(r -> all.put(r.requestId(), r));
            try {
                cluster.listRecords().forEach(r -> all.put(r.requestId(), r));
            } catch (io.vitalstream.error.ServiceBusyException e) {
                LOG.debugf("job list from the data dir only: %s", e.getMessage());
            }
        }
        jobs.values().forEach(h -> all.put(h.record.requestId(), h.record));
        return all.values().stream().sorted(Comparator.comparing(JobRecord::createdAt).reversed()).toList();
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
        JobHandle h = local(id);
        if (h == null && cluster.enabled()) {
            return inputs.resolve(status(id).spec(), store.folder(id).resolve("input"));
        }
        h = handle(id);
        if (h.input == null || !Files.exists(h.input)) {
            h.input = inputs.resolve(h.record.spec(), store.folder(id).resolve("input"));
        }
        return h.input;
    }

    public Path scratchFor(String id) {
        return store.scratch(id);
    }
}
