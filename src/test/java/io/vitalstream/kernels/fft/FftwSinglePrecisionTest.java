package io.vitalstream.kernels.fft;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** libfftw3f through the same plan pair as libfftw3: agrees with the double plan within float accuracy. */
class FftwSinglePrecisionTest {

    @Test
    void singlePrecisionPairAgreesWithDoubleWithinFloatAccuracy() {
        assumeTrue(Fftw.available() && Fftw.floatAvailable(), "libfftw3 / libfftw3f not installed");
        int n = 4096;
        Random r = new Random(5);
        double[] x = new double[n];
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            xf[i] = (float) x[i];
        }
        double[] expected = new double[n + 2];
        try (FftwPlan plan = new FftwPlan(n)) {
            plan.forward(x, expected);
        }
        float[] spectrum = new float[n + 2];
        float[] back = new float[n];
        try (FftwPlanPair single = new FftwPlanPair(FftwPlanPair.Precision.SINGLE, n)) {
            single.forward(MemorySegment.ofArray(xf), MemorySegment.ofArray(spectrum));
            single.inverse(MemorySegment.ofArray(spectrum.clone()), MemorySegment.ofArray(back));
        }
        double peak = 0;
        double worst = 0;
        for (int k = 0; k < n + 2; k++) {
            peak = Math.max(peak, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(expected[k] - spectrum[k]));
        }
        assertTrue(peak > 10, "a spectrum with energy");
        assertTrue(worst <= 1e-5 * peak, "float spectrum within 1e-5 of peak: " + worst / peak);
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(back[i] / n - xf[i]) <= 1e-4, "round trip at " + i + ": " + back[i] / n + " vs " + xf[i]);
        }
    }
}
