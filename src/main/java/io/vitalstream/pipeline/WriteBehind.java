package io.vitalstream.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a chunk's output on another thread while the next chunk is filtered: one write in
 * flight at a time (the caller waits for the previous one before handing over the next), so
 * buffers are returned in order and memory stays bounded. Closing waits for the last write.
 */
final class WriteBehind implements AutoCloseable {

    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "result-writer");
        t.setDaemon(true);
        return t;
    });

    private Future<?> pending;

    /** Waits for the previous write, then starts this one. */
    void submit(Runnable write) throws InterruptedException {
        await();
        pending = WRITERS.submit(write);
    }

    /** Waits for the write in flight (rethrowing its failure). */
    void await() throws InterruptedException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pending = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        await();
    }
}
