package io.vitalstream.jobs;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fans job events out to listeners (the WebSocket endpoint). Besides one message per chunk,
 * a ticker repeats the last progress of every running job that has been quiet for 400 ms,
 * so clients hear at least every 500 ms. Listeners must not block: they are called on the
 * filtering threads.
 */
@ApplicationScoped
public class ProgressHub {

    private static final Logger LOG = Logger.getLogger(ProgressHub.class);
    private static final long QUIET_NANOS = 400_000_000L;

    private final CopyOnWriteArrayList<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress-ticker");
        t.setDaemon(true);
        return t;
    });

    private volatile ClusterWorker cluster;

    private record Running(JobEvent last, long at) {
    }

    ProgressHub() {
        ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    public void subscribe(Consumer<JobEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<JobEvent> listener) {
        listeners.remove(listener);
    }

    /** An event of this replica: to the local listeners and, in cluster mode, to every replica. */
    void publish(JobEvent event) {
        remember(event);
        deliver(event);
        ClusterWorker w = cluster;
        if (w != null) {
            w.publish(event);
        }
    }

    /** An event another replica published (cluster mode). */
    void deliverRemote(JobEvent event) {
        remember(event);
        deliver(event);
    }

    /** Cluster mode: where this replica's events also go. */
    void fanOutTo(ClusterWorker worker) {
        cluster = worker;
    }

    private void remember(JobEvent event) {
        if (event.type() == io.vitalstream.jobs.JobEvent.Type.filtering_progress) {
            running.put(event.requestId(), new Running(event, System.nanoTime()));
        } else {
            running.remove(event.requestId());
        }
    }

    private void deliver(JobEvent event) {
        for (Consumer<JobEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException | Error e) {
                LOG.debugf(e, "progress listener failed");
            }
        }
    }

    /** Never lets a failure escape: a periodic task that throws is never run again. */
    private void tick() {
        try {
            long now = System.nanoTime();
            running.forEach((id, r) -> {
                if (now - r.at() >= QUIET_NANOS && running.replace(id, r, new Running(r.last(), now))) {
                    deliver(r.last());
                }
            });
        } catch (Throwable t) {
            LOG.warnf(t, "progress ticker: a repeat failed (the ticker goes on)");
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        ticker.shutdownNow();
    }
}
