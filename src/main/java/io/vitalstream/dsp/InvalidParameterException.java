package io.vitalstream.dsp;

/** A filter parameter or signal that cannot be used, naming the offending field. */
public class InvalidParameterException extends IllegalArgumentException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault (snake_case, as on the wire). */
    public String field() {
        return field;
    }
}
