package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.SmoothnessOptimizer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Whittaker smoother on a recording larger than a job's memory share runs on overlapping
 * blocks: within 1e-9 of the signal's RMS of the whole-signal solve, at chunks shorter than the
 * overlap, about as long, and far longer.
 */
class BlockOutOfCoreTest {

    private static final int FRAMES = 100_000;

    @TempDir
    Path dir;

    private static double[][] signal() {
        Random rnd = new Random(3);
        double[][] x = new double[2][FRAMES];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < FRAMES; i++) {
                x[c][i] = Math.sin(2 * Math.PI * i / (700.0 + 300 * c)) + 0.3 * rnd.nextGaussian() + 5 * c;
            }
        }
        return x;
    }

    /** Gradient descent reaches two samples further per step: with that context (and huber's scale from the whole recording), the whole signal's bits. */
    @ParameterizedTest
    @CsvSource({"MSE, 1024", "MSE, 65536", "MAE, 4096", "HUBER, 4096", "HUBER, 300000"})
    void gradientDescentOnBlocksGivesTheWholeSignalsBits(SmoothnessOptimizer.Loss loss, long chunkBytes) throws Exception {
        double[][] x = signal();
        SmoothnessOptimizer descent = new SmoothnessOptimizer(loss, 10, true, 0.01, 100, 1e-10);
        try (OutOfCoreRuns runs = new OutOfCoreRuns(dir)) {
            double[][] y = runs.run(runs.write("in.npy", x), 250, new FilterSpec.Whole("gradient_descent", descent),
                    OutOfCoreRuns.smallShare(chunkBytes), new RunControl(null));
            double[][] expected = descent.apply(x);
            for (int c = 0; c < 2; c++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected[c], y[c], 0.0, loss + ", chunks of " + chunkBytes + " bytes");
            }
        }
    }

    /** IRLS iteration by iteration over blocks: within 1e-9 of the RMS of the whole signal's solve. */
    @ParameterizedTest
    @CsvSource({"MAE, 10, 65536", "HUBER, 10, 4096", "HUBER, 1000, 65536"})
    void reweightedSolvesOnBlocksMatchTheWholeSignal(SmoothnessOptimizer.Loss loss, double lambda, long chunkBytes) throws Exception {
        double[][] x = signal();
        SmoothnessOptimizer irls = new SmoothnessOptimizer(loss, lambda, false, 0.01, 30, 1e-10);
        List<String> messages = new ArrayList<>();
        try (OutOfCoreRuns runs = new OutOfCoreRuns(dir)) {
            double[][] y = runs.run(runs.write("in.npy", x), 250, new FilterSpec.Whole("optimization", irls), OutOfCoreRuns.smallShare(chunkBytes),
                    new RunControl((done, total, message) -> messages.add(message)));
            assertTrue(messages.stream().anyMatch(m -> m.contains("reweighted solve 2,")), messages.get(messages.size() - 1));
            double[][] expected = irls.apply(x);
            for (int c = 0; c < 2; c++) {
                double off = OutOfCoreRuns.worstOverRms(y[c], expected[c], x[c]);
                assertTrue(off <= 1e-9, loss + " lambda " + lambda + ", channel " + c + ": " + off + " of the RMS");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 64", "10, 4096", "10, 1000000", "10000, 64", "10000, 65536", "1000000, 262144"})
    void blocksMatchTheWholeSignalSolveWithinTheStatedTolerance(double lambda, long chunkBytes) throws Exception {
        double[][] x = signal();
        SmoothnessOptimizer whittaker = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MSE, lambda, false, 0.01, 100, 1e-10);
        List<String> messages = new ArrayList<>();
        try (OutOfCoreRuns runs = new OutOfCoreRuns(dir)) {
            // the 1.6 MB signal's three copies (4.8 MB) do not fit the 3 MiB share
            double[][] y = runs.run(runs.write("in.npy", x), 250, new FilterSpec.Whole("optimization", whittaker),
                    OutOfCoreRuns.smallShare(chunkBytes), new RunControl((done, total, message) -> messages.add(message)));
            assertTrue(messages.stream().allMatch(m -> m.contains("samples of context")), messages.get(0));
            double[][] expected = whittaker.apply(x);
            for (int c = 0; c < 2; c++) {
                double seam = OutOfCoreRuns.worstOverRms(y[c], expected[c], x[c]);
                assertTrue(seam <= 1e-9, "lambda " + lambda + ", chunks of " + chunkBytes + " bytes, channel " + c + ": seam error " + seam
                        + " of the RMS (overlap " + whittaker.overlap() + ")");
            }
        }
    }
}
