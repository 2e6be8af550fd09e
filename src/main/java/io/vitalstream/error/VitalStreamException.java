package io.vitalstream.error;

/**
 * The one exception hierarchy of the service. Each subclass says what went wrong in the
 * user's terms; the API maps its {@link Kind} to an HTTP status once, as problem+json.
 * Lives below every layer so the engine, readers and jobs can all throw it.
 */
public abstract sealed class VitalStreamException extends RuntimeException
        permits InvalidParameterException, NotFoundException, StateConflictException, TooLargeException,
        UnsupportedFormatException, MalformedInputException, ServiceBusyException {

    /** What kind of failure this is, independent of transport. */
    public enum Kind { INVALID_PARAMETER, NOT_FOUND, STATE_CONFLICT, TOO_LARGE, UNSUPPORTED_FORMAT, MALFORMED_INPUT, BUSY }

    private final Kind kind;

    protected VitalStreamException(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public final Kind kind() {
        return kind;
    }
}
