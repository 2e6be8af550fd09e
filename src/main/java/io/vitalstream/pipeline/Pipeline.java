package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.ChannelArrays;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.Parallelism;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.io.Access;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.Exporters;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.MappedFrames;
import io.vitalstream.io.NpyHeader;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSink;
import io.vitalstream.io.SignalSource;
import io.vitalstream.kernels.SosKernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a filter job from an input file to a published result: opens the source, picks the
 * strategy, designs the stages at the file's (or the request's) sampling rate, filters
 * stage by stage (float64 scratch files between stages), converts to the output format and
 * publishes atomically. Whatever the strategy and chunk size, the result is the same bit
 * for bit.
 */
public final class Pipeline {

    /** Helpers for the time-parallel IIR sweeps (each run uses at most settings.workers() threads, the caller included). */
    private static final java.util.concurrent.ExecutorService SEGMENT_THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "segment-worker");
        t.setDaemon(true);
        return t;
    });

    private final PipelineSettings settings;
    private final ChunkCache cache;
    private final ChunkWorkers workers;

    public Pipeline(PipelineSettings settings, ChunkCache cache, ChunkWorkers workers) {
        this.settings = settings;
        this.cache = cache;
        this.workers = workers;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /**
     * @param onStart     told the strategy, size and chunk count once the input is open
     * @param onStreaming given the live result for runs that commit output in order
     */
    public PipelineResult run(PipelineJob job, RunControl control, Consumer<RunInfo> onStart,
                              Consumer<StreamingResult> onStreaming) throws InterruptedException {
        try {
            Files.createDirectories(job.scratch());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long bytesIn = SignalFiles.size(job.input());
        Path csvScratch = job.scratch().resolve("decoded-input.f64");
        try (SignalSource opened = SignalFiles.open(job.input(), job.format(), job.rawLayout(), job.channels(), Access.MAPPED, csvScratch)) {
            double fs = samplingRate(job, opened);
            List<FilterSpec> stages = job.design().apply(fs);
            StrategyChoice choice = StrategySelector.select(bytesIn, opened.frames(), opened.channels(), settings, job.strategy());
            // chunked reads with positional file reads, float files checked for NaN and infinities
            // at every read; EDF and WFDB readers always map their windows and hold integers
            SignalSource source = opened instanceof MappedFrames m
                    ? m.checkedCopy(choice.strategy() == Strategy.CHUNKED ? Access.POSITIONAL : Access.MAPPED,
                            job.input().getFileName().toString())
                    : opened;
            try {
                return execute(job, source, stages, choice, fs, bytesIn, control, onStart, onStreaming);
            } finally {
                if (source != opened) {
                    source.close();
                }
            }
        }
    }

    private static double samplingRate(PipelineJob job, SignalSource source) {
        if (job.samplingFreq() != null) {
            FilterDesigner.requireSamplingRate(job.samplingFreq());
            return job.samplingFreq();
        }
        if (source.samplingRate().isPresent()) {
            return source.samplingRate().getAsDouble();
        }
        throw new InvalidParameterException("sampling_freq", job.input().getFileName()
                + " does not record its sampling rate; give sampling_freq (Hz)");
    }

    private PipelineResult execute(PipelineJob job, SignalSource source, List<FilterSpec> stages, StrategyChoice choice, double fs,
                                   long bytesIn, RunControl control, Consumer<RunInfo> onStart,
                                   Consumer<StreamingResult> onStreaming) throws InterruptedException {
        int channels = source.channels();
        long n = source.frames();
        SampleType outType = source.sampleType().outputType();
        boolean oneDimensional = isOneDimensionalNpy(job, source);
        ChunkPlan plan = ChunkPlan.of(n, SosKernel.frameFor(channels), settings.effectiveChunkBytes());
        boolean standard = choice.strategy() == Strategy.STANDARD;
        int total = 0;
        for (FilterSpec s : stages) {
            total += standard ? 1 : OutOfCore.chunksFor(s, plan, channels, settings.perJobBudget());
        }
        control.expect(total);
        onStart.accept(new RunInfo(choice, n, channels, fs, bytesIn, total));
        control.checkpoint();

        boolean binaryOut = job.output() == OutputFormat.NPY || job.output() == OutputFormat.RAW;
        Path filteredPath = binaryOut ? job.result() : job.scratch().resolve("filtered.npy");
        StreamingResult live = new StreamingResult(filteredPath, binaryOut && job.output() == OutputFormat.NPY
                ? NpyHeader.write(outType, n, channels, oneDimensional).length : 0, (long) channels * outType.bytes());
        boolean streams = binaryOut && stages.size() == 1 && !standard && stages.get(0).streaming() == FilterSpec.Streaming.IN_ORDER;
        try {
            try (BinaryWriter sink = job.output() == OutputFormat.RAW
                    ? BinaryWriter.raw(live.part(), outType, channels, n)
                    : BinaryWriter.npy(live.part(), outType, channels, n, oneDimensional)) {
                if (streams && onStreaming != null) {
                    onStreaming.accept(live);
                }
                if (standard) {
                    runStandard(source, stages, sink, control);
                } else {
                    runChunked(source, job, stages, sink, plan, control, streams ? live : null);
                }
                if (settings.fsyncResults()) {
                    sink.force();
                }
            }
            if (binaryOut) {
                control.commit();
                live.publish(settings.fsyncResults());
                return new PipelineResult(job.result(), choice, n, channels, fs, bytesIn, total, outType);
            }
            control.checkpoint();
            live.publish(false); // into scratch; now export
            StreamingResult exported = new StreamingResult(job.result(), 0, 0);
            try (SignalSource filtered = SignalFiles.open(filteredPath, InputFormat.NPY, null, null, Access.MAPPED, null)) {
                if (job.output() == OutputFormat.CSV) {
                    Exporters.toCsv(new Renamed(filtered, source.channelNames()), exported.part(), fs, outType == SampleType.FLOAT32);
                } else {
                    Exporters.toEdf(new Renamed(filtered, source.channelNames()), exported.part(), fs);
                }
            } catch (RuntimeException e) {
                exported.discard();
                throw e;
            }
            control.commit();
            exported.publish(settings.fsyncResults());
            return new PipelineResult(job.result(), choice, n, channels, fs, bytesIn, total, outType);
        } catch (RuntimeException | InterruptedException e) {
            live.discard();
            throw e;
        }
    }

    private static boolean isOneDimensionalNpy(PipelineJob job, SignalSource source) {
        if (source.channels() != 1 || !(source instanceof MappedFrames)) {
            return false;
        }
        try (var ch = java.nio.channels.FileChannel.open(job.input())) {
            byte[] head = new byte[(int) Math.min(ch.size(), 4096)];
            ch.read(java.nio.ByteBuffer.wrap(head), 0);
            return NpyHeader.hasMagic(head) && NpyHeader.parse(head, ch.size(), "input").oneDimensional();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void runStandard(SignalSource source, List<FilterSpec> stages, SignalSink sink, RunControl control) {
        int channels = source.channels();
        int n = Math.toIntExact(source.frames());
        double[] interleaved = new double[n * channels];
        source.read(0, n, interleaved, 0, channels);
        double[][] x = ChannelArrays.fromFrames(interleaved, n, channels);
        io.vitalstream.dsp.Work.require(stages.stream().filter(st -> st.streaming() == FilterSpec.Streaming.WHOLE).toList(), channels, n,
                settings.maxWork());
        for (FilterSpec spec : stages) {
            double[][] in = x;
            try {
                if (spec instanceof FilterSpec.Whole w && w.method() instanceof io.vitalstream.dsp.FittedMethod fitted) {
                    // the same fit and map as FittedMethod.apply, with its report in the job's notes
                    var fit = io.vitalstream.dsp.Cancellation.with(control::isCancelled, () -> Filtering.fit(w.name(), fitted, in));
                    control.note(fit.report() + "; fitted on all " + n + " frames");
                    x = fit.map().apply(in);
                    control.chunkDone("in memory");
                    continue;
                }
                x = io.vitalstream.dsp.Cancellation.with(control::isCancelled, () -> Filtering.apply(spec, in));
            } catch (io.vitalstream.dsp.Cancellation.Cancelled e) {
                throw new CancelledException();
            }
            control.chunkDone("in memory");
        }
        ChannelArrays.toFrames(x, interleaved);
        sink.write(0, n, interleaved, 0, channels);
    }

    /** The threads a job's segment tasks run on (cluster mode: also the parts this replica does for another's job). */
    public Parallelism segmentThreads() {
        return Parallelism.of(SEGMENT_THREADS, settings.workers());
    }

    private void runChunked(SignalSource source, PipelineJob job, List<FilterSpec> stages, SignalSink sink, ChunkPlan plan,
                            RunControl control, StreamingResult live) throws InterruptedException {
        OutOfCore engine = new OutOfCore(workers, cache, settings.prefetch(), settings.perJobBudget(), segmentThreads(), settings.maxWork());
        SignalSource in = source;
        String sourceId = job.input().toAbsolutePath() + "@" + fileStamp(job.input());
        Path previous = null;
        try {
            for (int s = 0; s < stages.size(); s++) {
                boolean last = s == stages.size() - 1;
                String label = stages.size() > 1 ? "stage " + (s + 1) + "/" + stages.size() : "";
                if (last) {
                    engine.run(stages.get(s), in, sourceId, sink, plan, job.scratch(), control, label, live);
                } else {
                    Path next = job.scratch().resolve("stage-" + s + ".f64");
                    try (BinaryWriter tmp = BinaryWriter.raw(next, SampleType.FLOAT64, in.channels(), in.frames())) {
                        engine.run(stages.get(s), in, sourceId, tmp, plan, job.scratch(), control, label, null);
                        if (in != source) {
                            in.close();
                        }
                        in = tmp.reopen(next);
                        sourceId = null; // scratch data is not cached
                    }
                    if (previous != null) {
                        OutOfCore.deleteQuietly(previous);
                    }
                    previous = next;
                }
            }
        } finally {
            if (in != source) {
                in.close();
            }
            if (previous != null) {
                OutOfCore.deleteQuietly(previous);
            }
        }
    }

    private static String fileStamp(Path p) {
        try {
            return Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "?";
        }
    }

    /** A source under other channel names (the input's, for CSV/EDF output). */
    private record Renamed(SignalSource inner, List<String> names) implements SignalSource {
        public int channels() {
            return inner.channels();
        }

        public long frames() {
            return inner.frames();
        }

        public java.util.OptionalDouble samplingRate() {
            return inner.samplingRate();
        }

        public SampleType sampleType() {
            return inner.sampleType();
        }

        public List<String> channelNames() {
            return names;
        }

        public long dataBytes() {
            return inner.dataBytes();
        }

        public void read(long start, int count, double[] dest, int offset, int frame) {
            inner.read(start, count, dest, offset, frame);
        }

        public void close() {
            inner.close();
        }
    }
}
