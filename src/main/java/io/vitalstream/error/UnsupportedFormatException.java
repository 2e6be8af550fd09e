package io.vitalstream.error;

/** A file format the service does not read or write. */
public final class UnsupportedFormatException extends VitalStreamException {

    public UnsupportedFormatException(String detail) {
        super(Kind.UNSUPPORTED_FORMAT, detail);
    }
}
