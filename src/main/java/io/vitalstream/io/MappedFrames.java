package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;
import io.vitalstream.kernels.Finite;
import io.vitalstream.kernels.Float32;

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
public final class MappedFrames extends SelectedFrames {

    /** Frame-major (sample t of every channel together) or channel-major. */
    public enum Layout { INTERLEAVED, PLANAR }

    private final Path path;
    private final FileChannel channel;
    private final long dataOffset;
    private final int storedChannels;
    private final SampleType type;
    private final ByteOrder order;
    private final Layout layout;
    private final OptionalDouble samplingRate;
    private final List<String> names;
    private final Access access;
    /** Set on a {@link #checkedCopy} of a float file before it is shared: the name its non-finite samples are reported under. */
    private String finiteAs;

    public MappedFrames(Path path, long dataOffset, long frames, int storedChannels, int[] selection, SampleType type,
                        ByteOrder order, Layout layout, OptionalDouble samplingRate, List<String> names, Access access) {
        super(frames, select(selection, storedChannels, "the file has"));
        this.path = path;
        this.dataOffset = dataOffset;
        this.storedChannels = storedChannels;
        this.type = type;
        this.order = order;
        this.layout = layout;
        this.samplingRate = samplingRate;
        this.names = names;
        this.access = access;
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

    /**
     * The same file and layout read with {@code other} access (its own file handle), each read
     * refusing NaN and infinities (422, naming the file as {@code name}, the channel and the
     * sample) on the first chunk that has one, instead of filtering into NaN. Integer types
     * cannot hold them and are not scanned.
     */
    public MappedFrames checkedCopy(Access other, String name) {
        MappedFrames copy = new MappedFrames(path, dataOffset, frames, storedChannels, selection, type, order, layout, samplingRate,
                names, other);
        copy.finiteAs = type == SampleType.FLOAT32 || type == SampleType.FLOAT64 ? name : null;
        return copy;
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
        if (!inRange(start, count)) {
            return;
        }
        int bytes = type.bytes();
        boolean[] checked = {false};
        if (layout == Layout.INTERLEAVED) {
            long from = dataOffset + start * storedChannels * bytes;
            long length = (long) count * storedChannels * bytes;
            withWindow(from, length, seg -> checked[0] = decodeInterleaved(seg, count, dest, offset, frame));
        } else {
            for (int k = 0; k < selection.length; k++) {
                int lane = k;
                long from = dataOffset + (selection[k] * frames + start) * bytes;
                withWindow(from, (long) count * bytes, seg -> decodePlanar(seg, count, dest, offset + lane, frame));
            }
        }
        // one vector pass over the frames (padding lanes included: a NaN there only costs the
        // per-sample look, which checks the selected channels and says where)
        if (finiteAs != null && count > 0 && !checked[0] && !Finite.all(dest, offset, offset + (count - 1) * frame + selection.length)) {
            requireFinite(start, count, dest, offset, frame);
        }
    }

    private void requireFinite(long start, int count, double[] dest, int offset, int frame) {
        for (int i = 0; i < count; i++) {
            int base = offset + i * frame;
            for (int c = 0; c < selection.length; c++) {
                double v = dest[base + c];
                if (!Double.isFinite(v)) {
                    throw new MalformedInputException(finiteAs + " holds " + (Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity")
                            + " at sample " + (start + i) + " of channel " + c + " (" + names.get(selection[c])
                            + "); filters need finite samples: fill or cut the gap first");
                }
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
        return staged(FLOATS, n, float[]::new);
    }

    static double[] doubles(int n) {
        return staged(DOUBLES, n, double[]::new);
    }

    private static <A> A staged(ThreadLocal<A> slot, int n, java.util.function.IntFunction<A> make) {
        A a = slot.get();
        if (java.lang.reflect.Array.getLength(a) < n) {
            a = make.apply(n);
            slot.set(a);
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

    /** Decodes the window's frames into dest; returns true when it has also found every value finite. */
    private boolean decodeInterleaved(MemorySegment seg, int count, double[] dest, int offset, int frame) {
        int stride = storedChannels * type.bytes();
        int bytes = type.bytes();
        int total = count * storedChannels;
        switch (type) {
            case FLOAT32 -> {
                if (allChannels()) {
                    // widened in registers from the window into the lanes (the first lanes of wider
                    // frames for a time-cut task's pieces), checked on the way
                    return Float32.widenFrames(seg, order, dest, offset, count, storedChannels, frame);
                }
                // a selection of channels: bulk copy (byte order handled by the layout), then widen into the lanes
                float[] f = floats(total);
                MemorySegment.copy(seg, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), 0, f, 0, total);
                for (int i = 0; i < count; i++) {
                    int src = i * storedChannels;
                    int d = offset + i * frame;
                    for (int k = 0; k < selection.length; k++) {
                        dest[d + k] = f[src + selection[k]];
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
            default -> {
                for (int i = 0; i < count; i++) {
                    for (int k = 0; k < selection.length; k++) {
                        dest[offset + i * frame + k] = sampleAt(seg, (long) i * stride + (long) selection[k] * bytes);
                    }
                }
            }
        }
        return false;
    }

    private void decodePlanar(MemorySegment seg, int count, double[] dest, int offset, int frame) {
        int bytes = type.bytes();
        for (int i = 0; i < count; i++) {
            dest[offset + i * frame] = sampleAt(seg, (long) i * bytes);
        }
    }

    /** The unaligned sample layouts of one byte order, made once (withOrder makes a new layout each call). */
    private record Layouts(ValueLayout.OfFloat f32, ValueLayout.OfDouble f64, ValueLayout.OfShort i16, ValueLayout.OfInt i32) {

        static final Layouts LITTLE = of(ByteOrder.LITTLE_ENDIAN);
        static final Layouts BIG = of(ByteOrder.BIG_ENDIAN);

        private static Layouts of(ByteOrder o) {
            return new Layouts(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(o), ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(o),
                    ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), ValueLayout.JAVA_INT_UNALIGNED.withOrder(o));
        }
    }

    /** The stored sample at byte {@code pos} of a window, as a double. */
    private double sampleAt(MemorySegment seg, long pos) {
        Layouts l = order == ByteOrder.LITTLE_ENDIAN ? Layouts.LITTLE : Layouts.BIG;
        return switch (type) {
            case FLOAT32 -> seg.get(l.f32(), pos);
            case FLOAT64 -> seg.get(l.f64(), pos);
            case INT16 -> seg.get(l.i16(), pos);
            case INT32 -> seg.get(l.i32(), pos);
            case INT8 -> seg.get(ValueLayout.JAVA_BYTE, pos);
        };
    }

    @Override
    public void close() {
        Channels.close(channel);
    }
}
