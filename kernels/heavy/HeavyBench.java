import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.io.NpyHeader;
import io.vitalstream.io.SampleType;
import io.vitalstream.pipeline.ChunkCache;
import io.vitalstream.pipeline.ChunkWorkers;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Pipeline;
import io.vitalstream.pipeline.PipelineJob;
import io.vitalstream.pipeline.PipelineResult;
import io.vitalstream.pipeline.PipelineSettings;
import io.vitalstream.pipeline.RunControl;
import io.vitalstream.pipeline.Strategy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Heavy-data benchmark: generates a float32 (samples, channels) .npy of the given size,
 * filters it zero-phase (Butterworth band-pass 0.5-40 Hz, order 4, fs 1000 Hz) through the
 * pipeline, and prints one JSON line: sizes, time, throughput and this JVM's peak RSS
 * (VmHWM). Run by kernels/heavy/bench.sh with a small heap; the output is checked
 * against scipy by check_windows.py.
 *
 *   java -cp ... HeavyBench.java <dir> <gigabytes> <channels> <strategy | generate>
 */
public class HeavyBench {

    static final double FS = 1000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double gb = Double.parseDouble(args[1]);
        int channels = Integer.parseInt(args[2]);
        boolean generateOnly = args.length > 3 && args[3].equals("generate");
        Strategy strategy = generateOnly ? null : Strategy.parse(args.length > 3 ? args[3] : "memory_mapped");
        Files.createDirectories(dir);
        long frames = (long) (gb * (1L << 30)) / (4L * channels);
        Path input = dir.resolve("input-" + args[1] + "g.npy");
        long t0 = System.nanoTime();
        if (!Files.exists(input) || Files.size(input) < frames * channels * 4L) {
            generate(input, frames, channels);
        }
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        if (generateOnly) {
            System.out.println(input);
            return;
        }

        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, FS, 1, 40);
        List<FilterSpec> stages = List.of(new FilterSpec.Iir(sos, true));
        PipelineSettings settings = PipelineSettings.defaults();
        Path result = dir.resolve("output-" + args[1] + "g.npy");
        Files.deleteIfExists(result);
        long rssBefore = rss("VmRSS");
        long start = System.nanoTime();
        PipelineResult r;
        try (ChunkWorkers workers = new ChunkWorkers(settings.workers())) {
            Pipeline pipeline = new Pipeline(settings, new ChunkCache(settings.cacheBytes(), 1 << 20), workers);
            r = pipeline.run(new PipelineJob(input, null, null, null, FS, fs -> stages, strategy, OutputFormat.NPY, result,
                    dir.resolve("scratch")), new RunControl(null), info -> { }, live -> { });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long samples = r.samples() * r.channels();
        System.out.printf(java.util.Locale.ROOT,
                "{\"input_bytes\":%d,\"frames\":%d,\"channels\":%d,\"strategy\":\"%s\",\"seconds\":%.3f,"
                        + "\"channel_samples_per_s\":%.0f,\"mb_per_s\":%.1f,\"peak_rss_mb\":%.1f,\"rss_before_mb\":%.1f,"
                        + "\"max_heap_mb\":%d,\"generate_seconds\":%.1f,\"chunks\":%d,\"output\":\"%s\",\"input\":\"%s\"}%n",
                r.bytesIn(), r.samples(), r.channels(), r.strategy().strategy().wire(), seconds, samples / seconds,
                r.bytesIn() / seconds / 1e6, rss("VmHWM") / 1024.0, rssBefore / 1024.0, Runtime.getRuntime().maxMemory() >> 20,
                generateSeconds, r.chunks(), result, input);
    }

    /** Band-limited test signal: a slow drift, a 1.2 Hz beat, 50 Hz mains and noise, per channel phase. */
    static void generate(Path p, long frames, int channels) throws Exception {
        byte[] header = NpyHeader.write(SampleType.FLOAT32, frames, channels, false);
        int block = 1 << 16;
        ByteBuffer buf = ByteBuffer.allocateDirect(block * channels * 4).order(ByteOrder.LITTLE_ENDIAN);
        long seed = 0x9E3779B97F4A7C15L;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(header));
            double w1 = 2 * Math.PI * 1.2 / FS, w2 = 2 * Math.PI * 50 / FS, w3 = 2 * Math.PI * 0.05 / FS;
            for (long f0 = 0; f0 < frames; f0 += block) {
                int n = (int) Math.min(block, frames - f0);
                buf.clear();
                for (int i = 0; i < n; i++) {
                    long t = f0 + i;
                    double base = Math.sin(w1 * t) + 0.3 * Math.sin(w2 * t) + 2 * Math.sin(w3 * t);
                    for (int c = 0; c < channels; c++) {
                        seed = seed * 6364136223846793005L + 1442695040888963407L;
                        double noise = ((seed >>> 11) * 0x1.0p-53 - 0.5) * 0.2;
                        buf.putFloat((float) (base * (1 + 0.1 * c) + noise + c));
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
    }

    static long rss(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
