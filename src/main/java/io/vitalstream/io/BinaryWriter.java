package io.vitalstream.io;

import io.vitalstream.kernels.Float32;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Interleaved little-endian float32/float64 frames after an optional header: .npy output
 * (C order, shape (samples, channels) or (samples,)), raw output, and the pipeline's float64
 * scratch files. Positional writes, so chunks may arrive in any order.
 */
public final class BinaryWriter implements SignalSink {

    private final FileChannel channel;
    private final SampleType type;
    private final int channels;
    private final long frames;
    private final long dataOffset;
    private final Path path;

    /**
     * Where a writer's frames go: enough for another process to write frames of the same file
     * with the same encoding ({@link #into}).
     */
    public record Region(Path path, SampleType type, int channels, long frames, long dataOffset) {
    }
    private static final ValueLayout.OfDouble LE_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BinaryWriter(Path path, SampleType type, int channels, long frames, byte[] header) {
        if (type != SampleType.FLOAT32 && type != SampleType.FLOAT64) {
            throw new IllegalArgumentException("outputs are float32 or float64");
        }
        this.type = type;
        this.channels = channels;
        this.frames = frames;
        this.dataOffset = header.length;
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.write(ByteBuffer.wrap(header), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BinaryWriter(Region r) {
        this.type = r.type();
        this.channels = r.channels();
        this.frames = r.frames();
        this.dataOffset = r.dataOffset();
        this.path = r.path();
        try {
            this.channel = FileChannel.open(r.path(), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This writer's file and layout. */
    @Override
    public java.util.Optional<Region> region() {
        return java.util.Optional.of(new Region(path, type, channels, frames, dataOffset));
    }

    /**
     * Frames of a file another writer created (cluster mode: a replica writing its part of a
     * split job's result): no header written, nothing truncated; the same encoding, by position.
     */
    public static BinaryWriter into(Region r) {
        return new BinaryWriter(r);
    }

    public static BinaryWriter npy(Path path, SampleType type, int channels, long frames, boolean oneDimensional) {
        return new BinaryWriter(path, type, channels, frames, NpyHeader.write(type, frames, channels, oneDimensional && channels == 1));
    }

    public static BinaryWriter raw(Path path, SampleType type, int channels, long frames) {
        return new BinaryWriter(path, type, channels, frames, new byte[0]);
    }

    /** A raw float64 file with the same layout, opened as a source (for scratch data). */
    public MappedFrames reopen(Path path) {
        return new MappedFrames(path, dataOffset, frames, channels, null, type, ByteOrder.LITTLE_ENDIAN,
                MappedFrames.Layout.INTERLEAVED, java.util.OptionalDouble.empty(), SignalFiles.names(channels), Access.MAPPED);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public long frames() {
        return frames;
    }

    /** Per-thread staging for the encoded frames (direct, so the channel writes it without a hidden copy). */
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    /** Positional, so safe for concurrent calls on disjoint frames. */
    @Override
    public void write(long start, int count, double[] src, int offset, int frame) {
        if (start < 0 || start + count > frames) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") outside [0, " + frames + ")");
        }
        int values = count * channels;
        int bytes = values * type.bytes();
        ByteBuffer buffer = STAGING.get();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16));
            STAGING.set(buffer);
        }
        buffer.clear();
        MemorySegment target = MemorySegment.ofBuffer(buffer);
        if (type == SampleType.FLOAT32) {
            // narrowed in registers straight into the staging buffer (from the first lanes of
            // wider frames for a time-cut task's pieces)
            Float32.narrowFrames(src, offset, count, channels, frame, target, ByteOrder.LITTLE_ENDIAN);
        } else {
            if (frame == channels) {
                MemorySegment.copy(src, offset, target, LE_DOUBLE, 0, values);
            } else {
                double[] packed = MappedFrames.doubles(values);
                for (int i = 0; i < count; i++) {
                    System.arraycopy(src, offset + i * frame, packed, i * channels, channels);
                }
                MemorySegment.copy(packed, 0, target, LE_DOUBLE, 0, values);
            }
        }
        buffer.clear().limit(bytes);
        long pos = dataOffset + start * channels * type.bytes();
        try {
            while (buffer.hasRemaining()) {
                pos += channel.write(buffer, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the data durable before the file is published. */
    public void force() {
        Channels.unchecked(() -> channel.force(false));
    }

    @Override
    public void close() {
        Channels.close(channel);
    }
}
