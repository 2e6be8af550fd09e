package io.vitalstream.error;

/** An unknown job, upload or file. */
public final class NotFoundException extends VitalStreamException {

    public NotFoundException(String detail) {
        super(Kind.NOT_FOUND, detail);
    }
}
