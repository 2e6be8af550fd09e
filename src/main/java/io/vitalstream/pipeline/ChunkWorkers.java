package io.vitalstream.pipeline;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded pool of background threads that decode chunks, serving the most urgent task
 * first: a preview, then the chunk a filter is waiting for, then prefetch, each in order of
 * submission.
 */
public final class ChunkWorkers implements AutoCloseable {

    /** Lower runs first. */
    public enum Priority { PREVIEW, NEXT, PREFETCH }

    private final ThreadPoolExecutor pool;
    private final AtomicLong sequence = new AtomicLong();

    public ChunkWorkers(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "chunk-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    public void submit(Priority priority, Runnable task) {
        pool.execute(new Task(priority, sequence.incrementAndGet(), task));
    }

    public int queued() {
        return pool.getQueue().size();
    }

    private record Task(Priority priority, long seq, Runnable body) implements Runnable, Comparable<Task> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Task o) {
            int c = priority.compareTo(o.priority);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
