package io.vitalstream.dsp;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * How many threads a computation may use, and where they come from: an argument of the
 * engine, never a global. Tasks are claimed from a shared counter, so the caller works too
 * and a helper that never gets a thread (a busy pool) only means fewer hands, never a hang.
 */
public final class Parallelism {

    /** A task, given the index of the worker running it (0 .. threads()-1) for its scratch. */
    @FunctionalInterface
    public interface Task {
        void run(int worker, int task);
    }

    private static final Parallelism SERIAL = new Parallelism(Runnable::run, 1);

    private final Executor executor;
    private final int threads;

    private Parallelism(Executor executor, int threads) {
        this.executor = executor;
        this.threads = Math.max(1, threads);
    }

    public static Parallelism serial() {
        return SERIAL;
    }

    /** Up to {@code threads} threads: the caller and helpers from {@code executor}. */
    public static Parallelism of(Executor executor, int threads) {
        return threads <= 1 ? SERIAL : new Parallelism(executor, threads);
    }

    /** The machine's cores (at most {@code max}), helpers from the common fork-join pool. */
    public static Parallelism cores(int max) {
        return of(ForkJoinPool.commonPool(), Math.min(max, Runtime.getRuntime().availableProcessors()));
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs task(worker, t) for every t in [0, tasks), each exactly once, and returns when all
     * are done. The first failure stops the claiming of further tasks and is rethrown.
     */
    public void forEach(int tasks, Task task) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0) {
            for (int t = 0; t < tasks; t++) {
                task.run(0, t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // per helper: 0 = not started, 1 = running, 2 = finished or never to start
        AtomicInteger[] state = new AtomicInteger[helpers];
        Thread caller = Thread.currentThread();
        for (int h = 0; h < helpers; h++) {
            int worker = h + 1;
            AtomicInteger s = state[h] = new AtomicInteger();
            try {
                executor.execute(() -> {
                    if (!s.compareAndSet(0, 1)) {
                        return;
                    }
                    try {
                        work(worker, tasks, task, next, failure);
                    } finally {
                        s.set(2);
                        LockSupport.unpark(caller);
                    }
                });
            } catch (RejectedExecutionException e) {
                s.set(2);
            }
        }
        work(0, tasks, task, next, failure);
        for (AtomicInteger s : state) {
            if (s.compareAndSet(0, 2)) {
                continue; // never started: the caller did its share
            }
            while (s.get() != 2) {
                LockSupport.park(this);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static void work(int worker, int tasks, Task task, AtomicInteger next, AtomicReference<Throwable> failure) {
        while (failure.get() == null) {
            int t = next.getAndIncrement();
            if (t >= tasks) {
                return;
            }
            try {
                task.run(worker, t);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                return;
            }
        }
    }
}
