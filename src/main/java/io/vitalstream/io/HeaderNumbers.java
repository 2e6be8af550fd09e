package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;

/** Numbers read from a file (EDF and WFDB headers, CSV cells): a malformed or non-finite one names the file and the field. */
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
        return finite(s, file + ": the " + format + " " + what + " is '" + s + "', not ");
    }

    /** A finite decimal number; else malformed input, {@code complaint} followed by "a number" or "a finite number". */
    static double finite(String s, String complaint) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new MalformedInputException(complaint + "a number");
        }
        if (!Double.isFinite(v)) {
            throw new MalformedInputException(complaint + "a finite number");
        }
        return v;
    }
}
