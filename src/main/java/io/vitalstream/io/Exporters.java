package io.vitalstream.io;

import io.vitalstream.error.InvalidParameterException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Streams a finished result into the sequential output formats, CSV and EDF, chunk by
 * chunk from the start (they cannot be written out of order, so the pipeline filters into
 * a binary file first).
 */
public final class Exporters {

    private static final int CHUNK = 65_536;

    private Exporters() {
    }

    /** Header "time,<names>", time in seconds from 0; float32 results print as floats. */
    public static void toCsv(SignalSource source, Path out, double fs, boolean singlePrecision) {
        int ch = source.channels();
        double[] buf = new double[CHUNK * ch];
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("time");
            for (String name : source.channelNames()) {
                w.write(',');
                w.write(name.replace(',', '_').replace('"', '_'));
            }
            w.write('\n');
            StringBuilder line = new StringBuilder();
            for (long start = 0; start < source.frames(); start += CHUNK) {
                int count = (int) Math.min(CHUNK, source.frames() - start);
                source.read(start, count, buf, 0, ch);
                for (int i = 0; i < count; i++) {
                    line.setLength(0);
                    line.append((start + i) / fs);
                    for (int c = 0; c < ch; c++) {
                        line.append(',');
                        double v = buf[i * ch + c];
                        if (singlePrecision) {
                            line.append((float) v);
                        } else {
                            line.append(v);
                        }
                    }
                    line.append('\n');
                    w.append(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * EDF (16-bit) with each channel's physical range from its own minimum and maximum
     * (a first pass), records of a whole number of samples; the last record is padded by
     * repeating the final sample.
     */
    public static void toEdf(SignalSource source, Path out, double fs) {
        int ch = source.channels();
        long n = source.frames();
        int seconds = recordSeconds(fs);
        int spr = (int) Math.round(fs * seconds);
        double[] lo = new double[ch];
        double[] hi = new double[ch];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        source.scan(CHUNK, (c, v) -> {
            lo[c] = Math.min(lo[c], v);
            hi[c] = Math.max(hi[c], v);
        }, () -> { });
        String[] pmin = new String[ch];
        String[] pmax = new String[ch];
        double[] plo = new double[ch];
        double[] phi = new double[ch];
        for (int c = 0; c < ch; c++) {
            if (hi[c] == lo[c]) {
                hi[c] = lo[c] + 1;
            }
            pmin[c] = fit8(lo[c], true);
            pmax[c] = fit8(hi[c], false);
            plo[c] = Double.parseDouble(pmin[c]);
            phi[c] = Double.parseDouble(pmax[c]);
        }
        long records = (n + spr - 1) / spr;
        List<String> names = source.channelNames();
        StringBuilder h = new StringBuilder();
        h.append(pad("0", 8)).append(pad("X X X X", 80)).append(pad("Startdate X X X X filtered by VitalStream", 80))
                .append(pad("01.01.00", 8)).append(pad("00.00.00", 8)).append(pad(Integer.toString(256 * (ch + 1)), 8))
                .append(pad("", 44)).append(pad(Long.toString(records), 8)).append(pad(Integer.toString(seconds), 8))
                .append(pad(Integer.toString(ch), 4));
        for (int c = 0; c < ch; c++) {
            h.append(pad(names.get(c), 16));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad("", 80));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad("", 8));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad(pmin[c], 8));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad(pmax[c], 8));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad("-32768", 8));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad("32767", 8));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad("", 80));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad(Integer.toString(spr), 8));
        }
        for (int c = 0; c < ch; c++) {
            h.append(pad("", 32));
        }
        double[] rec = new double[spr * ch];
        ByteBuffer bytes = ByteBuffer.allocate(2 * spr * ch).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            os.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            for (long r = 0; r < records; r++) {
                long start = r * spr;
                int count = (int) Math.min(spr, n - start);
                source.read(start, count, rec, 0, ch);
                for (int i = count; i < spr; i++) {
                    System.arraycopy(rec, (count - 1) * ch, rec, i * ch, ch);
                }
                bytes.clear();
                for (int c = 0; c < ch; c++) {
                    double scale = 65535.0 / (phi[c] - plo[c]);
                    for (int i = 0; i < spr; i++) {
                        long d = Math.round((rec[i * ch + c] - plo[c]) * scale) - 32768;
                        bytes.putShort((short) Math.max(-32768, Math.min(32767, d)));
                    }
                }
                os.write(bytes.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shortest record (1..100 s) holding a whole number of samples. */
    static int recordSeconds(double fs) {
        for (int s = 1; s <= 100; s++) {
            double spr = fs * s;
            if (Math.abs(spr - Math.rint(spr)) < 1e-9 * spr && spr >= 1 && spr <= 1_000_000) {
                return s;
            }
        }
        throw new InvalidParameterException("output_format", "EDF output needs a sampling rate giving a whole number of samples in a record of "
                + "1 to 100 s; " + fs + " Hz does not. Choose npy, raw or csv");
    }

    /** A number in at most 8 characters, rounded outward (down for a minimum, up for a maximum). */
    static String fit8(double v, boolean down) {
        for (int decimals = 6; decimals >= 0; decimals--) {
            double scale = Math.pow(10, decimals);
            double r = down ? Math.floor(v * scale) / scale : Math.ceil(v * scale) / scale;
            String s = String.format(Locale.ROOT, "%." + decimals + "f", r);
            if (s.length() <= 8) {
                return s;
            }
        }
        throw new InvalidParameterException("output_format", "value " + v + " is too large for an EDF header; choose npy, raw or csv");
    }

    private static String pad(String s, int width) {
        String ascii = s.replaceAll("[^\\x20-\\x7e]", "_");
        if (ascii.length() >= width) {
            return ascii.substring(0, width);
        }
        return ascii + " ".repeat(width - ascii.length());
    }
}
