package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Fixed-layout samples at a byte offset of a file: NumPy .npy (C order is interleaved,
 * Fortran order planar), raw interleaved binary, and the float64 files CSV is decoded to.
 * Each read maps (or reads) only the window it needs, so resident memory follows the
 * chunk, not the file.
 */
public final class MappedFrames implements SignalSource {

    /** Frame-major (sample t of every channel together) or channel-major. */
    public enum Layout { INTERLEAVED, PLANAR }

    private final Path path;
    private final FileChannel channel;
    private final long dataOffset;
    private final long frames;
    private final int storedChannels;
    private final int[] selection;
    private final SampleType type;
    private final ByteOrder order;
    private final Layout layout;
    private final OptionalDouble samplingRate;
    private final List<String> names;
    private final Access access;

    public MappedFrames(Path path, long dataOffset, long frames, int storedChannels, int[] selection, SampleType type,
                        ByteOrder order, Layout layout, OptionalDouble samplingRate, List<String> names, Access access) {
        this.path = path;
        this.dataOffset = dataOffset;
        this.frames = frames;
        this.storedChannels = storedChannels;
        this.selection = selection == null ? identity(storedChannels) : selection.clone();
        this.type = type;
        this.order = order;
        this.layout = layout;
        this.samplingRate = samplingRate;
        this.names = names;
        this.access = access;
        for (int c : this.selection) {
            if (c < 0 || c >= storedChannels) {
                throw new io.vitalstream.error.InvalidParameterException("channels", "channel " + c + " does not exist; the file has "
                        + storedChannels + " channel(s), numbered from 0");
            }
        }
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            long need = dataOffset + frames * storedChannels * type.bytes();
            if (channel.size() < need) {
                long size = channel.size();
                channel.close();
                throw new MalformedInputException(path.getFileName() + " is truncated: its header promises " + frames + " frames of "
                        + storedChannels + " " + type.name().toLowerCase() + " channel(s) (" + need + " bytes) but the file has " + size + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same file and layout read another way (opens its own file handle). */
    public MappedFrames withAccess(Access other) {
        return new MappedFrames(path, dataOffset, frames, storedChannels, selection, type, order, layout, samplingRate, names, other);
    }

    static int[] identity(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    @Override
    public int channels() {
        return selection.length;
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public OptionalDouble samplingRate() {
        return samplingRate;
    }

    @Override
    public SampleType sampleType() {
        return type;
    }

    @Override
    public List<String> channelNames() {
        return java.util.Arrays.stream(selection).mapToObj(names::get).toList();
    }

    @Override
    public long dataBytes() {
        return frames * storedChannels * type.bytes();
    }

    public Path path() {
        return path;
    }

    @Override
    public void read(long start, int count, double[] dest, int offset, int frame) {
        if (start < 0 || count < 0 || start + count > frames) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") outside [0, " + frames + ")");
        }
        if (count == 0) {
            return;
        }
        int bytes = type.bytes();
        if (layout == Layout.INTERLEAVED) {
            long from = dataOffset + start * storedChannels * bytes;
            long length = (long) count * storedChannels * bytes;
            withWindow(from, length, seg -> decodeInterleaved(seg, count, dest, offset, frame));
        } else {
            for (int k = 0; k < selection.length; k++) {
                int lane = k;
                long from = dataOffset + (selection[k] * frames + start) * bytes;
                withWindow(from, (long) count * bytes, seg -> decodePlanar(seg, count, dest, offset + lane, frame));
            }
        }
    }

    private interface WindowUser {
        void use(MemorySegment segment);
    }

    private void withWindow(long from, long length, WindowUser user) {
        try {
            if (access == Access.MAPPED) {
                try (Arena arena = Arena.ofConfined()) {
                    user.use(channel.map(FileChannel.MapMode.READ_ONLY, from, length, arena));
                }
            } else {
                if (length > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("positional read window too large: " + length);
                }
                ByteBuffer buf = staging((int) length);
                long pos = from;
                while (buf.hasRemaining()) {
                    int r = channel.read(buf, pos);
                    if (r < 0) {
                        throw new MalformedInputException(path.getFileName() + " ended early at byte " + pos);
                    }
                    pos += r;
                }
                user.use(MemorySegment.ofBuffer(buf.flip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per-thread native buffer for positional reads, grown on demand and then reused: a fresh
     * heap buffer per chunk was a humongous object for G1 at every read (megabyte windows under
     * a small heap), and the collections it caused (full ones among them) took a tenth of a
     * job's wall time; a direct buffer also saves the copy the channel makes into one.
     */
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    private static ByteBuffer staging(int bytes) {
        ByteBuffer b = STAGING.get();
        if (b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16));
            STAGING.set(b);
        }
        return b.clear().limit(bytes);
    }

    /** Per-thread staging for bulk copies out of a mapped window (grown on demand, then reused). */
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[0]);

    static float[] floats(int n) {
        float[] a = FLOATS.get();
        if (a.length < n) {
            a = new float[n];
            FLOATS.set(a);
        }
        return a;
    }

    static double[] doubles(int n) {
        double[] a = DOUBLES.get();
        if (a.length < n) {
            a = new double[n];
            DOUBLES.set(a);
        }
        return a;
    }

    /** Every stored channel, in order (no subset or reordering). */
    private boolean allChannels() {
        if (selection.length != storedChannels) {
            return false;
        }
        for (int k = 0; k < selection.length; k++) {
            if (selection[k] != k) {
                return false;
            }
        }
        return true;
    }

    private void decodeInterleaved(MemorySegment seg, int count, double[] dest, int offset, int frame) {
        int stride = storedChannels * type.bytes();
        int bytes = type.bytes();
        int total = count * storedChannels;
        switch (type) {
            case FLOAT32 -> {
                // bulk copy (byte order handled by the layout), then widen into the lanes
                float[] f = floats(total);
                MemorySegment.copy(seg, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), 0, f, 0, total);
                if (allChannels() && frame == storedChannels) {
                    for (int i = 0; i < total; i++) {
                        dest[offset + i] = f[i]; // one widening stream: the compiler vectorises it
                    }
                } else if (allChannels()) {
                    for (int i = 0; i < count; i++) {
                        int src = i * storedChannels;
                        int d = offset + i * frame;
                        for (int k = 0; k < storedChannels; k++) {
                            dest[d + k] = f[src + k];
                        }
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        int src = i * storedChannels;
                        int d = offset + i * frame;
                        for (int k = 0; k < selection.length; k++) {
                            dest[d + k] = f[src + selection[k]];
                        }
                    }
                }
            }
            case FLOAT64 -> {
                double[] f = doubles(total);
                MemorySegment.copy(seg, ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order), 0, f, 0, total);
                for (int i = 0; i < count; i++) {
                    int src = i * storedChannels;
                    int d = offset + i * frame;
                    for (int k = 0; k < selection.length; k++) {
                        dest[d + k] = f[src + selection[k]];
                    }
                }
            }
            case INT16 -> {
                ValueLayout.OfShort l = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
                for (int i = 0; i < count; i++) {
                    for (int k = 0; k < selection.length; k++) {
                        dest[offset + i * frame + k] = seg.get(l, (long) i * stride + (long) selection[k] * bytes);
                    }
                }
            }
            case INT32 -> {
                ValueLayout.OfInt l = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
                for (int i = 0; i < count; i++) {
                    for (int k = 0; k < selection.length; k++) {
                        dest[offset + i * frame + k] = seg.get(l, (long) i * stride + (long) selection[k] * bytes);
                    }
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    for (int k = 0; k < selection.length; k++) {
                        dest[offset + i * frame + k] = seg.get(ValueLayout.JAVA_BYTE, (long) i * stride + selection[k]);
                    }
                }
            }
        }
    }

    private void decodePlanar(MemorySegment seg, int count, double[] dest, int offset, int frame) {
        switch (type) {
            case FLOAT32 -> {
                ValueLayout.OfFloat l = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
                for (int i = 0; i < count; i++) {
                    dest[offset + i * frame] = seg.get(l, (long) i * 4);
                }
            }
            case FLOAT64 -> {
                ValueLayout.OfDouble l = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
                for (int i = 0; i < count; i++) {
                    dest[offset + i * frame] = seg.get(l, (long) i * 8);
                }
            }
            case INT16 -> {
                ValueLayout.OfShort l = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
                for (int i = 0; i < count; i++) {
                    dest[offset + i * frame] = seg.get(l, (long) i * 2);
                }
            }
            case INT32 -> {
                ValueLayout.OfInt l = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
                for (int i = 0; i < count; i++) {
                    dest[offset + i * frame] = seg.get(l, (long) i * 4);
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    dest[offset + i * frame] = seg.get(ValueLayout.JAVA_BYTE, i);
                }
            }
        }
    }

    @Override
    public void close() {
        Channels.close(channel);
    }
}
