package io.vitalstream.api;

import io.vitalstream.error.InvalidParameterException;

/**
 * Query parameters read as text and parsed here, so that {@code max_points=abc} is a 400
 * naming the parameter (JAX-RS turns a failed conversion of a typed query parameter into a
 * 404, which says nothing about what was wrong).
 */
final class QueryNumbers {

    private QueryNumbers() {
    }

    static long integer(String name, String text, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                throw new InvalidParameterException(name, name + " is out of range: " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, name + " must be a whole number, got '" + abbreviate(text) + "'");
        }
    }

    static double number(String name, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new InvalidParameterException(name, name + " must be a finite number, got '" + abbreviate(text) + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, name + " must be a number, got '" + abbreviate(text) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
