package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.WholeSignalMethod;
import io.vitalstream.dsp.methods.FastIca;
import io.vitalstream.dsp.methods.Pca;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PCA and ICA on recordings larger than a job's memory share: fitted on a strided sample,
 * applied chunk by chunk; on one that fits, the same bits as in memory.
 */
class FittedOutOfCoreTest {

    private static final int CHANNELS = 8;
    private static final int FRAMES = 200_000;
    private static final double FS = 250;

    @TempDir
    Path dir;
    private OutOfCoreRuns runs;
    private double[][] clean;
    private double[][] blink;
    private Path input;

    @BeforeEach
    void setUp() {
        runs = new OutOfCoreRuns(dir);
        // seven non-Gaussian background sources and one blink train, mixed; the blink reaches
        // only the two frontal channels
        Random rnd = new Random(7);
        double[][] sources = new double[CHANNELS][FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            double t = i / FS;
            sources[0][i] = Math.sin(2 * Math.PI * 10 * t);
            sources[1][i] = Math.signum(Math.sin(2 * Math.PI * 1.3 * t));
            sources[2][i] = rnd.nextDouble() * 2 - 1;
            sources[3][i] = Math.log(rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1) * 0.5;
            sources[4][i] = Math.sin(2 * Math.PI * 6.1 * t + 1) * Math.sin(2 * Math.PI * 0.2 * t);
            sources[5][i] = ((t * 3.7) % 1.0) - 0.5;
            sources[6][i] = Math.sin(2 * Math.PI * 21 * t) + 0.3 * (rnd.nextDouble() - 0.5);
        }
        // blinks at random times (2 to 6 s apart) with random heights, 80 ms wide
        for (double centre = 1 + 4 * rnd.nextDouble(); centre < FRAMES / FS; centre += 2 + 4 * rnd.nextDouble()) {
            double height = 6 + 4 * rnd.nextDouble();
            int c = (int) (centre * FS);
            for (int i = Math.max(0, c - 100); i < Math.min(FRAMES, c + 100); i++) {
                double d = (i - c) / FS;
                sources[7][i] += height * Math.exp(-d * d / (2 * 0.08 * 0.08));
            }
        }
        double[][] mix = new double[CHANNELS][CHANNELS];
        for (int r = 0; r < CHANNELS; r++) {
            for (int c = 0; c < CHANNELS - 1; c++) {
                mix[r][c] = rnd.nextDouble() * 2 - 1 + (r == c ? 2 : 0);
            }
        }
        mix[0][7] = 1.0;
        mix[1][7] = 0.6;
        clean = new double[CHANNELS][FRAMES];
        blink = new double[CHANNELS][FRAMES];
        for (int r = 0; r < CHANNELS; r++) {
            for (int i = 0; i < FRAMES; i++) {
                for (int c = 0; c < CHANNELS - 1; c++) {
                    clean[r][i] += mix[r][c] * sources[c][i];
                }
                blink[r][i] = mix[r][7] * sources[7][i];
            }
        }
        double[][] x = new double[CHANNELS][FRAMES];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < FRAMES; i++) {
                x[c][i] = clean[c][i] + blink[c][i];
            }
        }
        input = runs.write("eeg.npy", x);
    }

    @AfterEach
    void tearDown() {
        runs.close();
    }

    private double[][] run(PipelineSettings settings, WholeSignalMethod method, RunControl control) throws Exception {
        return runs.run(input, FS, new FilterSpec.Whole("fitted", method), settings, control);
    }

    /** a - b, about its mean: a constant offset is not a blink (ICA keeps each channel's mean, blinks' included). */
    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
            mean += d[i];
        }
        mean /= a.length;
        for (int i = 0; i < a.length; i++) {
            d[i] -= mean;
        }
        return d;
    }

    @Test
    void icaRemovesTheBlinksFromAStridedSampleWithinASmallShare() throws Exception {
        // in the 3 MiB share, the 12.8 MB signal is fitted on every 17th frame
        PipelineSettings small = OutOfCoreRuns.smallShare(256 * 1024);
        RunControl control = new RunControl(null);
        double[][] y = run(small, new FastIca(42, null, false), control);
        String note = String.join("; ", control.notes());
        assertTrue(note.contains("every 17th frame"), note);
        assertTrue(note.contains("kurtosis") && note.contains("excluded"), note);
        for (int c = 0; c < 2; c++) {
            double left = 20 * Math.log10(OutOfCoreRuns.rms(minus(y[c], clean[c])) / OutOfCoreRuns.rms(minus(blink[c], new double[FRAMES])));
            assertTrue(left < -20, "frontal channel " + c + ": the blinks lost only " + -left + " dB");
            System.out.printf("ICA fitted on every 17th frame: frontal channel %d keeps %.1f dB of its blinks%n", c, left);
        }
        for (int c = 2; c < CHANNELS; c++) {
            double change = OutOfCoreRuns.rms(minus(y[c], clean[c])) / OutOfCoreRuns.rms(clean[c]);
            assertTrue(change < 0.01, "channel " + c + " changed by " + change * 100 + " % RMS");
            System.out.printf("ICA fitted on every 17th frame: channel %d changed by %.2f %% RMS%n", c, change * 100);
        }
    }

    @Test
    void aRecordingThatFitsIsFittedOnEveryFrameAndGivesTheInMemoryBits() throws Exception {
        double[][] x = new double[CHANNELS][FRAMES];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < FRAMES; i++) {
                x[c][i] = clean[c][i] + blink[c][i];
            }
        }
        PipelineSettings roomy = PipelineSettings.defaults().withChunkBytes(64 * 1024);
        for (WholeSignalMethod m : List.of(new Pca(null, 0.9), new FastIca(42, null, true))) {
            RunControl control = new RunControl(null);
            double[][] y = run(roomy, m, control);
            double[][] expected = m.apply(x);
            for (int c = 0; c < CHANNELS; c++) {
                assertArrayEquals(expected[c], y[c], 0.0, m.getClass().getSimpleName() + " channel " + c);
            }
            assertEquals(1, control.notes().size());
            assertTrue(control.notes().get(0).contains("fitted on all " + FRAMES + " frames"), control.notes().get(0));
        }
    }
}
