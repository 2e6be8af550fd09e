package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;

/** Numbers read from a file header (EDF, WFDB): a malformed or non-finite one names the file, the format and the field. */
final class HeaderNumbers {

    private HeaderNumbers() {
    }

    /** A whole number (a leading '+' allowed, as EDF writers put one). */
    static long integer(String s, String file, String format, String what) {
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new MalformedInputException(file + ": the " + format + " " + what + " is '" + s + "', not an integer");
        }
    }

    static double finite(String s, String file, String format, String what) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new MalformedInputException(file + ": the " + format + " " + what + " is '" + s + "', not a number");
        }
        if (!Double.isFinite(v)) {
            throw new MalformedInputException(file + ": the " + format + " " + what + " is '" + s + "', not a finite number");
        }
        return v;
    }
}
