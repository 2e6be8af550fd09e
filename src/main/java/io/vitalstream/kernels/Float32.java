package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * float32 samples of a file (mapped or staged) to and from the doubles the kernels filter, in
 * one pass with the conversion in registers: a vector of floats loaded from the segment is
 * widened into a vector of doubles and stored (and checked for NaN and infinities on the way),
 * and the way out narrows and stores straight into the segment. No intermediate float array
 * and no second pass: the per-chunk copy, widening loop and finite check were three passes
 * over every chunk of a job. The conversions round as the casts do, so the values are the
 * scalar references' bits.
 */
public final class Float32 {

    private static final VectorSpecies<Double> D = ImageBuild.DOUBLES;
    /** As many float lanes as D has double lanes (half the width). */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));
    /**
     * The vector forms run where the lanes match and not in a native image: GraalVM 25.0.2
     * compiles a vector store into an off-heap segment to a write at the wrong address there
     * (a segmentation fault in the first job), so an image takes the scalar references, which
     * give the same values.
     */
    private static final boolean VECTOR = F.length() == D.length() && !ImageBuild.NATIVE;

    private Float32() {
    }

    /**
     * count float32 values from byte 0 of seg (in {@code order}) widened into dest[offset, offset + count);
     * returns whether every value was finite.
     */
    public static boolean widen(MemorySegment seg, ByteOrder order, double[] dest, int offset, int count) {
        int i = 0;
        if (VECTOR) {
            int lanes = F.length();
            FloatVector acc = FloatVector.zero(F);
            for (; i <= count - lanes; i += lanes) {
                FloatVector f = FloatVector.fromMemorySegment(F, seg, 4L * i, order);
                acc = acc.add(f.sub(f)); // 0 for a finite value, NaN for NaN or an infinity
                ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0)).intoArray(dest, offset + i);
            }
            if (!(acc.reduceLanes(VectorOperators.ADD) == 0)) {
                return false;
            }
        }
        return widenScalar(seg, order, dest, offset, i, count);
    }

    /** The scalar reference of {@link #widen} (from value {@code from} on). */
    static boolean widenScalar(MemorySegment seg, ByteOrder order, double[] dest, int offset, int from, int count) {
        ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        float check = 0;
        for (int i = from; i < count; i++) {
            float v = seg.get(layout, 4L * i);
            check += v - v;
            dest[offset + i] = v;
        }
        return check == 0;
    }

    /**
     * {@code frames} frames of {@code channels} float32 values (from byte 0 of seg, in {@code
     * order}) widened into the first {@code channels} lanes of frames of {@code frame} lanes
     * from dest[offset] (the pieces of a time-cut task sit side by side in wider frames);
     * returns whether every value was finite. Frames that are the lanes already are {@link
     * #widen}; otherwise the vector form runs when the channels are whole vectors.
     */
    public static boolean widenFrames(MemorySegment seg, ByteOrder order, double[] dest, int offset, int frames, int channels, int frame) {
        if (frame == channels) {
            return widen(seg, order, dest, offset, frames * channels);
        }
        if (VECTOR && channels % D.length() == 0) {
            // a lane vector of channels at a time over all frames: with the frames loop inside,
            // 0.16-0.21 ns per value (8 channels into 16-lane frames, in cache) against 0.34
            // with a loop over the channels' vectors inside each frame
            int lanes = D.length();
            FloatVector acc = FloatVector.zero(F);
            for (int k = 0; k < channels; k += lanes) {
                for (int i = 0; i < frames; i++) {
                    FloatVector f = FloatVector.fromMemorySegment(F, seg, 4L * ((long) i * channels + k), order);
                    acc = acc.add(f.sub(f));
                    ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0)).intoArray(dest, offset + i * frame + k);
                }
            }
            return acc.reduceLanes(VectorOperators.ADD) == 0;
        }
        return widenFramesScalar(seg, order, dest, offset, frames, channels, frame);
    }

    /** The scalar reference of {@link #widenFrames}. */
    static boolean widenFramesScalar(MemorySegment seg, ByteOrder order, double[] dest, int offset, int frames, int channels, int frame) {
        ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        float check = 0;
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < channels; k++) {
                float v = seg.get(layout, 4L * (i * channels + k));
                check += v - v;
                dest[offset + i * frame + k] = v;
            }
        }
        return check == 0;
    }

    /** The first {@code channels} lanes of {@code frames} frames of {@code frame} lanes from src[offset], rounded to float32 and packed into seg from byte 0. */
    public static void narrowFrames(double[] src, int offset, int frames, int channels, int frame, MemorySegment seg, ByteOrder order) {
        if (frame == channels) {
            narrow(src, offset, frames * channels, seg, order);
            return;
        }
        if (VECTOR && channels % D.length() == 0) {
            // a lane vector of channels at a time over all frames, as in widenFrames
            int lanes = D.length();
            for (int k = 0; k < channels; k += lanes) {
                for (int i = 0; i < frames; i++) {
                    DoubleVector d = DoubleVector.fromArray(D, src, offset + i * frame + k);
                    ((FloatVector) d.convertShape(VectorOperators.D2F, F, 0)).intoMemorySegment(seg, 4L * ((long) i * channels + k), order);
                }
            }
            return;
        }
        narrowFramesScalar(src, offset, frames, channels, frame, seg, order);
    }

    /** The scalar reference of {@link #narrowFrames}. */
    static void narrowFramesScalar(double[] src, int offset, int frames, int channels, int frame, MemorySegment seg, ByteOrder order) {
        ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < channels; k++) {
                seg.set(layout, 4L * (i * channels + k), (float) src[offset + i * frame + k]);
            }
        }
    }

    /** src[offset, offset + count) rounded to float32 into seg from byte 0, in {@code order}. */
    public static void narrow(double[] src, int offset, int count, MemorySegment seg, ByteOrder order) {
        int i = 0;
        if (VECTOR) {
            int lanes = D.length();
            for (; i <= count - lanes; i += lanes) {
                DoubleVector d = DoubleVector.fromArray(D, src, offset + i);
                ((FloatVector) d.convertShape(VectorOperators.D2F, F, 0)).intoMemorySegment(seg, 4L * i, order);
            }
        }
        narrowScalar(src, offset, i, count, seg, order);
    }

    /** The scalar reference of {@link #narrow} (from value {@code from} on). */
    static void narrowScalar(double[] src, int offset, int from, int count, MemorySegment seg, ByteOrder order) {
        ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        for (int i = from; i < count; i++) {
            seg.set(layout, 4L * i, (float) src[offset + i]);
        }
    }
}
