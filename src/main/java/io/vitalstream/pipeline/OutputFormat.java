package io.vitalstream.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vitalstream.error.UnsupportedFormatException;

import java.util.Locale;

/** Result formats: npy (default), raw interleaved little-endian, csv, edf. */
public enum OutputFormat {
    NPY("npy", "application/octet-stream"),
    RAW("raw", "application/octet-stream"),
    CSV("csv", "text/csv"),
    EDF("edf", "application/octet-stream");

    private final String extension;
    private final String mediaType;

    OutputFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    @JsonValue
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    @JsonCreator
    public static OutputFormat parse(String s) {
        if (s == null || s.isBlank()) {
            return NPY;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFormatException("unknown output_format '" + s + "'; use npy, raw, csv or edf");
        }
    }
}
