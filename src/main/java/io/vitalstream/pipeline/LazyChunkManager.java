package io.vitalstream.pipeline;

import io.vitalstream.io.SignalSource;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Decodes a source's chunks on demand, in the background: the consumer asks for chunks in
 * order with {@link #take(int)}, and the manager keeps up to {@code prefetch} later chunks
 * decoding on the worker pool. Buffers come from a fixed pool (prefetch + 1, pre-touched)
 * and go back with {@link #release}, so memory stays flat whatever the file size. Decoded
 * chunks are offered to the cache when the whole source fits in it.
 */
public final class LazyChunkManager implements AutoCloseable {

    /** A decoded chunk: frames [start, start + count) over {@code frame} lanes in {@code data}. */
    public record Chunk(int index, long start, int count, double[] data) {
    }

    private final SignalSource source;
    private final String sourceId;
    private final ChunkPlan plan;
    private final int frame;
    private final ChunkCache cache;
    private final boolean cacheable;
    private final ChunkWorkers workers;
    private final int prefetch;
    private final BlockingQueue<double[]> buffers;
    private final Map<Integer, CompletableFuture<Chunk>> pending = new HashMap<>();
    private volatile boolean closed;
    private int scheduledUpTo = -1;

    private final boolean reverse;

    public LazyChunkManager(SignalSource source, String sourceId, ChunkPlan plan, int frame, ChunkCache cache,
                            ChunkWorkers workers, int prefetch) {
        this(source, sourceId, plan, frame, cache, workers, prefetch, false);
    }

    /**
     * With {@code reverse}, take(k) delivers the plan's chunk count-1-k: the last chunk first,
     * for backward passes.
     */
    public LazyChunkManager(SignalSource source, String sourceId, ChunkPlan plan, int frame, ChunkCache cache,
                            ChunkWorkers workers, int prefetch, boolean reverse) {
        this.reverse = reverse;
        this.source = source;
        this.sourceId = sourceId;
        this.plan = plan;
        this.frame = frame;
        this.cache = cache;
        this.workers = workers;
        this.prefetch = Math.max(0, prefetch);
        this.cacheable = cache != null && sourceId != null
                && source.frames() * (long) frame * 8 <= cache.maxBytes() / 2;
        this.buffers = new ArrayBlockingQueue<>(this.prefetch + 1);
        for (int i = 0; i <= this.prefetch; i++) {
            double[] b = new double[plan.chunkFrames() * frame];
            java.util.Arrays.fill(b, 0.0); // first touch now, not on the hot path
            buffers.add(b);
        }
    }

    /**
     * Chunk {@code index}, waiting for its decode, then schedules the following ones. Chunks
     * are taken in order, and each is released before the next is taken.
     */
    public Chunk take(int index) throws InterruptedException {
        if (!schedule(index, ChunkWorkers.Priority.NEXT)) {
            throw new IllegalStateException("chunks are taken in order: " + index + " after " + scheduledUpTo);
        }
        CompletableFuture<Chunk> f;
        synchronized (pending) {
            f = pending.remove(index);
        }
        for (int i = index + 1; i <= index + prefetch && i < plan.count(); i++) {
            if (!schedule(i, ChunkWorkers.Priority.PREFETCH)) {
                break;
            }
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public void release(Chunk chunk) {
        buffers.offer(chunk.data());
    }

    /** Starts decoding chunk {@code index} if it is the next unscheduled one; false when it cannot yet. */
    private boolean schedule(int index, ChunkWorkers.Priority priority) throws InterruptedException {
        synchronized (pending) {
            if (index <= scheduledUpTo) {
                return pending.containsKey(index) || priority != ChunkWorkers.Priority.NEXT;
            }
            if (index != scheduledUpTo + 1) {
                return false;
            }
        }
        double[] buffer = priority == ChunkWorkers.Priority.NEXT ? buffers.take() : buffers.poll();
        if (buffer == null) {
            return false; // no free buffer: prefetch waits until the consumer releases one
        }
        CompletableFuture<Chunk> f = new CompletableFuture<>();
        synchronized (pending) {
            pending.put(index, f);
            scheduledUpTo = index;
        }
        int physical = reverse ? plan.count() - 1 - index : index;
        long start = plan.start(physical);
        int count = plan.length(physical);
        workers.submit(priority, () -> {
            if (closed) {
                f.cancel(false);
                return;
            }
            try {
                ChunkCache.Key key = new ChunkCache.Key(sourceId, start, count, frame);
                if (!(cacheable && cache.get(key, buffer))) {
                    source.read(start, count, buffer, 0, frame);
                    if (cacheable) {
                        cache.put(key, buffer, count * frame);
                    }
                }
                f.complete(new Chunk(physical, start, count, buffer));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return true;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.values().forEach(f -> f.cancel(false));
            pending.clear();
        }
    }
}
