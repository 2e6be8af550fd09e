package io.vitalstream.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

/** Progress and cancellation of one run: checked between chunks. */
public final class RunControl {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ProgressListener listener;
    private int done;
    private int total;
    private final java.util.List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RunControl(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    private boolean committed;

    /**
     * Asks the run to stop. Decided under one lock with {@link #commit}: false when the run has
     * already committed to publishing its result (the cancel came too late and changes nothing).
     */
    public synchronized boolean cancel() {
        if (committed) {
            return false;
        }
        cancelled.set(true);
        return true;
    }

    /**
     * The point of no return before a result is published: throws {@link CancelledException}
     * if a cancel came first, else no later cancel takes effect.
     */
    public synchronized void commit() {
        checkpoint();
        committed = true;
    }

    private volatile JobSpread spread;

    /** Cluster mode: where this run's IIR sweeps and FIR/window ranges may go besides this process (null: nowhere). */
    public void spread(JobSpread where) {
        spread = where;
    }

    public JobSpread spread() {
        return spread;
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} when cancelled. */
    public void checkpoint() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }

    /** Something the run decided that the user should know (a fitted method's sample and components). */
    public void note(String note) {
        notes.add(note);
    }

    /** The notes so far, in order. */
    public java.util.List<String> notes() {
        return java.util.List.copyOf(notes);
    }

    void expect(int chunks) {
        total = chunks;
    }

    /**
     * Counts a finished chunk (or segment task) and stops the run if it was cancelled. A
     * cancel seen before counting counts nothing more: with several workers finishing at
     * once, the run still stops within one chunk of the cancel.
     */
    void chunkDone(String what) {
        checkpoint();
        done++;
        listener.onChunk(done, total, "Processing chunk " + done + "/" + total + (what.isEmpty() ? "" : " (" + what + ")"));
        checkpoint();
    }

    public int done() {
        return done;
    }

    public int total() {
        return total;
    }
}
