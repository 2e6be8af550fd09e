package io.vitalstream.error;

/** An unknown job, upload or file. */
public final class NotFoundException extends VitalStreamException {

    public NotFoundException(String detail) {
        super(detail);
    }

    public NotFoundException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
