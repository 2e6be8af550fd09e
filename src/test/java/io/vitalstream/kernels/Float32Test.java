package io.vitalstream.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Float32Test {

    private static final ByteOrder[] ORDERS = {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN};

    private static float randomFloat(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> Float.intBitsToFloat(rnd.nextInt(0x7f80_0000)) * (rnd.nextBoolean() ? 1 : -1); // any finite bits
            case 1 -> Float.MIN_VALUE * rnd.nextInt(1000); // subnormal
            case 2 -> rnd.nextBoolean() ? Float.MAX_VALUE : -0.0f;
            default -> (float) rnd.nextGaussian();
        };
    }

    @Test
    void widenGivesTheCastsBitsAndFindsEveryNonFiniteValue() {
        Random rnd = new Random(11);
        try (Arena arena = Arena.ofConfined()) {
            for (ByteOrder order : ORDERS) {
                ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
                for (int count = 0; count <= 41; count++) {
                    // a heap segment and an off-heap one (as a mapped window is)
                    for (MemorySegment seg : new MemorySegment[] {MemorySegment.ofArray(new byte[4 * count + 4]), arena.allocate(4L * count + 4, 1)}) {
                        float[] values = new float[count];
                        for (int i = 0; i < count; i++) {
                            values[i] = randomFloat(rnd);
                            seg.set(layout, 4L * i, values[i]);
                        }
                        double[] dest = new double[count + 5];
                        assertTrue(Float32.widen(seg, order, dest, 3, count), "count " + count);
                        for (int i = 0; i < count; i++) {
                            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(dest[3 + i]), "value " + i);
                        }
                        assertEquals(0.0, dest[0]);
                        assertEquals(0.0, dest[3 + count]);
                        for (int at = 0; at < count; at++) {
                            float bad = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[at % 3];
                            seg.set(layout, 4L * at, bad);
                            assertFalse(Float32.widen(seg, order, dest, 3, count), "bad value at " + at + " of " + count);
                            seg.set(layout, 4L * at, values[at]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void narrowRoundsAsTheCastDoes() {
        Random rnd = new Random(12);
        for (ByteOrder order : ORDERS) {
            ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
            for (int count = 0; count <= 41; count++) {
                double[] src = new double[count + 2];
                for (int i = 0; i < src.length; i++) {
                    src[i] = switch (rnd.nextInt(6)) {
                        case 0 -> rnd.nextGaussian() * 1e39; // beyond float range: infinities
                        case 1 -> rnd.nextGaussian() * 1e-42; // float subnormals
                        case 2 -> (double) (float) rnd.nextGaussian() + Math.ulp((float) 1.0) / 2; // near ties
                        case 3 -> -0.0;
                        default -> rnd.nextGaussian();
                    };
                }
                MemorySegment seg = MemorySegment.ofArray(new byte[4 * count + 8]);
                Float32.narrow(src, 1, count, seg, order);
                float[] expected = new float[count];
                float[] actual = new float[count];
                for (int i = 0; i < count; i++) {
                    expected[i] = (float) src[1 + i];
                    actual[i] = seg.get(layout, 4L * i);
                }
                assertArrayEquals(expected, actual, "count " + count);
                assertEquals(0, seg.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * count), "nothing written past the values");
            }
        }
    }

    @Test
    void framesGoIntoTheFirstLanesOfWiderFramesAndBackWithTheCastsBits() {
        Random rnd = new Random(13);
        try (Arena arena = Arena.ofConfined()) {
            for (ByteOrder order : ORDERS) {
                ValueLayout.OfFloat layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
                for (int channels : new int[] {1, 3, 4, 8, 16}) {
                    for (int frames : new int[] {0, 1, 7, 33}) {
                        for (int frame : new int[] {channels, 2 * channels + 1}) { // the lanes themselves, or wider frames
                            int values = frames * channels;
                            MemorySegment seg = arena.allocate(4L * values + 4, 1);
                            float[] expected = new float[values];
                            for (int i = 0; i < values; i++) {
                                expected[i] = randomFloat(rnd);
                                seg.set(layout, 4L * i, expected[i]);
                            }
                            double[] dest = new double[2 + frames * frame];
                            java.util.Arrays.fill(dest, -7.0);
                            assertTrue(Float32.widenFrames(seg, order, dest, 2, frames, channels, frame), channels + " x " + frames);
                            for (int i = 0; i < frames; i++) {
                                for (int k = 0; k < frame; k++) {
                                    double got = dest[2 + i * frame + k];
                                    if (k < channels) {
                                        assertEquals(Double.doubleToRawLongBits(expected[i * channels + k]), Double.doubleToRawLongBits(got));
                                    } else {
                                        assertEquals(-7.0, got, 0.0, "lanes past the channels untouched");
                                    }
                                }
                            }
                            MemorySegment back = arena.allocate(4L * values + 4, 1);
                            Float32.narrowFrames(dest, 2, frames, channels, frame, back, order);
                            for (int i = 0; i < values; i++) {
                                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(back.get(layout, 4L * i)), "value " + i);
                            }
                            if (values > 0) {
                                int at = values / 2;
                                seg.set(layout, 4L * at, Float.NaN);
                                assertFalse(Float32.widenFrames(seg, order, dest, 2, frames, channels, frame), "NaN at " + at);
                            }
                        }
                    }
                }
            }
        }
    }
}
