package io.vitalstream.dsp.quality;

import io.vitalstream.dsp.TestSignals;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quality levels on hand-built cases, and the metrics on known signals. */
class QualityAssessmentTest {

    private static final double FS = 500;

    @Test
    void aCleanSyntheticEcgIsGoodOrExcellent() {
        double[] ecg = TestSignals.syntheticEcg(30_000, FS);
        QualityReport q = QualityAssessment.assess(ecg, ecg, FS, "ECG");
        assertTrue(List.of("good", "excellent").contains(q.level()), q.level() + " " + q.score());
        // 60 s in 10 s segments every 9 s: 0, 9, ..., 54 (the last one 6 s long)
        assertEquals(7, q.segments().size());
        assertEquals(9.0, q.segments().get(1).start(), 1e-9);
        assertEquals(60.0, q.segments().get(6).end(), 1e-9);
    }

    @Test
    void aFlatLineIsUnusableOrPoor() {
        double[] flat = new double[20_000];
        java.util.Arrays.fill(flat, 0.7);
        QualityReport q = QualityAssessment.assess(flat, flat, FS, "ECG");
        assertTrue(List.of("unusable", "poor").contains(q.level()), q.level() + " " + q.score());
    }

    @Test
    void aClippedSignalIsUnusableOrPoor() {
        double[] ecg = TestSignals.syntheticEcg(20_000, FS);
        double[] clipped = new double[ecg.length];
        for (int i = 0; i < ecg.length; i++) {
            clipped[i] = Math.max(-0.05, Math.min(0.05, ecg[i] * 5)); // the amplifier saturates
        }
        QualityReport q = QualityAssessment.assess(clipped, clipped, FS, "ECG");
        assertTrue(List.of("unusable", "poor").contains(q.level()), q.level() + " " + q.score());
    }

    @Test
    void aNoisyEcgScoresBelowACleanOne() {
        double[] clean = TestSignals.syntheticEcg(10_000, FS);
        double[] noisy = TestSignals.noisy(clean, 0, 3);
        assertTrue(QualityAssessment.assess(noisy, noisy, FS, "ECG").score() < QualityAssessment.assess(clean, clean, FS, "ECG").score());
    }

    @Test
    void removingNoiseRaisesTheBandSnr() {
        double[] clean = TestSignals.syntheticEcg(5_000, FS);
        double[] noisy = TestSignals.noisy(clean, 5, 4);
        QualityReport q = QualityAssessment.assess(noisy, clean, FS, "ECG");
        assertTrue(q.snrImprovementDb() > 10, "band SNR gained: " + q.snrImprovementDb());
    }

    @Test
    void metricsOnKnownSignals() {
        double[] sine = new double[4096];
        Random rnd = new Random(1);
        double[] noisy = new double[sine.length];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = Math.sin(2 * Math.PI * 50 * i / FS);
            noisy[i] = sine[i] + 0.1 * rnd.nextGaussian();
        }
        QualityReport q = QualityAssessment.assess(noisy, sine, FS, "other");
        assertEquals(50, q.spectralCentroidHz(), 1.0);
        assertEquals(50, q.spectralRolloffHz(), 1.0);
        assertEquals(0.01, q.mse(), 0.002);
        assertTrue(q.pearsonCorrelation() > 0.99);
        assertEquals(Math.sqrt(0.5), q.statistics().rms(), 1e-3);
        assertEquals(2 * Math.sin(Math.toRadians(72)), q.statistics().peakToPeak(), 1e-9, "samples fall every 36 degrees");
        assertEquals(-1.5, q.statistics().kurtosis(), 0.01, "a sine's excess kurtosis");
        assertEquals(100.0 / FS, q.zeroCrossingRate(), 0.002, "two crossings per 50 Hz period");
    }
}
