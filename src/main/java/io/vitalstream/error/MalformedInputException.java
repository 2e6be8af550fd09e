package io.vitalstream.error;

/** A file or body that is malformed or truncated. */
public final class MalformedInputException extends VitalStreamException {

    public MalformedInputException(String detail) {
        super(Kind.MALFORMED_INPUT, detail);
    }
}
