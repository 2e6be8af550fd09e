package io.vitalstream.io;

import io.vitalstream.error.UnsupportedFormatException;

import java.util.Locale;

/** The input formats of SPEC section 5. */
public enum InputFormat {
    NPY, RAW, CSV, EDF, WFDB;

    public static InputFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFormatException("unknown format '" + s + "'; use npy, raw, csv, edf or wfdb");
        }
    }

    /** From the file's first bytes and name; null when neither tells. */
    public static InputFormat detect(String fileName, byte[] head) {
        if (NpyHeader.hasMagic(head)) {
            return NPY;
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".bdf")) {
            throw new UnsupportedFormatException(fileName + " looks like BDF (24-bit EDF); only 16-bit EDF/EDF+ is supported");
        }
        if (name.endsWith(".edf") || name.endsWith(".rec") || (head.length >= 8 && new String(head, 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("0       "))) {
            return EDF;
        }
        if (name.endsWith(".hea")) {
            return WFDB;
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return CSV;
        }
        if (name.endsWith(".raw") || name.endsWith(".bin") || name.endsWith(".f32") || name.endsWith(".f64")) {
            return RAW;
        }
        return null;
    }
}
