package io.vitalstream.dsp.neural;

import org.junit.jupiter.api.Test;

import static io.vitalstream.dsp.TestSignals.noisy;
import static io.vitalstream.dsp.TestSignals.snr;
import static io.vitalstream.dsp.TestSignals.syntheticEcg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each neural denoiser improves a 5 dB-SNR synthetic ECG by at least 3 dB, reproducibly. */
class NeuralDenoiserTest {

    @ParameterizedTest
    @EnumSource(NeuralDenoiser.Kind.class)
    void improvesSnrOfANoisyEcgByAtLeast3dB(NeuralDenoiser.Kind kind) {
        double[] clean = syntheticEcg(5000, 500);
        double[] x = noisy(clean, 5, 11);
        double[] y = new NeuralDenoiser(kind, 2, null, 1).apply(new double[][] {x})[0];
        double gain = snr(clean, y) - snr(clean, x);
        System.out.printf("%s: SNR %.2f dB -> %.2f dB (+%.2f dB)%n", kind, snr(clean, x), snr(clean, y), gain);
        assertTrue(gain >= 3, kind + " improved SNR by " + gain + " dB");
    }

    @Test
    void sameSeedSameOutput() {
        double[] x = noisy(syntheticEcg(1000, 500), 5, 12);
        for (NeuralDenoiser.Kind kind : NeuralDenoiser.Kind.values()) {
            double[] a = new NeuralDenoiser(kind, 1, 3, 5).apply(new double[][] {x})[0];
            double[] b = new NeuralDenoiser(kind, 1, 3, 5).apply(new double[][] {x})[0];
            assertArrayEquals(a, b, 0.0, kind.toString());
        }
    }
}
