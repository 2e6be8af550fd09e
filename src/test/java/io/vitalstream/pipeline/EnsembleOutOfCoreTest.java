package io.vitalstream.pipeline;

import io.vitalstream.dsp.ChannelArrays;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.dsp.methods.Kalman;
import io.vitalstream.io.Access;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
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
 * Ensembles that combine samples stream when their members do: on a recording beyond a job's
 * share, members run out of core into scratch files and are combined chunk by chunk.
 */
class EnsembleOutOfCoreTest {

    private static final int CHANNELS = 2;
    private static final int FRAMES = 100_000;
    private static final double FS = 250;

    @TempDir
    Path dir;
    private ChunkWorkers workers;
    private double[][] x;
    private Path input;

    @BeforeEach
    void setUp() {
        workers = new ChunkWorkers(2);
        Random rnd = new Random(5);
        x = new double[CHANNELS][FRAMES];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < FRAMES; i++) {
                x[c][i] = Math.sin(2 * Math.PI * (2 + c) * i / FS) + 0.4 * rnd.nextGaussian() + c;
            }
        }
        double[] frames = new double[FRAMES * CHANNELS];
        ChannelArrays.toFrames(x, frames);
        input = dir.resolve("in.npy");
        try (BinaryWriter w = BinaryWriter.npy(input, SampleType.FLOAT64, CHANNELS, FRAMES, false)) {
            w.write(0, FRAMES, frames, 0, CHANNELS);
        }
    }

    @AfterEach
    void tearDown() {
        workers.close();
    }

    private double[][] run(FilterSpec spec, long chunkBytes) throws Exception {
        long mib = PipelineSettings.MIB;
        // a 3 MiB share: three copies of the 1.6 MB signal do not fit
        PipelineSettings small = new PipelineSettings(4 * mib, chunkBytes, 1, 1, mib, 2 * mib, mib, 1);
        Path out = dir.resolve("out-" + System.nanoTime() + ".npy");
        Path scratch = dir.resolve("scratch");
        PipelineJob job = new PipelineJob(input, null, null, null, FS, fs -> List.of(spec), Strategy.MEMORY_MAPPED, OutputFormat.NPY, out,
                scratch);
        List<String> messages = new java.util.ArrayList<>();
        new Pipeline(small, null, workers).run(job, new RunControl((done, total, message) -> messages.add(message)), i -> { }, l -> { });
        assertTrue(messages.get(messages.size() - 1).contains("combining 3 members"), messages.get(messages.size() - 1));
        assertEquals(messages.size(), Integer.parseInt(messages.get(0).replaceAll(".*chunk 1/(\\d+).*", "$1")), "the progress total counts every pass");
        try (Stream<Path> left = Files.exists(scratch) ? Files.list(scratch) : Stream.empty()) {
            assertEquals(0, left.count(), "the members' scratch files are removed");
        }
        try (SignalSource s = SignalFiles.open(out, null, null, null, Access.MAPPED, null)) {
            double[] frames = new double[FRAMES * CHANNELS];
            s.read(0, FRAMES, frames, 0, CHANNELS);
            return ChannelArrays.fromFrames(frames, FRAMES, CHANNELS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Ensemble.Combine.class, names = {"MEAN", "MEDIAN", "WEIGHTED"})
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
    @EnumSource(value = Ensemble.Combine.class, names = {"MEAN", "MEDIAN", "WEIGHTED"})
    void theDefaultMembersStreamWithTheSmootherOnBlocks(Ensemble.Combine combine) throws Exception {
        FilterSpec spec = FilterDesigner.design(FilterParameters.selecting("ensemble", combine.name().toLowerCase(java.util.Locale.ROOT)), FS);
        double[][] expected = ((FilterSpec.Whole) spec).method().apply(x);
        double[][] y = run(spec, 1 << 16);
        for (int c = 0; c < CHANNELS; c++) {
            double rms = 0;
            double worst = 0;
            for (int i = 0; i < FRAMES; i++) {
                rms += x[c][i] * x[c][i];
                worst = Math.max(worst, Math.abs(y[c][i] - expected[c][i]));
            }
            rms = Math.sqrt(rms / FRAMES);
            assertTrue(worst <= 1e-9 * rms, combine + " channel " + c + ": " + worst / rms + " of the RMS from the in-memory ensemble");
        }
    }
}
