package io.vitalstream.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vitalstream.error.InvalidParameterException;

import java.util.Locale;

/** How a job's input is read and filtered (the seed report's four strategies). */
public enum Strategy {
    /** Whole signal decoded onto the heap and filtered in one call. */
    STANDARD,
    /** Chunks read with positional file reads into reused heap buffers. */
    CHUNKED,
    /** Chunks decoded from memory-mapped windows of the file. */
    MEMORY_MAPPED,
    /** Chunks decoded ahead by background workers (bounded prefetch), results streamed as they finish. */
    PROGRESSIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** null or "auto" means: let the selector choose. */
    @JsonCreator
    public static Strategy parse(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("strategy", "unknown strategy '" + s + "'; use auto, standard, chunked, memory_mapped or progressive");
        }
    }
}
