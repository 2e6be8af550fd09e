package io.vitalstream.io;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.MalformedInputException;
import io.vitalstream.error.UnsupportedFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Opens an input file as a {@link SignalSource}, detecting its format when not given. */
public final class SignalFiles {

    private SignalFiles() {
    }

    /**
     * @param format   null to detect from magic bytes and name
     * @param raw      required for raw files
     * @param channels null for all channels
     * @param scratch  where a CSV is decoded to (deleted by the caller)
     */
    /** The format a file would be opened as (given, raw when a layout is given, else detected). */
    public static InputFormat formatOf(Path path, InputFormat format, RawLayout raw) {
        if (format != null) {
            return format;
        }
        if (raw != null) {
            return InputFormat.RAW;
        }
        String name = path.getFileName().toString();
        byte[] head;
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            head = FileHeads.read(ch, 4096);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == 0) {
            throw new MalformedInputException(name + " is empty (0 bytes)");
        }
        InputFormat f = InputFormat.detect(name, head);
        if (f == null) {
            throw new UnsupportedFormatException("cannot tell the format of " + name + "; give format (npy, raw, csv, edf, wfdb), "
                    + "and raw_layout {dtype, channels} for raw binary");
        }
        return f;
    }

    public static SignalSource open(Path path, InputFormat format, RawLayout raw, int[] channels, Access access, Path scratch) {
        String name = path.getFileName().toString();
        byte[] head;
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            head = FileHeads.read(ch, 1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == 0) {
            throw new MalformedInputException(name + " is empty (0 bytes)");
        }
        InputFormat f = formatOf(path, format, raw);
        return switch (f) {
            case NPY -> {
                NpyHeader h = NpyHeader.parse(head, size, name);
                yield new MappedFrames(path, h.dataOffset(), h.frames(), h.channels(), channels, h.type(), h.order(),
                        h.fortranOrder() ? MappedFrames.Layout.PLANAR : MappedFrames.Layout.INTERLEAVED,
                        OptionalDouble.empty(), names(h.channels()), access);
            }
            case RAW -> {
                if (raw == null) {
                    throw new InvalidParameterException("raw_layout", "a raw binary input needs raw_layout {dtype, channels}");
                }
                if (raw.channels() < 1 || raw.channels() > 4096) {
                    throw new InvalidParameterException("raw_layout", "raw_layout.channels must be between 1 and 4096, got " + raw.channels());
                }
                long frameBytes = (long) raw.channels() * raw.type().bytes();
                if (size % frameBytes != 0) {
                    throw new MalformedInputException(name + " has " + size + " bytes, not a whole number of frames of " + raw.channels()
                            + " " + raw.type().name().toLowerCase() + " channel(s) (" + frameBytes + " bytes): truncated, or a different raw_layout");
                }
                yield new MappedFrames(path, 0, size / frameBytes, raw.channels(), channels, raw.type(), raw.order(),
                        MappedFrames.Layout.INTERLEAVED, OptionalDouble.empty(), names(raw.channels()), access);
            }
            case CSV -> CsvDecoder.decode(path, scratch, channels);
            case EDF -> new EdfSource(path, channels);
            case WFDB -> {
                if (!name.toLowerCase().endsWith(".hea")) {
                    throw new InvalidParameterException("input", "a WFDB record is opened by its header: name the .hea file (its .dat lies beside it)");
                }
                yield new WfdbSource(path, channels);
            }
        };
    }

    static List<String> names(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("ch" + i);
        }
        return out;
    }

    public static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
