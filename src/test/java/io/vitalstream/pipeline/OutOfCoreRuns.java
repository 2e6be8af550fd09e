package io.vitalstream.pipeline;

import io.vitalstream.dsp.ChannelArrays;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.io.Access;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;

import java.nio.file.Path;
import java.util.List;

/** A recording written as .npy, one stage run through the pipeline as a job runs it, the result read back. */
final class OutOfCoreRuns implements AutoCloseable {

    private final Path dir;
    private final ChunkWorkers workers = new ChunkWorkers(2);
    private int runs;

    OutOfCoreRuns(Path dir) {
        this.dir = dir;
    }

    /** A share of 3 MiB (a 4 MiB budget less a 1 MiB cache), one worker: signals of a few MB do not fit whole. */
    static PipelineSettings smallShare(long chunkBytes) {
        long mib = PipelineSettings.MIB;
        return new PipelineSettings(4 * mib, chunkBytes, 1, 1, mib, 2 * mib, mib, 1);
    }

    /** Channel-major samples as a float64 (frames, channels) .npy. */
    Path write(String name, double[][] x) {
        int n = x[0].length;
        double[] frames = new double[n * x.length];
        ChannelArrays.toFrames(x, frames);
        Path input = dir.resolve(name);
        try (BinaryWriter w = BinaryWriter.npy(input, SampleType.FLOAT64, x.length, n, false)) {
            w.write(0, n, frames, 0, x.length);
        }
        return input;
    }

    /** The stage over the whole input (memory-mapped strategy), read back channel-major. */
    double[][] run(Path input, double fs, FilterSpec spec, PipelineSettings settings, RunControl control) throws InterruptedException {
        Path out = dir.resolve("out-" + runs++ + ".npy");
        PipelineJob job = new PipelineJob(input, null, null, null, fs, f -> List.of(spec), Strategy.MEMORY_MAPPED, OutputFormat.NPY, out,
                dir.resolve("scratch"));
        new Pipeline(settings, null, workers).run(job, control, i -> { }, l -> { });
        try (SignalSource s = SignalFiles.open(out, null, null, null, Access.MAPPED, null)) {
            int n = (int) s.frames();
            double[] frames = new double[n * s.channels()];
            s.read(0, n, frames, 0, s.channels());
            return ChannelArrays.fromFrames(frames, n, s.channels());
        }
    }

    static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    /** The largest |a - b| over the RMS of {@code scale}. */
    static double worstOverRms(double[] a, double[] b, double[] scale) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst / rms(scale);
    }

    @Override
    public void close() {
        workers.close();
    }
}
