package io.vitalstream.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vitalstream.error.UnsupportedFormatException;

import java.util.Locale;

/** Sample encodings the readers decode and the writers produce. */
public enum SampleType {
    INT8(1), INT16(2), INT32(4), FLOAT32(4), FLOAT64(8);

    private final int bytes;

    SampleType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The output type the SPEC asks for: float64 stays float64, everything else becomes float32. */
    public SampleType outputType() {
        return this == FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** The name as the API and job records write it: float32, int16... */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 'float32', 'f4', '<f4', 'int16', 'i2' ... */
    @JsonCreator
    public static SampleType parse(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT).replaceFirst("^[<>|=]", "");
        return switch (s) {
            case "float32", "f4", "float" -> FLOAT32;
            case "float64", "f8", "double" -> FLOAT64;
            case "int16", "i2", "short" -> INT16;
            case "int32", "i4", "int" -> INT32;
            default -> throw new UnsupportedFormatException("unsupported sample type '" + name + "'; use float32, float64, int16 or int32");
        };
    }

    public String numpyCode() {
        return switch (this) {
            case INT8 -> "i1";
            case INT16 -> "i2";
            case INT32 -> "i4";
            case FLOAT32 -> "f4";
            case FLOAT64 -> "f8";
        };
    }
}
