package io.vitalstream.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

/** Progress and cancellation of one run: checked between chunks. */
public final class RunControl {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ProgressListener listener;
    private int done;
    private int total;

    public RunControl(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public void cancel() {
        cancelled.set(true);
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

    void expect(int chunks) {
        total = chunks;
    }

    void chunkDone(String what) {
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
