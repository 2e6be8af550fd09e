package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the engine's hot paths on small synthetic signals, so that the first request or job
 * does not wait for them: the Vector API kernels reach the optimising compiler (the
 * interpreter runs them a hundred times slower), the FFT sizes of common FIR designs are
 * planned into the plan pool, and the file paths (mapped float32 decode, chunked zero-phase,
 * float32 encode, write-behind) load their classes. The service runs it on a background
 * thread at start-up; a JDK AOT cache trained on a run that did it keeps the profiles.
 */
public final class EngineWarmup {

    /** Rounds of {@link #fileJob}: one in a native image, which has no compiler to wait for. */
    private static final int FILE_ROUNDS = io.vitalstream.kernels.ImageBuild.NATIVE ? 1 : 12;

    private EngineWarmup() {
    }

    /** @param scratch a directory for a small temporary file (deleted afterwards) */
    public static void run(Path scratch) {
        Sos bandpass = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, 500, 1, 40);
        Sos lowpass = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 2, new double[] {10}, 100, 1, 40);
        double[] taps = FirDesign.firwin(101, new double[] {40}, Response.LOWPASS, Window.parse("hamming", null), 500);
        double[][] one = signal(1, 3 * 8192 + 101);
        double[][] eight = signal(8, 4096);
        double[][] snippet = signal(1, 5000);
        List<FilterSpec> specs = List.of(new FilterSpec.Iir(bandpass, true), new FilterSpec.Iir(bandpass, false),
                new FilterSpec.Iir(lowpass, true), new FilterSpec.Fir(taps, true), new FilterSpec.Median(5),
                new FilterSpec.SavitzkyGolay(11, 2));
        for (int round = 0; round < 40; round++) {
            for (FilterSpec spec : specs) {
                Filtering.apply(spec, one);
                Filtering.apply(spec, snippet);
                if (round % 4 == 0) {
                    Filtering.apply(spec, eight);
                }
            }
        }
        fileJob(scratch, bandpass);
    }

    /**
     * Float32 .npy files of 8 and 1 channels through the time-parallel job path (the zero-state
     * and final sweeps, the boundary scan, float32 widened and narrowed in registers), zero-phase
     * and causal, a few rounds: long enough (32 segments, 16 tasks a sweep for 8 channels) that
     * the per-task methods reach the optimising compiler. With one small round only, the first
     * real job compiled them itself: 2.0-2.2 s for the bench's 1 GiB job on a fresh service
     * against 1.5-1.6 s for the second job.
     */
    private static void fileJob(Path scratch, Sos sos) {
        Path dir;
        try {
            Files.createDirectories(scratch);
            dir = Files.createTempDirectory(scratch, "warmup");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int frames = 32 * io.vitalstream.dsp.SegmentPlan.BASE_LENGTH;
            Path[] inputs = {npy(dir.resolve("input8.npy"), 8, frames), npy(dir.resolve("input1.npy"), 1, frames)};
            PipelineSettings settings = PipelineSettings.defaults().withChunkBytes(256 * 1024);
            try (ChunkWorkers workers = new ChunkWorkers(settings.workers())) {
                Pipeline pipeline = new Pipeline(settings, null, workers);
                for (int round = 0; round < FILE_ROUNDS; round++) {
                    // positional reads into direct buffers (chunked: 100 MB to 2 GB) and mapped
                    // windows (larger files): the float32 decode sees both kinds of memory
                    // segment, else the first real job's input deoptimises it
                    Strategy strategy = round % 2 == 0 ? Strategy.CHUNKED : Strategy.MEMORY_MAPPED;
                    for (Path input : inputs) {
                        for (boolean zeroPhase : new boolean[] {true, false}) {
                            List<FilterSpec> stages = List.of(new FilterSpec.Iir(sos, zeroPhase));
                            pipeline.run(new PipelineJob(input, null, null, null, 500.0, fs -> stages, strategy,
                                    OutputFormat.NPY, dir.resolve("result.npy"), dir.resolve("scratch")), new RunControl(null), i -> { },
                                    l -> { });
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static Path npy(Path file, int channels, int frames) {
        double[][] x = signal(channels, frames);
        double[] interleaved = new double[frames * channels];
        io.vitalstream.dsp.ChannelArrays.toFrames(x, interleaved);
        try (BinaryWriter w = BinaryWriter.npy(file, SampleType.FLOAT32, channels, frames, false)) {
            w.write(0, frames, interleaved, 0, channels);
        }
        return file;
    }

    private static double[][] signal(int channels, int n) {
        double[][] x = new double[channels][n];
        long seed = 42;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                x[c][i] = Math.sin(i * 0.05 * (c + 1)) + ((seed >>> 11) * 0x1.0p-53 - 0.5) * 0.2;
            }
        }
        return x;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
