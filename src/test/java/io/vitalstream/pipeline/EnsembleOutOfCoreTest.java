package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.dsp.methods.Kalman;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ensembles stream when their members do: on a recording beyond a job's share, members run
 * out of core into scratch files (boosting over the residuals, bagging over resampled
 * signals drawn as in memory) and are combined chunk by chunk.
 */
class EnsembleOutOfCoreTest {

    private static final int CHANNELS = 2;
    private static final int FRAMES = 100_000;
    private static final double FS = 250;

    @TempDir
    Path dir;
    private OutOfCoreRuns runs;
    private double[][] x;
    private Path input;

    @BeforeEach
    void setUp() {
        runs = new OutOfCoreRuns(dir);
        Random rnd = new Random(5);
        x = new double[CHANNELS][FRAMES];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < FRAMES; i++) {
                x[c][i] = Math.sin(2 * Math.PI * (2 + c) * i / FS) + 0.4 * rnd.nextGaussian() + c;
            }
        }
        input = runs.write("in.npy", x);
    }

    @AfterEach
    void tearDown() {
        runs.close();
    }

    /** In the 3 MiB share, where three copies of the 1.6 MB signal do not fit. */
    private double[][] run(FilterSpec spec, long chunkBytes) throws Exception {
        List<String> messages = new java.util.ArrayList<>();
        double[][] y = runs.run(input, FS, spec, OutOfCoreRuns.smallShare(chunkBytes), new RunControl((done, total, message) -> messages.add(message)));
        String last = messages.get(messages.size() - 1);
        assertTrue(last.contains("combining 3 members") || last.contains("boosting") || last.contains("mean of 9 rounds"), last);
        assertEquals(messages.size(), Integer.parseInt(messages.get(0).replaceAll(".*chunk 1/(\\d+).*", "$1")), "the progress total counts every pass");
        Path scratch = dir.resolve("scratch");
        try (Stream<Path> left = Files.exists(scratch) ? Files.list(scratch) : Stream.empty()) {
            assertEquals(0, left.count(), "the members' scratch files are removed");
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(value = Ensemble.Combine.class, names = {"MEAN", "MEDIAN", "WEIGHTED", "BOOSTING", "BAGGING"})
    void exactMembersGiveTheInMemoryBits(Ensemble.Combine combine) throws Exception {
        var sos = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 4, new double[] {20}, FS, 1, 40);
        Ensemble e = new Ensemble(List.of(new FilterSpec.Causal("kalman", new Kalman(Kalman.Model.CONSTANT_LEVEL, 1, 0.1)),
                new FilterSpec.MovingAverage(5), new FilterSpec.Iir(sos, true)), combine, 42);
        double[][] expected = e.apply(x);
        for (long chunkBytes : new long[] {512, 1 << 18}) {
            double[][] y = run(new FilterSpec.Whole("ensemble", e), chunkBytes);
            for (int c = 0; c < CHANNELS; c++) {
                assertArrayEquals(expected[c], y[c], 0.0, combine + ", chunks of " + chunkBytes + " bytes, channel " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Ensemble.Combine.class, names = {"MEAN", "MEDIAN", "WEIGHTED", "BOOSTING", "BAGGING"})
    void theDefaultMembersStreamWithTheSmootherOnBlocks(Ensemble.Combine combine) throws Exception {
        FilterSpec spec = FilterDesigner.design(FilterParameters.selecting("ensemble", combine.name().toLowerCase(java.util.Locale.ROOT)), FS);
        double[][] expected = ((FilterSpec.Whole) spec).method().apply(x);
        double[][] y = run(spec, 1 << 16);
        for (int c = 0; c < CHANNELS; c++) {
            double off = OutOfCoreRuns.worstOverRms(y[c], expected[c], x[c]);
            assertTrue(off <= 1e-9, combine + " channel " + c + ": " + off + " of the RMS from the in-memory ensemble");
        }
    }
}
