package io.vitalstream.dsp;

import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.kernels.fft.FftwPlan;
import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.JavaFft;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FIR filtering gives the same output on FFTW and on the pure-Java fallback. */
class FftBackendEquivalenceTest {

    @Test
    void overlapAddOnFftwEqualsOverlapAddOnJavaFft() {
        assumeTrue(Fftw.available(), "libfftw3.so.3 not installed");
        Random rnd = new Random(42);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() + Math.sin(i * 0.01);
        }
        for (int taps : new int[] {1, 31, 1001}) {
            double[] h = taps == 1 ? new double[] {0.5}
                    : FirDesign.firwin(taps, new double[] {0.5, 40}, Response.BANDPASS, Window.parse("hamming", null), 500);
            for (int delay : new int[] {0, (taps - 1) / 2}) {
                double[] fftw = new OverlapAdd(h, FftwPlan::new).apply(x, delay);
                double[] java = new OverlapAdd(h, JavaFft::new).apply(x, delay);
                double err = Fixtures.maxError(fftw, java);
                assertTrue(err <= 1e-12 * Fixtures.peak(x), "taps " + taps + " delay " + delay + ": " + err);
            }
        }
    }
}
