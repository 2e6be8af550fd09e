package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;
import io.vitalstream.error.UnsupportedFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WFDB (PhysioNet) header, {@code .hea}: a record line
 * {@code name[/segments] nsig [fs[/counter[(base)]] [nsamp ...]]} and one line per signal
 * {@code file format[xsamp][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero [init [checksum [block [description]]]]]]]}.
 * Comment lines start with '#'. physical = (digital - baseline) / gain, gain 200/mV by default.
 */
public record WfdbHeader(String record, double samplingRate, long samples, List<Signal> signals) {

    public record Signal(String file, int format, long byteOffset, double gain, int baseline, String units, String description) {
    }

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(x(\\d+))?(:(\\d+))?(\\+(\\d+))?");
    private static final Pattern GAIN = Pattern.compile("([-+0-9.eE]+)(\\((-?\\d+)\\))?(/(\\S+))?");

    public static WfdbHeader parse(String text, String name) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new MalformedInputException(name + " is an empty WFDB header");
        }
        String[] rec = lines.get(0).split("\\s+");
        if (rec.length < 2) {
            throw new MalformedInputException(name + ": the WFDB record line '" + lines.get(0) + "' needs a name and a signal count");
        }
        if (rec[0].contains("/")) {
            throw new UnsupportedFormatException(name + " is a multi-segment WFDB record; only single-segment records are supported");
        }
        int nsig = parseInt(rec[1], name, "number of signals");
        double fs = 250;
        if (rec.length > 2) {
            String f = rec[2].split("/")[0];
            fs = HeaderNumbers.finite(f, name, "WFDB", "sampling frequency");
        }
        long nsamp = rec.length > 3 ? HeaderNumbers.integer(rec[3], name, "WFDB", "number of samples") : -1;
        if (nsig < 1 || nsig > 4096) {
            throw new MalformedInputException(name + " declares " + nsig + " signals; expected 1 to 4096");
        }
        if (lines.size() < 1 + nsig) {
            throw new MalformedInputException(name + " declares " + nsig + " signals but describes " + (lines.size() - 1));
        }
        List<Signal> signals = new ArrayList<>();
        for (int s = 0; s < nsig; s++) {
            String[] f = lines.get(1 + s).split("\\s+", 9);
            if (f.length < 2) {
                throw new MalformedInputException(name + ": signal line " + s + " '" + lines.get(1 + s) + "' needs a file name and a format");
            }
            Matcher m = FORMAT.matcher(f[1]);
            if (!m.matches()) {
                throw new MalformedInputException(name + ": signal " + s + " has a malformed format field '" + f[1] + "'");
            }
            int format = parseInt(m.group(1), name, "format of signal " + s);
            if (format != 16 && format != 212 && format != 80) {
                throw new UnsupportedFormatException(name + ": signal " + s + " uses WFDB format " + format + "; formats 16, 212 and 80 are supported");
            }
            if (m.group(3) != null && !m.group(3).equals("1")) {
                throw new UnsupportedFormatException(name + ": signal " + s + " has " + m.group(3) + " samples per frame; multi-frequency records are not supported");
            }
            if (m.group(5) != null && !m.group(5).equals("0")) {
                throw new UnsupportedFormatException(name + ": signal " + s + " has a skew of " + m.group(5) + "; skewed records are not supported");
            }
            long offset = m.group(7) == null ? 0 : HeaderNumbers.integer(m.group(7), name, "WFDB", "byte offset of signal " + s);
            if (offset < 0) {
                throw new MalformedInputException(name + ": signal " + s + " has a negative byte offset " + offset);
            }
            double gain = 200;
            Integer baseline = null;
            String units = "mV";
            if (f.length > 2) {
                Matcher g = GAIN.matcher(f[2]);
                if (!g.matches()) {
                    throw new MalformedInputException(name + ": signal " + s + " has a malformed gain field '" + f[2] + "'");
                }
                double parsed = HeaderNumbers.finite(g.group(1), name, "WFDB", "gain of signal " + s);
                gain = parsed == 0 ? 200 : parsed;
                if (g.group(3) != null) {
                    baseline = parseInt(g.group(3), name, "baseline of signal " + s);
                }
                if (g.group(5) != null) {
                    units = g.group(5);
                }
            }
            int adcZero = f.length > 4 ? parseInt(f[4], name, "ADC zero of signal " + s) : 0;
            String description = f.length > 8 ? f[8] : "signal " + s;
            signals.add(new Signal(f[0], format, offset, gain, baseline != null ? baseline : adcZero, units, description));
        }
        return new WfdbHeader(rec[0], fs, nsamp, List.copyOf(signals));
    }

    private static int parseInt(String s, String name, String what) {
        long v = HeaderNumbers.integer(s, name, "WFDB", what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedInputException(name + ": the WFDB " + what + " is " + s + ", out of range");
        }
        return (int) v;
    }
}
