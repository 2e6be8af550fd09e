package io.vitalstream.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DenseTest {

    @Test
    void vectorLoopsAgreeWithTheirScalarReferences() {
        Random rnd = new Random(9);
        for (int n : new int[] {0, 1, 3, 7, 8, 9, 16, 31, 64, 257}) {
            double[] a = new double[n + 5];
            double[] b = new double[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextGaussian();
                b[i] = rnd.nextGaussian();
            }
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale += Math.abs(a[2 + i] * b[3 + i]);
            }
            assertEquals(Dense.dotScalar(a, 2, b, 3, n), Dense.dot(a, 2, b, 3, n), 1e-14 * Math.max(1, scale), "dot n=" + n);
            // the same bits in every JIT state: the interpreter's first calls and C2's after many
            double first = Dense.dot(a, 2, b, 3, n);
            assertEquals(Dense.dotInLaneOrder(a, 2, b, 3, n, Dense.lanes()), first, 0.0, "dot n=" + n + " in lane order");
            for (int k = 0; k < 30_000; k++) {
                Dense.dot(a, 2, b, 3, n);
            }
            assertEquals(first, Dense.dot(a, 2, b, 3, n), 0.0, "dot n=" + n + " after compilation");
            double[] y1 = b.clone();
            double[] y2 = b.clone();
            Dense.axpy(0.37, a, 1, y1, 2, n);
            Dense.axpyScalar(0.37, a, 1, y2, 2, n);
            assertArrayEquals(y2, y1, 0.0, "axpy n=" + n);
        }
    }
}
