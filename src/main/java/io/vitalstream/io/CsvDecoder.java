package io.vitalstream.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.MalformedInputException;
import io.vitalstream.error.UnsupportedFormatException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Streams a CSV file (Jackson CSV, row by row) into a float64 interleaved file that the
 * pipeline then maps like any fixed-layout input, so CSV inputs get random access (which
 * zero-phase filtering needs) without ever being held in memory. A first row that is not
 * all numbers is the header; a column named time, t, timestamp, time_s or seconds is the
 * time axis, from which the sampling rate is derived when the request gives none. Values
 * are parsed as doubles, so a CSV input counts as float64 (its output is float64).
 */
public final class CsvDecoder {

    private static final Set<String> TIME_NAMES = Set.of("time", "t", "timestamp", "time_s", "seconds", "time (s)", "sec");

    private CsvDecoder() {
    }

    /** 4096 channels, as every other format, and a time column. */
    static final int MAX_COLUMNS = 4097;

    public static MappedFrames decode(Path csv, Path scratch, int[] channels) {
        String name = csv.getFileName().toString();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16)) {
            if (!rows.hasNext()) {
                throw new MalformedInputException(name + " is empty");
            }
            String[] first = rows.next();
            if (first.length > MAX_COLUMNS) {
                throw new UnsupportedFormatException(name + " has " + first.length + " columns; at most " + (MAX_COLUMNS - 1)
                        + " channels (and a time column) are supported");
            }
            boolean header = !allNumeric(first);
            List<String> names = new ArrayList<>();
            int timeColumn = -1;
            for (int i = 0; i < first.length; i++) {
                String n = header ? first[i] : "ch" + i;
                if (header && timeColumn < 0 && TIME_NAMES.contains(n.toLowerCase(Locale.ROOT))) {
                    timeColumn = i;
                }
                names.add(n);
            }
            int columns = first.length;
            int[] data = new int[columns - (timeColumn >= 0 ? 1 : 0)];
            for (int i = 0, k = 0; i < columns; i++) {
                if (i != timeColumn) {
                    data[k++] = i;
                }
            }
            if (data.length == 0) {
                throw new MalformedInputException(name + " has no signal columns besides its time column");
            }
            ByteBuffer frame = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
            long frames = 0;
            long line = 1;
            double[] times = new double[2049];
            int timeCount = 0;
            String[] row = header ? null : first;
            while (row != null || rows.hasNext()) {
                if (row == null) {
                    row = rows.next();
                    line++;
                }
                if (row.length != columns) {
                    throw new MalformedInputException(name + " line " + line + " has " + row.length + " columns; the first row has " + columns);
                }
                frame.clear();
                for (int k = 0; k < data.length; k++) {
                    frame.putDouble(number(row[data[k]], name, line, names.get(data[k])));
                }
                out.write(frame.array());
                if (timeColumn >= 0 && timeCount < times.length) {
                    times[timeCount++] = number(row[timeColumn], name, line, names.get(timeColumn));
                }
                frames++;
                row = null;
            }
            if (frames == 0) {
                throw new MalformedInputException(name + " has a header but no rows");
            }
            out.flush();
            List<String> signalNames = Arrays.stream(data).mapToObj(names::get).toList();
            OptionalDouble fs = timeColumn >= 0 ? rateFromTimes(times, timeCount, name) : OptionalDouble.empty();
            out.close();
            return new MappedFrames(scratch, 0, frames, data.length, channels, SampleType.FLOAT64, ByteOrder.LITTLE_ENDIAN,
                    MappedFrames.Layout.INTERLEAVED, fs, signalNames, Access.MAPPED);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedInputException(name + " is not a text (UTF-8) CSV file: " + e.getMessage());
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp) {
                throw new MalformedInputException(name + " is not valid CSV: " + jp.getOriginalMessage());
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException jp) {
                throw new MalformedInputException(name + " is not valid CSV: " + jp.getOriginalMessage());
            }
            throw e;
        }
    }

    private static boolean allNumeric(String[] row) {
        for (String s : row) {
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double number(String s, String name, long line, String column) {
        return HeaderNumbers.finite(s, name + " line " + line + ", column '" + column + "': '" + s + "' is not ");
    }

    /** 1 / median spacing of the first rows' time stamps (seconds). */
    private static OptionalDouble rateFromTimes(double[] times, int n, String name) {
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double[] d = new double[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = times[i] - times[i - 1];
        }
        Arrays.sort(d);
        double median = d[d.length / 2];
        if (!(median > 0)) {
            throw new InvalidParameterException("sampling_freq", name + ": its time column does not increase; give sampling_freq");
        }
        return OptionalDouble.of(1.0 / median);
    }
}
