package io.vitalstream.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MedianKernelTest {

    @Test
    void vectorNetworkSelectsTheScalarReferencesValueIncludingNaNAndSignedZeros() {
        Random rnd = new Random(3);
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, 1.0};
        for (int window : new int[] {3, 5}) {
            for (int n : new int[] {window, window + 1, 37, 1000}) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = rnd.nextInt(4) == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextInt(5) - 2.0;
                }
                int h = window / 2;
                int count = n - 2 * h;
                double[] vector = new double[count];
                double[] scalar = new double[count];
                MedianKernel.interior(x, h, window, vector, 0, count);
                MedianKernel.scalar(x, h, window, scalar, 0, count);
                for (int k = 0; k < count; k++) {
                    assertEquals(Double.doubleToRawLongBits(scalar[k]), Double.doubleToRawLongBits(vector[k]),
                            "width " + window + ", n " + n + ", output " + k + ": " + scalar[k] + " vs " + vector[k]);
                }
            }
        }
    }
}
