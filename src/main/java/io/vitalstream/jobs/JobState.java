package io.vitalstream.jobs;

import java.util.Locale;

/** A job's lifecycle: queued -> running -> completed | failed | cancelled. */
public enum JobState {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
