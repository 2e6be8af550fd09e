package io.vitalstream.error;

/** The target exists but is in the wrong state for this call (e.g. a result of a running job). */
public final class StateConflictException extends VitalStreamException {

    public StateConflictException(String detail) {
        super(Kind.STATE_CONFLICT, detail);
    }
}
