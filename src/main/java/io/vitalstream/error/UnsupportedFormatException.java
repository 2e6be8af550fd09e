package io.vitalstream.error;

/** A file format the service does not read or write. */
public final class UnsupportedFormatException extends VitalStreamException {

    public UnsupportedFormatException(String detail) {
        super(detail);
    }

    public UnsupportedFormatException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public Kind kind() {
        return Kind.UNSUPPORTED_FORMAT;
    }
}
