package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The EDF/EDF+ header: 256 fixed bytes, then 256 bytes per signal stored field by field
 * (all labels, then all transducers, ...). Data records follow, each holding
 * samplesPerRecord 16-bit little-endian two's-complement samples of every signal in turn.
 */
public record EdfHeader(boolean edfPlus, long records, double recordSeconds, List<Signal> signals, long headerBytes,
                        long recordBytes) {

    /** One signal's header fields; physical = (digital - digMin) * gain + physMin. */
    public record Signal(String label, String unit, double physMin, double physMax, int digMin, int digMax,
                         int samplesPerRecord, long offsetInRecord) {

        public boolean isAnnotation() {
            return label.equals("EDF Annotations") || label.equals("BDF Annotations");
        }

        public double gain() {
            return (physMax - physMin) / ((double) digMax - digMin);
        }

        public double rate(double recordSeconds) {
            return samplesPerRecord / recordSeconds;
        }
    }

    public static EdfHeader parse(byte[] head, long fileSize, String name) {
        if (head.length < 256) {
            throw new MalformedInputException(name + " is truncated: an EDF header has at least 256 bytes, the file has " + head.length);
        }
        String version = ascii(head, 0, 8);
        if (!version.equals("0")) {
            throw new MalformedInputException(name + " is not EDF: its version field is '" + version + "', expected '0'");
        }
        long headerBytes = integer(head, 184, 8, name, "header size");
        String reserved = ascii(head, 192, 44);
        long records = integer(head, 236, 8, name, "number of data records");
        double seconds = number(head, 244, 8, name, "data record duration");
        int ns = (int) integer(head, 252, 4, name, "number of signals");
        if (ns < 1 || ns > 4096) {
            throw new MalformedInputException(name + " declares " + ns + " signals; expected 1 to 4096");
        }
        if (headerBytes != 256L * (ns + 1)) {
            throw new MalformedInputException(name + " declares a " + headerBytes + "-byte header but " + ns + " signals need " + 256L * (ns + 1));
        }
        if (head.length < headerBytes) {
            throw new MalformedInputException(name + " is truncated inside its header (" + head.length + " of " + headerBytes + " bytes)");
        }
        if (!(seconds > 0)) {
            throw new MalformedInputException(name + " has a data record duration of " + seconds + " s; it must be positive");
        }
        int p = 256;
        String[] labels = field(head, p, ns, 16);
        p += ns * 16;
        p += ns * 80; // transducer type
        String[] units = field(head, p, ns, 8);
        p += ns * 8;
        String[] pmin = field(head, p, ns, 8);
        p += ns * 8;
        String[] pmax = field(head, p, ns, 8);
        p += ns * 8;
        String[] dmin = field(head, p, ns, 8);
        p += ns * 8;
        String[] dmax = field(head, p, ns, 8);
        p += ns * 8;
        p += ns * 80; // prefiltering
        String[] spr = field(head, p, ns, 8);
        List<Signal> signals = new ArrayList<>(ns);
        long offset = 0;
        for (int s = 0; s < ns; s++) {
            String what = "signal " + s + " (" + labels[s] + ")";
            int n = (int) HeaderNumbers.integer(spr[s], name, "EDF", what + " samples per record");
            int dlo = (int) HeaderNumbers.integer(dmin[s], name, "EDF", what + " digital minimum");
            int dhi = (int) HeaderNumbers.integer(dmax[s], name, "EDF", what + " digital maximum");
            double plo = HeaderNumbers.finite(pmin[s], name, "EDF", what + " physical minimum");
            double phi = HeaderNumbers.finite(pmax[s], name, "EDF", what + " physical maximum");
            if (n < 1) {
                throw new MalformedInputException(name + ": " + what + " has " + n + " samples per record");
            }
            if (dhi <= dlo) {
                throw new MalformedInputException(name + ": " + what + " has digital maximum " + dhi + " not above its minimum " + dlo);
            }
            if (phi == plo) {
                throw new MalformedInputException(name + ": " + what + " has equal physical minimum and maximum (" + plo + ")");
            }
            signals.add(new Signal(labels[s], units[s], plo, phi, dlo, dhi, n, offset));
            offset += 2L * n;
        }
        long recordBytes = offset;
        long available = (fileSize - headerBytes) / recordBytes;
        if (records == -1) {
            records = available; // recording still open: count whole records present
        } else if (records < 0) {
            throw new MalformedInputException(name + " declares " + records + " data records");
        } else if (records > available) {
            throw new MalformedInputException(name + " is truncated: its header declares " + records + " data records of " + recordBytes
                    + " bytes (" + (headerBytes + records * recordBytes) + " bytes in all) but the file has " + fileSize + " bytes");
        }
        if (records == 0) {
            throw new MalformedInputException(name + " holds no data records");
        }
        return new EdfHeader(reserved.startsWith("EDF+"), records, seconds, List.copyOf(signals), headerBytes, recordBytes);
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.US_ASCII).trim();
    }

    private static String[] field(byte[] b, int off, int ns, int width) {
        String[] out = new String[ns];
        for (int s = 0; s < ns; s++) {
            out[s] = ascii(b, off + s * width, width);
        }
        return out;
    }

    private static long integer(byte[] b, int off, int len, String name, String what) {
        return HeaderNumbers.integer(ascii(b, off, len), name, "EDF", what);
    }

    private static double number(byte[] b, int off, int len, String name, String what) {
        return HeaderNumbers.finite(ascii(b, off, len), name, "EDF", what);
    }
}
