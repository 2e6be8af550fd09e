package io.vitalstream.pipeline;

/** Thrown between chunks when a job has been cancelled; not an error. */
public final class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
