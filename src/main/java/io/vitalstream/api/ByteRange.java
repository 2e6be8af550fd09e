package io.vitalstream.api;

import io.vitalstream.error.InvalidParameterException;

/** A single HTTP byte range ("bytes=a-b", "bytes=a-", "bytes=-n"), inclusive, or null for the whole file. */
final class ByteRange {

    private ByteRange() {
    }

    static long[] parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            throw new InvalidParameterException("Range", "only a single range 'bytes=start-end' is supported, got '" + header + "'");
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new InvalidParameterException("Range", "malformed Range '" + header + "'");
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long from;
            long to;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                from = Math.max(0, size - suffix);
                to = size - 1;
            } else {
                from = Long.parseLong(a);
                to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            if (from < 0 || from > to || from >= size) {
                throw new RangeNotSatisfiable("range " + header + " is outside the " + size + "-byte result");
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("Range", "malformed Range '" + header + "'");
        }
    }

    /** 416, mapped by ProblemMapper. */
    static final class RangeNotSatisfiable extends RuntimeException {
        RangeNotSatisfiable(String message) {
            super(message);
        }
    }
}
