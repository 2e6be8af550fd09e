package io.vitalstream.jobs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.io.Access;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.RawLayout;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Min/max decimation of a job's input and output (GET .../preview): each of up to
 * max_points/2 bins keeps its minimum and maximum, so peaks survive and a multi-gigabyte
 * file plots from a few kilobytes. Previews are cached by file, range and size.
 */
@ApplicationScoped
public class PreviewService {

    public static final int MAX_POINTS = 20_000;
    private static final int SCAN = 1 << 16;

    @Inject
    JobRegistry jobs;

    /** Scan buffers hold at most this many bytes, whatever the channel count. */
    static final int SCAN_BYTES = 4 << 20;
    /** Channels x bins of one preview, at most (about 32 MB of min and max, the JSON a few times that). */
    static final long MAX_CELLS = 2_000_000;
    /** The cache of previews, bounded in bytes (min and max per channel and bin, boxed, and the times). */
    static final long CACHE_BYTES = 64L << 20;

    private final Cache<String, Preview> cache = Caffeine.newBuilder().maximumWeight(CACHE_BYTES)
            .weigher((String k, Preview p) -> (int) Math.min(Integer.MAX_VALUE, 48L * p.bins() * (p.min().length + 1) + 256))
            .build();

    public record Result(JobRecord job, Preview input, Preview output) {
    }

    public Result preview(String id, int maxPoints, Long start, Long end) {
        if (maxPoints < 2 || maxPoints > MAX_POINTS) {
            throw new InvalidParameterException("max_points", "max_points must be between 2 and " + MAX_POINTS + ", got " + maxPoints);
        }
        JobRecord job = jobs.status(id);
        JobSpec spec = job.spec();
        Path scratch = jobs.scratchFor(id);
        InputFormat format = JobService.format(spec);
        RawLayout raw = JobService.rawLayout(spec);
        Preview in = decimate(jobs.input(id), format, raw, spec.channels(), spec.samplingFreq(), maxPoints, start, end, scratch);
        Preview out = null;
        if (job.state() == JobState.COMPLETED) {
            Path result = jobs.result(id);
            RawLayout outRaw = result.toString().endsWith(".raw")
                    ? new RawLayout(job.outputDtype(), job.channels(), ByteOrder.LITTLE_ENDIAN) : null;
            out = decimate(result, null, outRaw, null, job.samplingFreq(), maxPoints, start, end, scratch);
        }
        return new Result(job, in, out);
    }

    /**
     * Quality of a completed job, on up to {@code seconds} of one channel from the start: the
     * synchronous endpoint's assessment (input against output) on that excerpt.
     */
    public io.vitalstream.dsp.quality.QualityReport quality(String id, int channel, double seconds) {
        JobRecord job = jobs.status(id);
        if (job.state() != JobState.COMPLETED) {
            throw new io.vitalstream.error.StateConflictException("job " + id + " is " + job.state().wire() + "; quality is assessed on a completed job");
        }
        if (channel < 0 || channel >= job.channels()) {
            throw new InvalidParameterException("channel", "channel must be between 0 and " + (job.channels() - 1));
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new InvalidParameterException("seconds", "seconds must be above 0 and at most 3600");
        }
        JobSpec spec = job.spec();
        InputFormat format = JobService.format(spec);
        RawLayout raw = JobService.rawLayout(spec);
        Path result = jobs.result(id);
        RawLayout outRaw = result.toString().endsWith(".raw")
                ? new RawLayout(job.outputDtype(), job.channels(), ByteOrder.LITTLE_ENDIAN) : null;
        int n = (int) Math.min(job.samples(), Math.round(seconds * job.samplingFreq()));
        double[] in = column(jobs.input(id), format, raw, spec.channels(), channel, n, jobs.scratchFor(id));
        double[] out = column(result, null, outRaw, null, channel, n, jobs.scratchFor(id));
        return io.vitalstream.dsp.quality.QualityAssessment.assess(in, out, job.samplingFreq(), spec.signalType());
    }

    private static double[] column(Path file, InputFormat format, RawLayout raw, int[] channels, int channel, int n, Path scratch) {
        return withSource(file, format, raw, channels, scratch, s -> {
            int ch = s.channels();
            int scan = (int) Math.max(1, Math.min(SCAN, SCAN_BYTES / (8L * ch)));
            double[] buf = new double[scan * ch];
            double[] x = new double[n];
            for (int p = 0; p < n; p += scan) {
                int count = Math.min(scan, n - p);
                s.read(p, count, buf, 0, ch);
                for (int i = 0; i < count; i++) {
                    x[p + i] = buf[i * ch + channel];
                }
            }
            return x;
        });
    }

    /** Opens a job's file (a CSV decodes into a private scratch file, removed afterwards). */
    static <T> T withSource(Path file, InputFormat format, RawLayout raw, int[] channels, Path scratch,
                                    java.util.function.Function<SignalSource, T> use) {
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path csv = scratch.resolve("read-" + System.nanoTime() + ".f64");
        try (SignalSource s = SignalFiles.open(file, format, raw, channels, Access.MAPPED, csv)) {
            return use.apply(s);
        } finally {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private Preview decimate(Path file, InputFormat format, RawLayout raw, int[] channels, Double fs, int maxPoints,
                             Long start, Long end, Path scratch) {
        String key;
        try {
            key = file + "|" + Files.getLastModifiedTime(file).toMillis() + "|" + maxPoints + "|" + start + "|" + end;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cache.get(key, k -> compute(file, format, raw, channels, fs, maxPoints, start, end, scratch));
    }

    private static Preview compute(Path file, InputFormat format, RawLayout raw, int[] channels, Double fs, int maxPoints,
                                   Long start, Long end, Path scratch) {
        return withSource(file, format, raw, channels, scratch, s -> {
            long n = s.frames();
            long from = start == null ? 0 : start;
            long to = end == null ? n : Math.min(end, n);
            if (from < 0 || from >= to) {
                throw new InvalidParameterException("start", "the preview range [" + from + ", " + to + ") is empty; the signal has " + n + " samples");
            }
            double rate = fs != null ? fs : s.samplingRate().orElse(1.0);
            int ch = s.channels();
            long span = to - from;
            int bins = (int) Math.min(maxPoints / 2, span);
            if ((long) bins * ch > MAX_CELLS) {
                throw new InvalidParameterException("max_points", "a preview of " + ch + " channels holds at most " + MAX_CELLS / ch
                        + " bins (max_points " + 2 * (MAX_CELLS / ch) + "); ask for fewer points");
            }
            double width = (double) span / bins;
            double[] time = new double[bins];
            double[][] lo = new double[ch][bins];
            double[][] hi = new double[ch][bins];
            for (double[] row : lo) {
                java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
            }
            for (double[] row : hi) {
                java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
            }
            for (int b = 0; b < bins; b++) {
                time[b] = (from + b * width) / rate;
            }
            int scan = (int) Math.max(1, Math.min(SCAN, SCAN_BYTES / (8L * ch)));
            double[] buf = new double[scan * ch];
            for (long p = from; p < to; p += scan) {
                int count = (int) Math.min(scan, to - p);
                s.read(p, count, buf, 0, ch);
                for (int i = 0; i < count; i++) {
                    int b = (int) Math.min(bins - 1, (long) ((p + i - from) / width));
                    for (int c = 0; c < ch; c++) {
                        double v = buf[i * ch + c];
                        if (v < lo[c][b]) {
                            lo[c][b] = v;
                        }
                        if (v > hi[c][b]) {
                            hi[c][b] = v;
                        }
                    }
                }
            }
            return new Preview(from, to, bins, rate, time, finiteOrNull(lo), finiteOrNull(hi), s.channelNames());
        });
    }

    /** Bins whose samples were all non-finite (or absent) as null: JSON has no NaN or Infinity. */
    private static Double[][] finiteOrNull(double[][] v) {
        Double[][] out = new Double[v.length][];
        for (int c = 0; c < v.length; c++) {
            out[c] = new Double[v[c].length];
            for (int b = 0; b < v[c].length; b++) {
                out[c][b] = Double.isFinite(v[c][b]) ? v[c][b] : null;
            }
        }
        return out;
    }
}
