package io.vitalstream.dsp;

import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.kernels.SosKernel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** FIR and window filters cut in time over two cores give the one-thread bits. */
class ParallelFilteringTest {

    @Test
    void timeRangesOnTwoCoresEqualOneThreadBitForBit() {
        Random rnd = new Random(5);
        int n = 3 * Filtering.MIN_PART + 17;
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = Math.sin(i * 0.01) + rnd.nextGaussian();
        }
        double[] taps = FirDesign.firwin(1001, new double[] {0.5, 40}, Response.BANDPASS, Window.parse("hamming", null), 1000);
        List<FilterSpec> specs = List.of(new FilterSpec.Fir(taps, true), new FilterSpec.Fir(taps, false), new FilterSpec.Median(5),
                new FilterSpec.Median(3), new FilterSpec.Median(31), new FilterSpec.SavitzkyGolay(51, 3), new FilterSpec.MovingAverage(10),
                new FilterSpec.Gaussian(3.5));
        int threads = SosKernel.threads();
        try {
            for (FilterSpec spec : specs) {
                SosKernel.setThreads(1);
                double[] one = Filtering.apply(spec, x)[0];
                SosKernel.setThreads(2);
                double[] two = Filtering.apply(spec, x)[0];
                assertArrayEquals(one, two, 0.0, spec.toString());
            }
        } finally {
            SosKernel.setThreads(threads);
        }
    }
}
