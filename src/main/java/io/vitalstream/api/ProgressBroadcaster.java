package io.vitalstream.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vitalstream.jobs.JobEvent;
import io.vitalstream.jobs.ProgressHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends job events to the WebSocket clients that want them. Sending never blocks the job:
 * each message is queued asynchronously, and a client with more than {@value #MAX_PENDING}
 * messages still unsent (slow, or gone) skips progress messages until it catches up; the
 * final complete/error/cancelled message is always queued.
 */
@ApplicationScoped
public class ProgressBroadcaster {

    static final int MAX_PENDING = 64;

    @Inject
    OpenConnections connections;
    @Inject
    ProgressHub hub;
    @Inject
    ObjectMapper json;

    void start(@Observes StartupEvent e) {
        hub.subscribe(this::broadcast);
    }

    void broadcast(JobEvent event) {
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (Exception e) {
            return;
        }
        boolean progress = event.type() == io.vitalstream.jobs.JobEvent.Type.filtering_progress;
        for (WebSocketConnection c : connections) {
            if (!c.isOpen()) {
                continue;
            }
            String only = c.userData().get(ProgressSocket.SUBSCRIPTION);
            if (only != null && !only.equals(event.requestId())) {
                continue;
            }
            AtomicInteger pending = c.userData().get(ProgressSocket.PENDING);
            if (pending == null) {
                continue;
            }
            if (progress && pending.get() >= MAX_PENDING) {
                continue;
            }
            pending.incrementAndGet();
            c.sendText(text).subscribe().with(v -> pending.decrementAndGet(), err -> pending.decrementAndGet());
        }
    }
}
