package io.vitalstream.io;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.MalformedInputException;
import io.vitalstream.error.NotFoundException;
import io.vitalstream.error.UnsupportedFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A WFDB record: its .hea header and the one .dat file its signals share, in format 16
 * (16-bit little-endian), 212 (pairs of 12-bit samples in 3 bytes, in the frame-major
 * sample order) or 80 (8-bit offset binary).
 */
public final class WfdbSource extends SelectedFrames {

    private static final ValueLayout.OfShort INT16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final WfdbHeader header;
    private final FileChannel channel;
    private final int format;
    private final int nsig;
    private final long byteOffset;

    public WfdbSource(Path headerPath, int[] channels) {
        // computed into locals first: the shared fields (frames, selection) go to the super
        // constructor once the data file has been opened and measured
        String name = headerPath.getFileName().toString();
        WfdbHeader hea;
        try {
            hea = WfdbHeader.parse(Files.readString(headerPath, StandardCharsets.ISO_8859_1), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WfdbHeader.Signal first = hea.signals().get(0);
        for (WfdbHeader.Signal s : hea.signals()) {
            if (!s.file().equals(first.file()) || s.format() != first.format() || s.byteOffset() != first.byteOffset()) {
                throw new UnsupportedFormatException(name + " spreads its signals over several .dat files or formats; one shared .dat file is supported");
            }
        }
        int fmt = first.format();
        int signals = hea.signals().size();
        long offset = first.byteOffset();
        Path dat = headerPath.resolveSibling(first.file()).normalize();
        if (!dat.getParent().equals(headerPath.getParent().normalize())) {
            throw new InvalidParameterException("input", name + " points to a data file outside its own folder: " + first.file());
        }
        if (!Files.exists(dat)) {
            throw new NotFoundException(name + " refers to " + first.file() + ", which is not next to it; put the .dat file beside the .hea file");
        }
        try {
            // the same no-link-out rule as the header: a .dat that is a link leading out of the
            // header's folder (to /etc/passwd, say) is refused, not read
            Path folder = headerPath.toRealPath().getParent();
            if (!dat.toRealPath().startsWith(folder)) {
                throw new InvalidParameterException("input", first.file() + " (named by " + name + ") leads outside the record's folder through a link");
            }
        } catch (IOException e) {
            throw new NotFoundException(name + " refers to " + first.file() + ", which cannot be resolved: " + e.getMessage());
        }
        if (!Files.isRegularFile(dat)) {
            throw new MalformedInputException(first.file() + " (named by " + name + ") is not a regular file");
        }
        int[] sel = select(channels, signals, name + " has");
        FileChannel ch;
        long count;
        try {
            ch = FileChannel.open(dat, StandardOpenOption.READ);
            long available = ch.size() - offset;
            if (available <= 0) {
                ch.close();
                throw new MalformedInputException(name + " starts its samples at byte " + offset + " of " + first.file()
                        + ", which has only " + ch.size() + " bytes");
            }
            long whole = switch (fmt) {
                case 16 -> available / (2L * signals);
                case 80 -> available / signals;
                default -> available * 2 / 3 / signals; // 212: 3 bytes per 2 samples
            };
            if (hea.samples() >= 0 && hea.samples() > whole) {
                ch.close();
                throw new MalformedInputException(first.file() + " is truncated: " + name + " declares " + hea.samples()
                        + " samples per signal but the file holds " + whole);
            }
            count = hea.samples() >= 0 ? hea.samples() : whole;
            if (count == 0) {
                ch.close();
                throw new MalformedInputException(first.file() + " holds no samples");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.header = hea;
        this.channel = ch;
        this.format = fmt;
        this.nsig = signals;
        this.byteOffset = offset;
        super(count, sel);
    }

    @Override
    public OptionalDouble samplingRate() {
        return OptionalDouble.of(header.samplingRate());
    }

    @Override
    public SampleType sampleType() {
        return format == 80 ? SampleType.INT8 : SampleType.INT16;
    }

    @Override
    public List<String> channelNames() {
        return java.util.Arrays.stream(selection).mapToObj(c -> header.signals().get(c).description()).toList();
    }

    @Override
    public long dataBytes() {
        return switch (format) {
            case 16 -> frames * nsig * 2;
            case 80 -> frames * nsig;
            default -> (frames * nsig * 3 + 1) / 2;
        };
    }

    @Override
    public void read(long start, int count, double[] dest, int offset, int frame) {
        if (!inRange(start, count)) {
            return;
        }
        long q0 = start * nsig;                 // first sample index in file order
        long q1 = (start + count) * nsig;       // one past the last
        long from;
        long to;
        switch (format) {
            case 16 -> { from = 2 * q0; to = 2 * q1; }
            case 80 -> { from = q0; to = q1; }
            default -> { from = 3 * (q0 / 2); to = Math.min(3 * ((q1 + 1) / 2), dataBytesAvailable()); }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = channel.map(FileChannel.MapMode.READ_ONLY, byteOffset + from, to - from, arena);
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < selection.length; k++) {
                    int s = selection[k];
                    long q = (start + i) * nsig + s;
                    int digital = switch (format) {
                        case 16 -> seg.get(INT16, 2 * q - from);
                        case 80 -> (seg.get(ValueLayout.JAVA_BYTE, q - from) & 0xff) - 128;
                        default -> sample212(seg, q, from);
                    };
                    WfdbHeader.Signal sig = header.signals().get(s);
                    dest[offset + i * frame + k] = (digital - sig.baseline()) / sig.gain();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long dataBytesAvailable() {
        try {
            return channel.size() - byteOffset;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Format 212: sample 2k in byte0 + low nibble of byte1, sample 2k+1 in byte2 + high nibble of byte1. */
    private static int sample212(MemorySegment seg, long q, long from) {
        long base = 3 * (q / 2) - from;
        int b1 = seg.get(ValueLayout.JAVA_BYTE, base + 1) & 0xff;
        int v;
        if ((q & 1) == 0) {
            v = (seg.get(ValueLayout.JAVA_BYTE, base) & 0xff) | ((b1 & 0x0f) << 8);
        } else {
            v = (seg.get(ValueLayout.JAVA_BYTE, base + 2) & 0xff) | ((b1 & 0xf0) << 4);
        }
        return v >= 2048 ? v - 4096 : v;
    }

    @Override
    public void close() {
        Channels.close(channel);
    }
}
