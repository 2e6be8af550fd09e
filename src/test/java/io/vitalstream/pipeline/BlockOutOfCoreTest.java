package io.vitalstream.pipeline;

import io.vitalstream.dsp.ChannelArrays;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.SmoothnessOptimizer;
import io.vitalstream.io.Access;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

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

    private static final int CHANNELS = 2;
    private static final int FRAMES = 100_000;

    @TempDir
    Path dir;
    private ChunkWorkers workers;
    private double[][] x;
    private Path input;

    @BeforeEach
    void setUp() {
        workers = new ChunkWorkers(2);
        Random rnd = new Random(3);
        x = new double[CHANNELS][FRAMES];
        double[] frames = new double[FRAMES * CHANNELS];
        for (int i = 0; i < FRAMES; i++) {
            for (int c = 0; c < CHANNELS; c++) {
                x[c][i] = Math.sin(2 * Math.PI * i / (700.0 + 300 * c)) + 0.3 * rnd.nextGaussian() + 5 * c;
                frames[i * CHANNELS + c] = x[c][i];
            }
        }
        input = dir.resolve("in.npy");
        try (BinaryWriter w = BinaryWriter.npy(input, SampleType.FLOAT64, CHANNELS, FRAMES, false)) {
            w.write(0, FRAMES, frames, 0, CHANNELS);
        }
    }

    @AfterEach
    void tearDown() {
        workers.close();
    }

    @ParameterizedTest
    @CsvSource({"10, 64", "10, 4096", "10, 1000000", "10000, 64", "10000, 65536", "1000000, 262144"})
    void blocksMatchTheWholeSignalSolveWithinTheStatedTolerance(double lambda, long chunkBytes) throws Exception {
        SmoothnessOptimizer whittaker = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MSE, lambda, false, 0.01, 100, 1e-10);
        long mib = PipelineSettings.MIB;
        // a 3 MiB share: the 1.6 MB signal's three copies (4.8 MB) do not fit
        PipelineSettings small = new PipelineSettings(4 * mib, chunkBytes, 1, 1, mib, 2 * mib, mib, 1);
        Path out = dir.resolve("out.npy");
        List<String> messages = new ArrayList<>();
        RunControl control = new RunControl((done, total, message) -> messages.add(message));
        PipelineJob job = new PipelineJob(input, null, null, null, 250.0, fs -> List.of(new FilterSpec.Whole("optimization", whittaker)),
                Strategy.MEMORY_MAPPED, OutputFormat.NPY, out, dir.resolve("scratch"));
        new Pipeline(small, null, workers).run(job, control, i -> { }, l -> { });
        assertTrue(messages.stream().allMatch(m -> m.contains("samples of context")), messages.get(0));
        double[][] expected = whittaker.apply(x);
        try (SignalSource s = SignalFiles.open(out, null, null, null, Access.MAPPED, null)) {
            double[] frames = new double[FRAMES * CHANNELS];
            s.read(0, FRAMES, frames, 0, CHANNELS);
            double[][] y = ChannelArrays.fromFrames(frames, FRAMES, CHANNELS);
            for (int c = 0; c < CHANNELS; c++) {
                double rms = 0;
                double worst = 0;
                for (int i = 0; i < FRAMES; i++) {
                    rms += x[c][i] * x[c][i];
                    worst = Math.max(worst, Math.abs(y[c][i] - expected[c][i]));
                }
                rms = Math.sqrt(rms / FRAMES);
                assertTrue(worst <= 1e-9 * rms, "lambda " + lambda + ", chunks of " + chunkBytes + " bytes, channel " + c + ": seam error "
                        + worst / rms + " of the RMS (overlap " + whittaker.overlap() + ")");
            }
        }
    }
}
