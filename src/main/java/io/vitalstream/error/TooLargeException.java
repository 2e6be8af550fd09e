package io.vitalstream.error;

/** Input over a configured size limit. */
public final class TooLargeException extends VitalStreamException {

    public TooLargeException(String detail) {
        super(Kind.TOO_LARGE, detail);
    }
}
