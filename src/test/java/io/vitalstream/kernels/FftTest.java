package io.vitalstream.kernels;

import io.vitalstream.kernels.fft.FftwPlan;
import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.JavaFft;
import io.vitalstream.kernels.fft.RealFft;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FFTW (through FFM) and the pure-Java fallback against a direct DFT and each other. */
class FftTest {

    private static final int[] POWERS = {2, 4, 8, 16, 64, 256, 1024, 4096, 65536};

    @Test
    void javaFftMatchesDirectDft() {
        for (int n : new int[] {2, 4, 8, 16, 64, 256, 1024}) {
            double[] x = random(n, n);
            double[] expected = dft(x);
            double[] ours = new double[n + 2];
            try (RealFft fft = new JavaFft(n)) {
                fft.forward(x, ours);
                assertClose(expected, ours, 1e-12 * n, "java forward n=" + n);
                double[] back = new double[n];
                fft.inverse(ours, back);
                for (int i = 0; i < n; i++) {
                    back[i] /= n;
                }
                assertClose(x, back, 1e-13 * n, "java round trip n=" + n);
            }
        }
    }

    @Test
    void fftwAndJavaFftGiveTheSameResults() {
        assumeTrue(Fftw.available(), "libfftw3.so.3 not installed");
        for (int n : POWERS) {
            double[] x = random(n, 31 * n);
            double[] a = new double[n + 2];
            double[] b = new double[n + 2];
            double[] ia = new double[n];
            double[] ib = new double[n];
            try (RealFft fftw = new FftwPlan(n); RealFft java = new JavaFft(n)) {
                fftw.forward(x, a);
                java.forward(x, b);
                assertClose(a, b, 1e-11 * Math.log(n + 1) * Math.sqrt(n), "forward n=" + n);
                fftw.inverse(a, ia);
                java.inverse(a, ib);
                assertClose(ia, ib, 1e-11 * Math.log(n + 1) * n, "inverse n=" + n);
            }
        }
    }

    @Test
    void fftwHandlesAwkwardSizes() {
        assumeTrue(Fftw.available(), "libfftw3.so.3 not installed");
        for (int n : new int[] {1, 3, 5, 7, 12, 97, 1000, 1001}) {
            double[] x = random(n, 3 * n + 1);
            double[] out = new double[2 * (n / 2 + 1)];
            try (RealFft fftw = new FftwPlan(n)) {
                fftw.forward(x, out);
            }
            assertClose(dft(x), out, 1e-12 * n, "fftw n=" + n);
        }
    }

    private static double[] dft(double[] x) {
        int n = x.length;
        double[] out = new double[2 * (n / 2 + 1)];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0, im = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * ((long) k * t % n) / n;
                re += x[t] * Math.cos(a);
                im += x[t] * Math.sin(a);
            }
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
        return out;
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        double w = worst;
        assertTrue(worst <= tol, () -> what + ": max error " + w + " > " + tol);
    }
}
