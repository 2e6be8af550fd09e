package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.neural.NeuralDenoiser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The neural denoisers on recordings larger than a job's memory share: trained on stretches,
 * applied chunk by chunk with a halo; trained on a recording that fits, the in-memory bits at
 * any chunk size (shorter than the model's reach included).
 */
class TrainedOutOfCoreTest {

    private static final int CHANNELS = 2;
    private static final double FS = 250;

    @TempDir
    Path dir;
    private OutOfCoreRuns runs;

    @BeforeEach
    void setUp() {
        runs = new OutOfCoreRuns(dir);
    }

    @AfterEach
    void tearDown() {
        runs.close();
    }

    private Path write(double[][] x) {
        return runs.write("in-" + x[0].length + ".npy", x);
    }

    private static double[][] signal(int n, double noise, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[CHANNELS][n];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = Math.sin(2 * Math.PI * (3 + 2 * c) * i / FS) + noise * rnd.nextGaussian() + 2 * c;
            }
        }
        return x;
    }

    private double[][] run(Path input, PipelineSettings settings, NeuralDenoiser method, RunControl control) throws Exception {
        return runs.run(input, FS, new FilterSpec.Whole("neural", method), settings, control);
    }

    @Test
    void trainedOnARecordingThatFitsTheyGiveTheInMemoryBitsAtAnyChunkSize() throws Exception {
        int n = 5_003;
        double[][] x = signal(n, 0.3, 1);
        Path input = write(x);
        for (NeuralDenoiser.Kind kind : NeuralDenoiser.Kind.values()) {
            NeuralDenoiser method = new NeuralDenoiser(kind, 1, 3, 42);
            double[][] expected = method.apply(x);
            for (long chunkBytes : new long[] {64, 4096, 1 << 20}) {
                RunControl control = new RunControl(null);
                double[][] y = run(input, PipelineSettings.defaults().withChunkBytes(chunkBytes), method, control);
                for (int c = 0; c < CHANNELS; c++) {
                    assertArrayEquals(expected[c], y[c], 0.0, kind + ", chunks of " + chunkBytes + " bytes, channel " + c);
                }
                assertTrue(control.notes().get(0).contains("trained on all " + n + " frames"), control.notes().toString());
            }
        }
    }

    @Test
    void aRecordingBeyondTheShareTrainsOnStretchesAndStillDenoises() throws Exception {
        int n = 300_000;
        double[][] clean = signal(n, 0, 2);
        double[][] x = signal(n, 0.5, 2);
        Path input = write(x);
        // the 3 MiB share holds 65 536 frames of two channels: four stretches of 16 384
        PipelineSettings small = OutOfCoreRuns.smallShare(256 * 1024);
        RunControl control = new RunControl(null);
        double[][] y = run(input, small, new NeuralDenoiser(NeuralDenoiser.Kind.CNN, 1, 20, 42), control);
        String note = control.notes().get(0);
        assertTrue(note.contains("trained on 4 stretches of 16384 frames"), note);
        for (int c = 0; c < CHANNELS; c++) {
            double before = 0;
            double after = 0;
            for (int i = 0; i < n; i++) {
                before += (x[c][i] - clean[c][i]) * (x[c][i] - clean[c][i]);
                after += (y[c][i] - clean[c][i]) * (y[c][i] - clean[c][i]);
            }
            double gain = 10 * Math.log10(before / after);
            System.out.printf("cnn trained on 4 stretches: channel %d noise down %.1f dB%n", c, gain);
            assertTrue(gain > 3, "channel " + c + ": noise down only " + gain + " dB");
        }
    }
}
