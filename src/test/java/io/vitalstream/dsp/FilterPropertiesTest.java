package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties that hold for any input: linearity, impulse and frequency responses, channel independence. */
class FilterPropertiesTest {

    private static final double FS = 500;

    @Test
    void everyFamilyIsLinear() {
        Random rnd = new Random(3);
        double[] a = noise(rnd, 2000);
        double[] b = noise(rnd, 2000);
        double[] mix = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            mix[i] = 2.5 * a[i] - 0.75 * b[i];
        }
        for (IirFamily family : IirFamily.values()) {
            Sos sos = IirDesign.design(family, Response.BANDPASS, 4, new double[] {1, 30}, FS, 1, 40);
            for (boolean zeroPhase : new boolean[] {false, true}) {
                FilterSpec spec = new FilterSpec.Iir(sos, zeroPhase);
                double[] ya = Filtering.apply(spec, new double[][] {a})[0];
                double[] yb = Filtering.apply(spec, new double[][] {b})[0];
                double[] ym = Filtering.apply(spec, new double[][] {mix})[0];
                for (int i = 0; i < a.length; i++) {
                    assertEquals(2.5 * ya[i] - 0.75 * yb[i], ym[i], 1e-11, family + " sample " + i);
                }
            }
        }
    }

    @Test
    void impulseResponseOfSosfiltIsTheInverseTransformOfH() {
        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 4, new double[] {40}, FS, 1, 40);
        int n = 4096;
        double[] impulse = new double[n];
        impulse[0] = 1;
        double[] h = SosFilter.filter(sos, impulse);
        // H(e^{iw}) = sum_k h[k] e^{-iwk}; the tail beyond 4096 samples is far below 1e-12
        for (double w : new double[] {0, 0.1, 0.5, 1.0, 2.0, Math.PI}) {
            double re = 0, im = 0;
            for (int k = 0; k < n; k++) {
                re += h[k] * Math.cos(w * k);
                im -= h[k] * Math.sin(w * k);
            }
            double[] expected = sos.response(w);
            assertEquals(expected[0], re, 1e-10, "Re H at w=" + w);
            assertEquals(expected[1], im, 1e-10, "Im H at w=" + w);
        }
    }

    @Test
    void zeroPhaseGainOnASinusoidIsTheSquaredMagnitude() {
        Sos sos = IirDesign.design(IirFamily.CHEBY1, Response.BANDPASS, 3, new double[] {5, 40}, FS, 1, 40);
        int n = 20000;
        for (double f : new double[] {2, 10, 25, 60}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.sin(2 * Math.PI * f * i / FS);
            }
            double[] y = ZeroPhase.filter(sos, x);
            double[] hw = sos.response(2 * Math.PI * f / FS);
            double mag2 = hw[0] * hw[0] + hw[1] * hw[1];
            // in the middle, away from edge transients: y = |H|^2 x, no phase shift
            for (int i = n / 2; i < n / 2 + 200; i++) {
                assertEquals(mag2 * x[i], y[i], 1e-6, "f=" + f + " sample " + i);
            }
        }
    }

    @Test
    void multiChannelEqualsEachChannelAlone() {
        Random rnd = new Random(5);
        double[][] channels = new double[11][];
        for (int c = 0; c < channels.length; c++) {
            channels[c] = noise(rnd, 1500);
        }
        Sos sos = IirDesign.design(IirFamily.BESSEL, Response.HIGHPASS, 5, new double[] {0.5}, FS, 1, 40);
        for (boolean zeroPhase : new boolean[] {false, true}) {
            double[][] together = Filtering.apply(new FilterSpec.Iir(sos, zeroPhase), channels);
            for (int c = 0; c < channels.length; c++) {
                double[] alone = Filtering.apply(new FilterSpec.Iir(sos, zeroPhase), new double[][] {channels[c]})[0];
                assertArrayEquals(alone, together[c], 0.0, "channel " + c);
            }
        }
    }

    @Test
    void twoCoresGiveTheSameBitsAsOne() {
        Random rnd = new Random(6);
        double[][] channels = new double[32][40_000]; // 1.28 M samples: large enough to split
        for (double[] row : channels) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rnd.nextGaussian();
            }
        }
        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {1, 30}, FS, 1, 40);
        try {
            io.vitalstream.kernels.SosKernel.setThreads(1);
            double[][] one = ZeroPhase.filter(sos, channels);
            double[][] oneCausal = SosFilter.filter(sos, channels);
            io.vitalstream.kernels.SosKernel.setThreads(2);
            double[][] two = ZeroPhase.filter(sos, channels);
            double[][] twoCausal = SosFilter.filter(sos, channels);
            for (int c = 0; c < channels.length; c++) {
                assertArrayEquals(one[c], two[c], 0.0, "zero-phase channel " + c);
                assertArrayEquals(oneCausal[c], twoCausal[c], 0.0, "causal channel " + c);
            }
        } finally {
            io.vitalstream.kernels.SosKernel.setThreads(2);
        }
    }

    @Test
    void tooShortSignalForZeroPhaseIsRejectedWithTheNeededLength() {
        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {1, 30}, FS, 1, 40);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ZeroPhase.filter(sos, new double[27]));
        assertTrue(e.getMessage().contains("more than 27 samples"), e.getMessage());
        assertEquals(28, ZeroPhase.minimumLength(sos));
    }

    private static double[] noise(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
