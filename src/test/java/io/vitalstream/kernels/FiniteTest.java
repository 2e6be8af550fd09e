package io.vitalstream.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiniteTest {

    private static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0x7ff8_0000_0000_0001L), Double.longBitsToDouble(0xfff0_0000_0000_0001L)};

    @Test
    void oneBadValueAnywhereInAnyRangeIsFound() {
        Random rnd = new Random(5);
        for (int n = 0; n <= 37; n++) {
            for (int from = 0; from <= 5; from++) {
                double[] a = new double[from + n + 3];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(600) - 300);
                }
                assertTrue(Finite.all(a, from, from + n), "n=" + n + " from=" + from);
                for (int at = from; at < from + n; at++) {
                    double keep = a[at];
                    a[at] = BAD[rnd.nextInt(BAD.length)];
                    assertFalse(Finite.all(a, from, from + n), "bad value at " + at + " of [" + from + ", " + (from + n) + ")");
                    a[at] = keep;
                }
                // outside the range does not count
                a[a.length - 1] = Double.NaN;
                if (from > 0) {
                    a[from - 1] = Double.POSITIVE_INFINITY;
                }
                assertEquals(Finite.allScalar(a, from, from + n), Finite.all(a, from, from + n));
                assertTrue(Finite.all(a, from, from + n));
            }
        }
    }

    @Test
    void extremeFiniteValuesAreFinite() {
        double[] a = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0, Double.MIN_NORMAL, 1e308, -1e308, 4.9e-324};
        double[] many = new double[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = a[i % a.length];
        }
        assertTrue(Finite.all(a, 0, a.length));
        assertTrue(Finite.all(many, 0, many.length));
    }
}
