package io.vitalstream.error;

/** Input over a configured size limit. */
public final class TooLargeException extends VitalStreamException {

    public TooLargeException(String detail) {
        super(detail);
    }

    public TooLargeException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public Kind kind() {
        return Kind.TOO_LARGE;
    }
}
