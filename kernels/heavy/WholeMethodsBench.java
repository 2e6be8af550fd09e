import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.FastIca;
import io.vitalstream.dsp.neural.NeuralDenoiser;
import io.vitalstream.io.Access;
import io.vitalstream.io.NpyHeader;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
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
import java.util.Random;

/**
 * Issue 13's heavy benchmark: an 8-channel EEG-like float32 .npy (250 Hz, seven independent
 * background sources mixed, blinks at random times reaching the two frontal channels) of the
 * given size, through one method as a job's pipeline with the budget of
 * vitalstream.max-memory-mb=128, in a JVM held to -Xmx256m. Prints one JSON line: time, peak
 * RSS (VmHWM), the job's notes, and for ICA the blinks left on the frontal channels (dB of
 * their power, about the mean) and the change of the other channels (% RMS), measured against
 * the generator's clean and blink parts, regenerated.
 *
 *   java -cp ... WholeMethodsBench.java <dir> <gigabytes> <ica | autoencoder | ensemble | wavelet>
 */
public class WholeMethodsBench {

    static final double FS = 250;
    static final int CHANNELS = 8;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double gb = Double.parseDouble(args[1]);
        String method = args[2];
        Files.createDirectories(dir);
        long frames = (long) (gb * (1L << 30)) / (4L * CHANNELS);
        Path input = dir.resolve("eeg-" + args[1] + "g.npy");
        Generator g = new Generator(frames);
        if (!Files.exists(input) || Files.size(input) < frames * CHANNELS * 4L) {
            write(input, g, frames);
        }
        FilterSpec spec = switch (method) {
            case "ica" -> new FilterSpec.Whole("ica", new FastIca(42, null, false));
            case "autoencoder" -> new FilterSpec.Whole("autoencoder", new NeuralDenoiser(NeuralDenoiser.Kind.AUTOENCODER, 1, 5, 42));
            case "ensemble" -> FilterDesigner.design(FilterParameters.selecting("ensemble", "mean"), FS);
            case "wavelet" -> FilterDesigner.design(FilterParameters.selecting("artifact", "noise"), FS);
            default -> throw new IllegalArgumentException(method);
        };
        long mib = PipelineSettings.MIB;
        // vitalstream.max-memory-mb=128 with the service's other defaults
        PipelineSettings settings = new PipelineSettings(128 * mib, 2 * mib, 2, 2, 100 * mib, 2048 * mib, 32 * mib, 1);
        Path result = dir.resolve("out-" + method + ".npy");
        Files.deleteIfExists(result);
        RunControl control = new RunControl(null);
        long start = System.nanoTime();
        String error = null;
        PipelineResult r = null;
        try (ChunkWorkers workers = new ChunkWorkers(settings.workers())) {
            Pipeline pipeline = new Pipeline(settings, new ChunkCache(settings.cacheBytes(), 1 << 20), workers);
            r = pipeline.run(new PipelineJob(input, null, null, null, FS, fs -> List.of(spec), Strategy.MEMORY_MAPPED, OutputFormat.NPY, result,
                    dir.resolve("scratch")), control, info -> { }, live -> { });
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String quality = r != null && method.equals("ica") ? blinks(result, new Generator(frames)) : "null";
        System.out.printf(java.util.Locale.ROOT,
                "{\"method\":\"%s\",\"input_bytes\":%d,\"frames\":%d,\"completed\":%s,\"seconds\":%.1f,\"peak_rss_mb\":%.1f,\"max_heap_mb\":%d,"
                        + "\"notes\":\"%s\",\"error\":%s,\"ica\":%s}%n",
                method, Files.size(input), frames, r != null, seconds, rss() / 1024.0, Runtime.getRuntime().maxMemory() >> 20,
                String.join("; ", control.notes()).replace("\"", "'"), error == null ? "null" : "\"" + error.replace("\"", "'") + "\"", quality);
        Files.deleteIfExists(result);
    }

    /** Seven background sources (sines, square, sawtooth, uniform and Laplace noise) mixed, plus blinks on channels 0 and 1. */
    static final class Generator {
        final double[][] mix = new double[CHANNELS][CHANNELS - 1];
        final double[] blinkGain = {1.0, 0.6, 0, 0, 0, 0, 0, 0};
        final double[] centres;
        final double[] heights;
        long seed = 0x2545F4914F6CDD1DL;
        int next;

        Generator(long frames) {
            Random rnd = new Random(11);
            for (int r = 0; r < CHANNELS; r++) {
                for (int c = 0; c < CHANNELS - 1; c++) {
                    mix[r][c] = rnd.nextDouble() * 2 - 1 + (r == c ? 2 : 0);
                }
            }
            int count = (int) (frames / FS / 2) + 1;
            centres = new double[count];
            heights = new double[count];
            double t = 1 + 4 * rnd.nextDouble();
            for (int k = 0; k < count; k++) {
                centres[k] = t;
                heights[k] = 6 + 4 * rnd.nextDouble();
                t += 2 + 4 * rnd.nextDouble();
            }
        }

        private double uniform() {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            return (seed >>> 11) * 0x1.0p-53;
        }

        /** Frame i (in order): clean[c] and blink[c]. */
        void frame(long i, double[] clean, double[] blink) {
            double t = i / FS;
            double[] s = {Math.sin(2 * Math.PI * 10 * t), Math.signum(Math.sin(2 * Math.PI * 1.3 * t)), uniform() * 2 - 1,
                Math.log(Math.max(1e-300, uniform())) * (uniform() < 0.5 ? 1 : -1) * 0.5,
                Math.sin(2 * Math.PI * 6.1 * t + 1) * Math.sin(2 * Math.PI * 0.2 * t), ((t * 3.7) % 1.0) - 0.5,
                Math.sin(2 * Math.PI * 21 * t) + 0.3 * (uniform() - 0.5)};
            while (next < centres.length && centres[next] < t - 0.5) {
                next++;
            }
            double b = 0;
            for (int k = next; k < centres.length && centres[k] < t + 0.5; k++) {
                double d = t - centres[k];
                b += heights[k] * Math.exp(-d * d / (2 * 0.08 * 0.08));
            }
            for (int r = 0; r < CHANNELS; r++) {
                double v = 0;
                for (int c = 0; c < CHANNELS - 1; c++) {
                    v += mix[r][c] * s[c];
                }
                clean[r] = v;
                blink[r] = blinkGain[r] * b;
            }
        }
    }

    static void write(Path p, Generator g, long frames) throws Exception {
        byte[] header = NpyHeader.write(SampleType.FLOAT32, frames, CHANNELS, false);
        int block = 1 << 16;
        ByteBuffer buf = ByteBuffer.allocateDirect(block * CHANNELS * 4).order(ByteOrder.LITTLE_ENDIAN);
        double[] clean = new double[CHANNELS];
        double[] blink = new double[CHANNELS];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(header));
            for (long f0 = 0; f0 < frames; f0 += block) {
                int n = (int) Math.min(block, frames - f0);
                buf.clear();
                for (int i = 0; i < n; i++) {
                    g.frame(f0 + i, clean, blink);
                    for (int c = 0; c < CHANNELS; c++) {
                        buf.putFloat((float) (clean[c] + blink[c]));
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
    }

    /** The ICA result against the regenerated parts: blinks left on channels 0-1 (dB), change of 2-7 (% RMS), about the means. */
    static String blinks(Path result, Generator g) throws Exception {
        long frames;
        double[] clean = new double[CHANNELS];
        double[] blink = new double[CHANNELS];
        double[] sd = new double[CHANNELS];
        double[] sdd = new double[CHANNELS];
        double[] sb = new double[CHANNELS];
        double[] sbb = new double[CHANNELS];
        double[] sc = new double[CHANNELS];
        double[] scc = new double[CHANNELS];
        try (SignalSource out = SignalFiles.open(result, null, null, null, Access.MAPPED, null)) {
            frames = out.frames();
            int block = 1 << 16;
            double[] y = new double[block * CHANNELS];
            for (long f0 = 0; f0 < frames; f0 += block) {
                int n = (int) Math.min(block, frames - f0);
                out.read(f0, n, y, 0, CHANNELS);
                for (int i = 0; i < n; i++) {
                    g.frame(f0 + i, clean, blink);
                    for (int c = 0; c < CHANNELS; c++) {
                        double d = y[i * CHANNELS + c] - clean[c];
                        sd[c] += d;
                        sdd[c] += d * d;
                        sb[c] += blink[c];
                        sbb[c] += blink[c] * blink[c];
                        sc[c] += clean[c];
                        scc[c] += clean[c] * clean[c];
                    }
                }
            }
        }
        StringBuilder json = new StringBuilder("{");
        for (int c = 0; c < CHANNELS; c++) {
            double left = sdd[c] / frames - Math.pow(sd[c] / frames, 2);
            if (c < 2) {
                double power = sbb[c] / frames - Math.pow(sb[c] / frames, 2);
                json.append(String.format(java.util.Locale.ROOT, "\"blinks_left_db_%d\":%.1f,", c, 10 * Math.log10(left / power)));
            } else {
                double power = scc[c] / frames - Math.pow(sc[c] / frames, 2);
                json.append(String.format(java.util.Locale.ROOT, "\"change_pct_%d\":%.2f,", c, 100 * Math.sqrt(left / power)));
            }
        }
        json.setLength(json.length() - 1);
        return json.append("}").toString();
    }

    static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
