package io.vitalstream.error;

/** A request parameter or signal that cannot be used, naming the offending field. */
public final class InvalidParameterException extends VitalStreamException {

    private final String field;

    public InvalidParameterException(String field, String detail) {
        super(Kind.INVALID_PARAMETER, detail);
        this.field = field;
    }

    /** The request field at fault, snake_case as on the wire (may be null). */
    public String field() {
        return field;
    }
}
