package io.vitalstream.error;

/** A file or body that is malformed or truncated. */
public final class MalformedInputException extends VitalStreamException {

    public MalformedInputException(String detail) {
        super(detail);
    }

    public MalformedInputException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED_INPUT;
    }
}
