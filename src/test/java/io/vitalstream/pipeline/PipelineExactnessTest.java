package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every strategy and several chunk sizes (including chunks shorter than the zero-phase
 * padding) give the in-memory engine's output bit for bit, on multi-channel float64 data.
 */
class PipelineExactnessTest {

    private static final int CHANNELS = 5;
    private static final int FRAMES = 20_011;
    private static final double FS = 500;

    @TempDir
    static Path dir;
    private static Path input;
    private static double[][] signal;
    /** Nine channels: enough to fill the lanes, so IIR runs the sequential algorithm in lane groups. */
    private static Path wideInput;
    private static double[][] wideSignal;
    private static ChunkWorkers workers;

    @BeforeAll
    static void writeInput() {
        Random rnd = new Random(2026);
        signal = new double[CHANNELS][FRAMES];
        double[] interleaved = new double[FRAMES * CHANNELS];
        for (int i = 0; i < FRAMES; i++) {
            for (int c = 0; c < CHANNELS; c++) {
                double v = Math.sin(2 * Math.PI * (c + 1) * i / FS) + 0.3 * rnd.nextGaussian() + (i > 9000 ? c : 0);
                signal[c][i] = v;
                interleaved[i * CHANNELS + c] = v;
            }
        }
        input = dir.resolve("input.npy");
        try (BinaryWriter w = BinaryWriter.npy(input, SampleType.FLOAT64, CHANNELS, FRAMES, false)) {
            w.write(0, FRAMES, interleaved, 0, CHANNELS);
        }
        wideSignal = new double[9][FRAMES];
        double[] wide = new double[FRAMES * 9];
        for (int i = 0; i < FRAMES; i++) {
            for (int c = 0; c < 9; c++) {
                double v = Math.cos(2 * Math.PI * (c + 2) * i / FS) + 0.2 * rnd.nextGaussian() + (i > 12000 ? 1 - c : 0);
                wideSignal[c][i] = v;
                wide[i * 9 + c] = v;
            }
        }
        wideInput = dir.resolve("wide.npy");
        try (BinaryWriter w = BinaryWriter.npy(wideInput, SampleType.FLOAT64, 9, FRAMES, false)) {
            w.write(0, FRAMES, wide, 0, 9);
        }
        workers = new ChunkWorkers(2);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static Map<String, List<FilterSpec>> filters() {
        Map<String, List<FilterSpec>> m = new LinkedHashMap<>();
        var bandpass = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, FS, 1, 40);
        var ellip = IirDesign.design(IirFamily.ELLIP, Response.HIGHPASS, 3, new double[] {1}, FS, 1, 40);
        double[] taps = FirDesign.firwin(101, new double[] {40}, Response.LOWPASS, Window.parse("hamming", null), FS);
        m.put("sosfilt", List.of(new FilterSpec.Iir(bandpass, false)));
        m.put("sosfiltfilt", List.of(new FilterSpec.Iir(bandpass, true)));
        m.put("sosfiltfilt odd order", List.of(new FilterSpec.Iir(ellip, true)));
        m.put("fir causal", List.of(new FilterSpec.Fir(taps, false)));
        m.put("fir same", List.of(new FilterSpec.Fir(taps, true)));
        m.put("savgol", List.of(new FilterSpec.SavitzkyGolay(31, 3)));
        m.put("median", List.of(new FilterSpec.Median(21)));
        m.put("moving average", List.of(new FilterSpec.MovingAverage(10)));
        m.put("gaussian", List.of(new FilterSpec.Gaussian(4.5)));
        m.put("kalman", List.of(new FilterSpec.Causal("kalman", new io.vitalstream.dsp.methods.Kalman(
                io.vitalstream.dsp.methods.Kalman.Model.CONSTANT_VELOCITY, 0.01, 1))));
        m.put("lms reference", List.of(new FilterSpec.Causal("lms", new io.vitalstream.dsp.methods.AdaptiveFilter(
                io.vitalstream.dsp.methods.AdaptiveFilter.Algorithm.RLS, 4, 0.01, 0.99, 0.01, 2, 1))));
        m.put("nlms predictor", List.of(new FilterSpec.Causal("nlms", new io.vitalstream.dsp.methods.AdaptiveFilter(
                io.vitalstream.dsp.methods.AdaptiveFilter.Algorithm.NLMS, 8, 0.1, 0.99, 0.01, -1, 3))));
        m.put("spike", List.of(new FilterSpec.Windowed("spike", new io.vitalstream.dsp.methods.Hampel(11, 3))));
        m.put("attention", List.of(new FilterSpec.Windowed("attention", new io.vitalstream.dsp.methods.Attention(io.vitalstream.dsp.methods.Attention.Prior.LINEAR, 7))));
        m.put("wavelet", List.of(new FilterSpec.Whole("wavelet", new io.vitalstream.dsp.methods.WaveletDenoise(
                io.vitalstream.dsp.methods.Wavelet.named("db4"), 3, true, null))));
        m.put("chain", List.of(new FilterSpec.Iir(ellip, false), new FilterSpec.Median(5), new FilterSpec.Iir(bandpass, true)));
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyStrategyAndChunkSizeEqualsTheInMemoryEngine() {
        List<DynamicTest> tests = new ArrayList<>();
        filters().forEach((name, stages) -> {
            double[][] expected = signal;
            for (FilterSpec s : stages) {
                expected = Filtering.apply(s, expected);
            }
            double[][] want = expected;
            for (Strategy strategy : Strategy.values()) {
                int[] chunkFrames = strategy == Strategy.STANDARD ? new int[] {FRAMES} : new int[] {7, 1000, 4096, FRAMES + 5};
                for (int chunk : chunkFrames) {
                    tests.add(DynamicTest.dynamicTest(name + " / " + strategy.wire() + " / chunk " + chunk,
                            () -> assertBitForBit(want, run(stages, strategy, chunk))));
                }
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> iirOutOfCoreGivesTheSameBitsOnOneTwoAndFourThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean wide : new boolean[] {false, true}) {
            for (String name : List.of("sosfilt", "sosfiltfilt", "sosfiltfilt odd order")) {
                List<FilterSpec> stages = filters().get(name);
                double[][] expected = Filtering.apply(stages.get(0), wide ? wideSignal : signal);
                for (int threads : new int[] {1, 2, 4}) {
                    for (int chunk : new int[] {7, 4096}) {
                        tests.add(DynamicTest.dynamicTest((wide ? "9 channels / " : "5 channels / ") + name + " / " + threads
                                        + " threads / chunk " + chunk,
                                () -> assertBitForBit(expected, run(stages, Strategy.MEMORY_MAPPED, chunk, threads, wide))));
                    }
                }
            }
        }
        return tests.stream();
    }

    static double[][] run(List<FilterSpec> stages, Strategy strategy, int chunkFrames) throws Exception {
        return run(stages, strategy, chunkFrames, 2, false);
    }

    static double[][] run(List<FilterSpec> stages, Strategy strategy, int chunkFrames, int threads, boolean wide) throws Exception {
        PipelineSettings d = PipelineSettings.defaults();
        PipelineSettings settings = new PipelineSettings(d.memoryBudget(), 8L * 8 * chunkFrames, threads, d.prefetch(), d.standardMaxBytes(),
                d.chunkedMaxBytes(), d.cacheBytes(), d.concurrentJobs()); // 5 channels -> 8 lanes
        Pipeline pipeline = new Pipeline(settings, new ChunkCache(1 << 20, 1 << 16), workers);
        Path out = Files.createTempDirectory(dir, "run");
        PipelineJob job = new PipelineJob(wide ? wideInput : input, null, null, null, FS, fs -> stages, strategy, OutputFormat.NPY,
                out.resolve("result.npy"), out.resolve("scratch"));
        PipelineResult result = pipeline.run(job, new RunControl(null), info -> { }, live -> { });
        assertEquals(strategy, result.strategy().strategy());
        assertEquals(SampleType.FLOAT64, result.outputType());
        assertFalse(Files.exists(out.resolve("result.npy.part")), "part file left behind");
        try (Stream<Path> left = Files.list(out.resolve("scratch"))) {
            assertEquals(0, left.count(), "scratch files left behind");
        }
        return readNpy(result.result(), wide ? 9 : CHANNELS);
    }

    static double[][] readNpy(Path p, int channels) throws IOException {
        byte[] all = Files.readAllBytes(p);
        int headerLen = ByteBuffer.wrap(all, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        ByteBuffer data = ByteBuffer.wrap(all, 10 + headerLen, all.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        int n = data.remaining() / 8 / channels;
        double[][] out = new double[channels][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = data.getDouble();
            }
        }
        return out;
    }

    static void assertBitForBit(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c].length, actual[c].length, "frames");
            for (int i = 0; i < expected[c].length; i++) {
                if (Double.doubleToRawLongBits(expected[c][i]) != Double.doubleToRawLongBits(actual[c][i])) {
                    throw new AssertionError("channel " + c + " frame " + i + ": " + expected[c][i] + " != " + actual[c][i]);
                }
            }
        }
    }
}
