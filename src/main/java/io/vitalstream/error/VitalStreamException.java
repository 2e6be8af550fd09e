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

    protected VitalStreamException(String detail) {
        super(detail);
    }

    protected VitalStreamException(String detail, Throwable cause) {
        super(detail, cause);
    }

    public abstract Kind kind();
}
