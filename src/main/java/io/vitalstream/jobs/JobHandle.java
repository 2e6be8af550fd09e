package io.vitalstream.jobs;

import io.vitalstream.pipeline.RunControl;
import io.vitalstream.pipeline.StreamingResult;

import java.nio.file.Path;
import java.util.concurrent.Future;

/** A job in this process: its current record and, while it runs, its controls. */
final class JobHandle {
    volatile JobRecord record;
    /** Holds a cancel that arrives before the run has its own control. */
    final RunControl control;
    volatile Future<?> future;
    volatile StreamingResult live;
    volatile Path input;
    volatile RunControl runningControl;
    long lastPersist;
    long lastMirror;
    long lastCancelCheck;
    /** Cluster mode: the chunks done when a cancel from another replica arrived (-1: none). */
    volatile int cancelHeardAt = -1;
    /** Cluster mode: called when the run ends, however it ends (the queue entry is acknowledged then). */
    volatile Runnable onEnd;
    /** Cluster mode, this replica stopping: the run is abandoned to another replica (no final record, no ack). */
    volatile boolean leftToCluster;

    JobHandle(JobRecord record) {
        this.record = record;
        this.control = new RunControl(null);
    }
}
