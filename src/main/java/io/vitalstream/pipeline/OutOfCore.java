package io.vitalstream.pipeline;

import io.vitalstream.dsp.BlockMethod;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.dsp.methods.WaveletDenoise;
import io.vitalstream.dsp.FittedMethod;
import io.vitalstream.dsp.TrainedMethod;
import io.vitalstream.dsp.ForwardBackward;
import io.vitalstream.dsp.OverlapAdd;
import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.dsp.Parallelism;
import io.vitalstream.dsp.SegmentPlan;
import io.vitalstream.dsp.Smoothing;
import io.vitalstream.dsp.SosFilter;
import io.vitalstream.dsp.TimeParallelIir;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalSink;
import io.vitalstream.io.SignalSource;
import io.vitalstream.kernels.SosKernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One filter stage over a source too large for memory, chunk by chunk, with output equal
 * bit for bit to the in-memory engine ({@code Filtering.apply}) on the whole signal:
 * <ul>
 * <li>IIR, causal and zero-phase, on few channels is the in-memory engine itself ({@link
 *     TimeParallelIir}) over the file: segments filtered from rest, the exact boundary states
 *     by a scan, the segments filtered again from them; no scratch file, not an overlap
 *     approximation. On many channels (they fill the lanes and the cores) it is the
 *     sequential algorithm, chunk by chunk with the lane groups split over the cores;</li>
 * <li>FIR and window filters compute each output window from the input window it depends on
 *     (blocks at fixed positions for overlap-add; a halo for the window filters).</li>
 * </ul>
 */
final class OutOfCore {

    private final ChunkWorkers workers;
    private final ChunkCache cache;
    private final int prefetch;
    private final long wholeBudget;
    private final Parallelism threads;
    private final double maxWork;

    OutOfCore(ChunkWorkers workers, ChunkCache cache, int prefetch, long wholeBudget, Parallelism threads, double maxWork) {
        this.threads = threads;
        this.maxWork = maxWork;
        this.workers = workers;
        this.cache = cache;
        this.prefetch = prefetch;
        this.wholeBudget = wholeBudget;
    }

    /** Chunks this stage will report. */
    static int chunksFor(FilterSpec spec, ChunkPlan plan, int channels, long wholeBudget) {
        if (spec instanceof FilterSpec.Whole w) {
            if (w.method() instanceof FittedMethod || w.method() instanceof TrainedMethod) {
                return plan.count() + 1;
            }
            if (w.method() instanceof Ensemble e && !wholeFits(plan.frames(), channels, wholeBudget)) {
                return EnsembleOutOfCore.chunks(e, plan, channels, wholeBudget);
            }
            if (w.method() instanceof io.vitalstream.dsp.methods.SmoothnessOptimizer so && so.reweighted()
                    && !wholeFits(plan.frames(), channels, wholeBudget)) {
                return plan.count() * so.iterations() + 1;
            }
            if (w.method() instanceof WaveletDenoise wd && !wholeFits(plan.frames(), channels, wholeBudget)) {
                return WaveletOutOfCore.chunks(wd, plan);
            }
            return byBlocks(w, plan.frames(), channels, wholeBudget) ? plan.count() : 1;
        }
        if (spec instanceof FilterSpec.Iir iir) {
            if (TimeParallelIir.cutsInTime(channels)) {
                return 2 * TimeParallelIir.tasks(SegmentPlan.of(plan.frames()), channels);
            }
            return iir.zeroPhase() ? 2 * plan.count() : plan.count();
        }
        return plan.count();
    }

    void run(FilterSpec spec, SignalSource in, String sourceId, SignalSink out, ChunkPlan plan, Path scratch, RunControl control,
             String label, StreamingResult streaming) throws InterruptedException {
        switch (spec) {
            case FilterSpec.Iir iir when TimeParallelIir.cutsInTime(in.channels()) -> iir(iir, in, out, control, label, streaming);
            case FilterSpec.Iir iir when iir.zeroPhase() -> zeroPhase(iir.sos(), in, sourceId, out, plan, control, label);
            case FilterSpec.Iir iir -> causal(iir.sos(), in, sourceId, out, plan, control, label, streaming);
            case FilterSpec.Fir fir -> fir(fir, in, out, plan, control, label, streaming);
            case FilterSpec.Causal c -> causalMethod(c.method(), in, sourceId, out, plan, control, label, streaming);
            case FilterSpec.Whole w -> whole(w, in, sourceId, out, plan, scratch, control, label);
            case FilterSpec.WindowFilter w -> windowed(w, in, out, plan, control, label, streaming);
        }
    }

    /**
     * Causal or zero-phase IIR, time-parallel over the engine's segments ({@link
     * TimeParallelIir}): two sweeps over the file on both cores, each a task at a time;
     * the same bits as in memory, whatever the chunk size. Progress counts tasks.
     */
    private void iir(FilterSpec.Iir iir, SignalSource in, SignalSink out, RunControl control, String label,
                     StreamingResult streaming) {
        long n = in.frames();
        if (iir.zeroPhase() && n <= iir.sos().defaultPadLength()) {
            throw new InvalidParameterException("filter_params", "zero-phase filtering with this filter needs more than "
                    + iir.sos().defaultPadLength() + " samples per channel, the input has " + n + "; set zero_phase to false");
        }
        SegmentPlan segments = SegmentPlan.of(n);
        TimeParallelIir.Progress progress = (phase, committed) -> {
            if (streaming != null && committed > 0) {
                streaming.committed(committed);
            }
            control.chunkDone(join(label, phase == TimeParallelIir.Phase.ZERO_STATE ? "segments from rest" : "segments from their states"));
        };
        if (control.spread() != null) {
            control.spread().writesTo(out);
        }
        if (iir.zeroPhase()) {
            TimeParallelIir.zeroPhase(iir.sos(), SourceFrames.reader(in), SourceFrames.writer(out), segments, threads, progress,
                    control.spread());
        } else {
            TimeParallelIir.causal(iir.sos(), SourceFrames.reader(in), SourceFrames.writer(out), segments, threads, progress,
                    control.spread());
        }
    }

    /**
     * Causal IIR over many channels (they fill the lanes): {@link ForwardBackward} chunk by
     * chunk with each lane's state carried, the lane groups split over the cores.
     */
    private void causal(Sos sos, SignalSource in, String sourceId, SignalSink out, ChunkPlan plan, RunControl control,
                        String label, StreamingResult streaming) throws InterruptedException {
        int frame = SosKernel.frameFor(in.channels());
        double[] flat = sos.flat();
        try (ChunkBlocks blocks = new ChunkBlocks(in, sourceId, out, plan, frame, prefetch + 1, control, label, streaming)) {
            ForwardBackward.causal(2 * sos.count(), frame, blocks, (state, data, count, backward) -> byLaneGroups(flat, state, data, count,
                    frame, backward));
        }
    }

    /**
     * Zero-phase IIR over many channels, exactly sosfiltfilt: {@link ForwardBackward} over the
     * chunks (the odd extension's head and tail read from both ends of the file), the forward
     * pass keeping each chunk's starting state, the backward pass taking the chunks last to
     * first. No scratch file.
     */
    private void zeroPhase(Sos sos, SignalSource in, String sourceId, SignalSink out, ChunkPlan plan, RunControl control,
                           String label) throws InterruptedException {
        long n = in.frames();
        int pad = sos.defaultPadLength();
        if (n <= pad) {
            throw new InvalidParameterException("filter_params", "zero-phase filtering with this filter needs more than " + pad
                    + " samples per channel, the input has " + n + "; set zero_phase to false");
        }
        int frame = SosKernel.frameFor(in.channels());
        double[] flat = sos.flat();
        try (ChunkBlocks blocks = new ChunkBlocks(in, sourceId, out, plan, frame, prefetch, control, label, null)) {
            ForwardBackward.zeroPhase(flat, SosFilter.steadyState(sos), pad, SourceFrames.reader(in), 0, in.channels(), frame, blocks,
                    (state, data, count, backward) -> byLaneGroups(flat, state, data, count, frame, backward));
        }
    }

    /**
     * The chunks of a file as {@link ForwardBackward}'s blocks: decoded ahead by the lazy chunk
     * manager (in order, then last to first for the backward pass), filtered chunks written
     * by a write-behind thread while the next is filtered; progress per chunk.
     */
    private final class ChunkBlocks implements ForwardBackward.Blocks, AutoCloseable {
        private final SignalSource in;
        private final String sourceId;
        private final SignalSink out;
        private final ChunkPlan plan;
        private final int frame;
        private final RunControl control;
        private final String label;
        private final StreamingResult streaming;
        private final LazyChunkManager.Chunk[] taken;
        private final WriteBehind writes = new WriteBehind();
        private LazyChunkManager chunks;
        private boolean reversed;

        ChunkBlocks(SignalSource in, String sourceId, SignalSink out, ChunkPlan plan, int frame, int ahead, RunControl control, String label,
                    StreamingResult streaming) {
            this.in = in;
            this.sourceId = sourceId;
            this.out = out;
            this.plan = plan;
            this.frame = frame;
            this.control = control;
            this.label = label;
            this.streaming = streaming;
            this.taken = new LazyChunkManager.Chunk[plan.count()];
            this.chunks = new LazyChunkManager(in, sourceId, plan, frame, cache, workers, ahead);
        }

        @Override
        public int count() {
            return plan.count();
        }

        @Override
        public ForwardBackward.Block forward(int k) throws InterruptedException {
            return take(k);
        }

        /** The manager's {@code position}-th chunk (in its order: reversed for the backward pass). */
        private ForwardBackward.Block take(int position) throws InterruptedException {
            LazyChunkManager.Chunk c = chunks.take(position);
            taken[c.index()] = c;
            return new ForwardBackward.Block(c.index(), c.start(), c.count(), c.data());
        }

        @Override
        public void forwardDone(ForwardBackward.Block block, boolean filtered) throws InterruptedException {
            if (filtered) {
                write(block, label);
            } else {
                chunks.release(taken[block.index()]);
                taken[block.index()] = null;
                control.chunkDone(join(label, "forward pass"));
            }
        }

        @Override
        public ForwardBackward.Block backward(int k) throws InterruptedException {
            if (!reversed) {
                chunks.close();
                chunks = new LazyChunkManager(in, sourceId, plan, frame, cache, workers, prefetch + 1, true);
                reversed = true;
            }
            return take(plan.count() - 1 - k);
        }

        @Override
        public void backwardDone(ForwardBackward.Block block) throws InterruptedException {
            write(block, join(label, "backward pass"));
        }

        private void write(ForwardBackward.Block block, String progress) throws InterruptedException {
            LazyChunkManager.Chunk c = taken[block.index()];
            taken[block.index()] = null;
            LazyChunkManager manager = chunks;
            writes.submit(() -> {
                out.write(c.start(), c.count(), c.data(), 0, frame);
                manager.release(c);
                if (streaming != null) {
                    streaming.committed(c.start() + c.count());
                }
            });
            control.chunkDone(progress);
        }

        @Override
        public void close() throws InterruptedException {
            try {
                writes.close();
            } finally {
                chunks.close();
            }
        }
    }

    /** The kernel over a chunk's lane groups, split between the cores (lanes are independent: same bits). */
    private void byLaneGroups(double[] flat, double[] state, double[] data, int count, int frame, boolean backward) {
        int lanes = SosKernel.SPECIES.length();
        int groups = frame / lanes;
        int parts = Math.min(threads.threads(), groups);
        threads.forEach(parts, (worker, p) -> SosKernel.lanes(flat, state, data, 0, count, frame, backward,
                groups * p / parts * lanes, groups * (p + 1) / parts * lanes));
    }

    private void causalMethod(io.vitalstream.dsp.CausalMethod method, SignalSource in, String sourceId, SignalSink out,
                              ChunkPlan plan, RunControl control, String label, StreamingResult streaming) throws InterruptedException {
        int frame = in.channels();
        io.vitalstream.dsp.CausalMethod.State state;
        try {
            state = method.start(frame);
        } catch (IllegalArgumentException e) {
            throw new io.vitalstream.error.InvalidParameterException("filter_params", e.getMessage());
        }
        try (LazyChunkManager chunks = new LazyChunkManager(in, sourceId, plan, frame, cache, workers, prefetch)) {
            for (int i = 0; i < plan.count(); i++) {
                LazyChunkManager.Chunk c = chunks.take(i);
                state.process(c.data(), 0, c.count(), frame);
                out.write(c.start(), c.count(), c.data(), 0, frame);
                chunks.release(c);
                if (streaming != null) {
                    streaming.committed(c.start() + c.count());
                }
                control.chunkDone(label);
            }
        }
    }

    /** Decoded whole (about three float64 copies), refused when that exceeds the job's share of the budget. */
    /** Bytes a whole-signal method holds: about three float64 copies of the signal. */
    private static long wholeBytes(long frames, int channels) {
        return frames * channels * 8L * 3;
    }

    private static boolean wholeFits(long frames, int channels, long wholeBudget) {
        return wholeBytes(frames, channels) <= wholeBudget && frames * channels <= Integer.MAX_VALUE - 16;
    }

    /** Whether a whole-signal stage runs on overlapping blocks: it can, and the whole signal does not fit. */
    private static boolean byBlocks(FilterSpec.Whole spec, long frames, int channels, long wholeBudget) {
        return spec.method() instanceof BlockMethod b && b.overlap() > 0 && !wholeFits(frames, channels, wholeBudget);
    }

    private void whole(FilterSpec.Whole spec, SignalSource in, String sourceId, SignalSink out, ChunkPlan plan, Path scratch, RunControl control,
                       String label) throws InterruptedException {
        if (spec.method() instanceof FittedMethod fitted) {
            fitted(spec.name(), fitted, in, out, plan, control, label);
            return;
        }
        if (spec.method() instanceof TrainedMethod trained) {
            trained(spec.name(), trained, in, out, plan, control, label);
            return;
        }
        long n = in.frames();
        int channels = in.channels();
        if (spec.method() instanceof Ensemble e && !wholeFits(n, channels, wholeBudget)) {
            new EnsembleOutOfCore(this, e, in, sourceId, plan, scratch, control, label).run(out);
            return;
        }
        if (spec.method() instanceof io.vitalstream.dsp.methods.SmoothnessOptimizer so && so.reweighted() && !wholeFits(n, channels, wholeBudget)) {
            reweighted(so, in, out, plan, scratch, control, label);
            return;
        }
        if (spec.method() instanceof WaveletDenoise wd && !wholeFits(n, channels, wholeBudget)) {
            WaveletOutOfCore.run(wd, in, out, plan, scratch, control, label);
            return;
        }
        if (byBlocks(spec, n, channels, wholeBudget)) {
            blocks(spec, (BlockMethod) spec.method(), in, out, plan, scratch, control, label);
            return;
        }
        long need = wholeBytes(n, channels);
        if (!wholeFits(n, channels, wholeBudget)) {
            throw new io.vitalstream.error.TooLargeException("method '" + spec.name() + "' needs the whole signal in memory ("
                    + need / 1_000_000 + " MB decoded) but a job's share of vitalstream.max-memory-mb is " + wholeBudget / 1_000_000
                    + " MB; use a streaming method (see the README), fewer channels, or a larger budget");
        }
        int len = (int) n;
        double[] interleaved = new double[len * channels];
        in.read(0, len, interleaved, 0, channels);
        double[][] x = io.vitalstream.dsp.ChannelArrays.fromFrames(interleaved, len, channels);
        io.vitalstream.dsp.Work.require(java.util.List.of(spec), channels, n, maxWork);
        double[][] y;
        try {
            y = io.vitalstream.dsp.Cancellation.with(control::isCancelled, () -> io.vitalstream.dsp.Filtering.applyWhole(spec, x));
        } catch (io.vitalstream.dsp.Cancellation.Cancelled e) {
            throw new CancelledException();
        }
        if (y.length != channels) {
            throw new IllegalStateException("method '" + spec.name() + "' changed the channel count; jobs keep the input's shape");
        }
        io.vitalstream.dsp.ChannelArrays.toFrames(y, interleaved);
        out.write(0, len, interleaved, 0, channels);
        control.chunkDone(join(label, "whole signal"));
    }

    /**
     * A trained method (the neural denoisers) on a recording of any length: each channel's
     * model trained on the whole channel when the recording fits a job's memory share (three
     * copies), else on stretches of {@link TrainedMethod#STRETCH_FRAMES} frames spread evenly
     * over it, as many as fit; then applied chunk by chunk with a halo of the model's reach.
     */
    private void trained(String name, TrainedMethod method, SignalSource in, SignalSink out, ChunkPlan plan, RunControl control,
                         String label) {
        long n = in.frames();
        int channels = in.channels();
        long byMemory = Math.max(TrainedMethod.STRETCH_FRAMES, wholeBudget / (8L * channels * 3));
        int stretches;
        int length;
        if (n <= byMemory) {
            stretches = 1;
            length = (int) n;
        } else {
            length = TrainedMethod.STRETCH_FRAMES;
            stretches = (int) Math.max(1, Math.min(byMemory / length, n / length));
        }
        double[][][] pieces = new double[channels][stretches][length];
        double[] frames = new double[length * channels];
        for (int k = 0; k < stretches; k++) {
            long start = stretches == 1 ? 0 : (n - length) * k / (stretches - 1);
            in.read(start, length, frames, 0, channels);
            for (int i = 0; i < length; i++) {
                for (int c = 0; c < channels; c++) {
                    pieces[c][k][i] = frames[i * channels + c];
                }
            }
            control.checkpoint();
        }
        io.vitalstream.dsp.WindowMethod[] models = new io.vitalstream.dsp.WindowMethod[channels];
        int reach = 0;
        for (int c = 0; c < channels; c++) {
            int channel = c;
            try {
                models[c] = io.vitalstream.dsp.Cancellation.with(control::isCancelled,
                        () -> io.vitalstream.dsp.Filtering.train(name, method, channel, pieces[channel]));
            } catch (io.vitalstream.dsp.Cancellation.Cancelled e) {
                throw new CancelledException();
            }
            pieces[c] = null;
            reach = Math.max(reach, models[c].reach());
        }
        String sampled = stretches == 1 ? name + ": trained on all " + n + " frames"
                : name + ": trained on " + stretches + " stretches of " + length + " frames spread over the recording (" + (long) stretches * length
                        + " of " + n + " frames, within the job's memory share)";
        control.note(sampled);
        control.chunkDone(join(label, sampled));
        int halo = reach;
        byColumns(in, out, plan, control, join(label, "applying the trained model"), null,
                (start, count) -> Smoothing.inputRange(n, start, count, halo),
                (channel, column, from, start, count, y) -> models[channel].apply(column, from, n, start, count, y));
    }

    /**
     * IRLS (optimization with mae or huber) on a recording too long for memory, iteration by
     * iteration as in memory: each iteration's weighted solve runs on blocks with the context
     * the smallest weight needs (seam weight below 1e-12), reading the previous iteration's
     * output from a scratch file; each channel stops when its largest change is below the
     * tolerance, as in memory; huber's scale is the whole recording's.
     */
    private void reweighted(io.vitalstream.dsp.methods.SmoothnessOptimizer so, SignalSource in, SignalSink out, ChunkPlan plan, Path scratch,
                            RunControl control, String label) {
        long n = in.frames();
        int channels = in.channels();
        double[] delta = new double[channels];
        java.util.Arrays.fill(delta, 1);
        if (so.needsScale()) {
            delta = huberScales(in, plan, scratch, control);
        }
        double[] scale = new double[channels];
        double[] buf = new double[plan.chunkFrames() * channels];
        for (int k = 0; k < plan.count(); k++) {
            in.read(plan.start(k), plan.length(k), buf, 0, channels);
            for (int i = 0; i < plan.length(k) * channels; i++) {
                scale[i % channels] = Math.max(scale[i % channels], Math.abs(buf[i]));
            }
        }
        control.chunkDone(join(label, "scale"));
        boolean[] active = new boolean[channels];
        java.util.Arrays.fill(active, so.lambda() != 0);
        List<Path> files = new java.util.ArrayList<>();
        SignalSource y = null;
        try {
            for (int it = 0; it < so.iterations(); it++) {
                boolean any = false;
                for (boolean a : active) {
                    any |= a;
                }
                if (!any && y != null) {
                    for (int k = 0; k < plan.count(); k++) {
                        control.chunkDone(join(label, "converged"));
                    }
                    continue;
                }
                double wMin = 1;
                if (y != null) {
                    wMin = Double.POSITIVE_INFINITY;
                    double[] ys = new double[plan.chunkFrames() * channels];
                    for (int k = 0; k < plan.count(); k++) {
                        in.read(plan.start(k), plan.length(k), buf, 0, channels);
                        y.read(plan.start(k), plan.length(k), ys, 0, channels);
                        for (int i = 0; i < plan.length(k) * channels; i++) {
                            int c = i % channels;
                            if (active[c]) {
                                wMin = Math.min(wMin, so.weight(ys[i], buf[i], delta[c], scale[c]));
                            }
                        }
                    }
                }
                int overlap = so.weightedOverlap(wMin);
                Path file = scratch.resolve("irls-" + System.identityHashCode(so) + "-" + it + ".f64");
                files.add(file);
                double[] change = new double[channels];
                try (BinaryWriter next = BinaryWriter.raw(file, SampleType.FLOAT64, channels, n)) {
                    for (int k = 0; k < plan.count(); k++) {
                        long start = plan.start(k);
                        int len = plan.length(k);
                        long from = Math.max(0, start - overlap);
                        int count = (int) (Math.min(n, start + len + overlap) - from);
                        double[] xs = new double[count * channels];
                        in.read(from, count, xs, 0, channels);
                        double[] prev = new double[count * channels];
                        if (y != null) {
                            y.read(from, count, prev, 0, channels);
                        }
                        double[] result = new double[len * channels];
                        int offset = (int) (start - from);
                        for (int c = 0; c < channels; c++) {
                            if (y != null && !active[c]) {
                                for (int i = 0; i < len; i++) {
                                    result[i * channels + c] = prev[(offset + i) * channels + c];
                                }
                                continue;
                            }
                            double[] xc = new double[count];
                            double[] w = new double[count];
                            for (int i = 0; i < count; i++) {
                                xc[i] = xs[i * channels + c];
                                w[i] = y == null ? 1.0 : so.weight(prev[i * channels + c], xc[i], delta[c], scale[c]);
                            }
                            double[] yc = so.lambda() == 0 ? xc : so.solveWeighted(w, xc);
                            for (int i = 0; i < len; i++) {
                                result[i * channels + c] = yc[offset + i];
                                if (y != null) {
                                    change[c] = Math.max(change[c], Math.abs(yc[offset + i] - prev[(offset + i) * channels + c]));
                                }
                            }
                        }
                        next.write(start, len, result, 0, channels);
                        control.chunkDone(join(label, "reweighted solve " + (it + 1) + ", " + overlap + " samples of context"));
                    }
                    if (y != null) {
                        y.close();
                        for (int c = 0; c < channels; c++) {
                            if (active[c] && so.converged(change[c], scale[c])) {
                                active[c] = false;
                            }
                        }
                    }
                    y = next.reopen(file);
                }
            }
            for (int k = 0; k < plan.count(); k++) {
                y.read(plan.start(k), plan.length(k), buf, 0, channels);
                out.write(plan.start(k), plan.length(k), buf, 0, channels);
            }
        } finally {
            if (y != null) {
                y.close();
            }
            for (Path f : files) {
                deleteQuietly(f);
            }
        }
    }

    /**
     * Each channel's huber scale over the whole recording, as SmoothnessOptimizer.huberDelta
     * computes it in memory: the differences into a scratch file, their upper-middle value and
     * the upper-middle |d - that| by exact selection.
     */
    private static double[] huberScales(SignalSource in, ChunkPlan plan, Path scratch, RunControl control) {
        long n = in.frames();
        int channels = in.channels();
        double[] scales = new double[channels];
        if (n < 3) {
            java.util.Arrays.fill(scales, 1);
            return scales;
        }
        Path file = scratch.resolve("huber-" + System.nanoTime() + ".f64");
        try {
            try (BinaryWriter diffs = BinaryWriter.raw(file, SampleType.FLOAT64, channels, n - 1)) {
                double[] buf = new double[(plan.chunkFrames() + 1) * channels];
                double[] d = new double[plan.chunkFrames() * channels];
                for (int k = 0; k < plan.count(); k++) {
                    long start = plan.start(k);
                    int len = plan.length(k);
                    // frames [start - 1, start + len): the difference at i is x[i] - x[i - 1], i >= 1
                    long from = Math.max(1, start);
                    int count = (int) (start + len - from);
                    in.read(from - 1, count + 1, buf, 0, channels);
                    for (int i = 0; i < count * channels; i++) {
                        d[i] = buf[i + channels] - buf[i];
                    }
                    diffs.write(from - 1, count, d, 0, channels);
                    control.checkpoint();
                }
                try (SignalSource source = diffs.reopen(file)) {
                    long rank = (n - 1) / 2;
                    double[] median = RadixSelect.select(source, rank, null, plan.chunkFrames(), control);
                    double[] mad = RadixSelect.select(source, rank, median, plan.chunkFrames(), control);
                    for (int c = 0; c < channels; c++) {
                        scales[c] = io.vitalstream.dsp.methods.SmoothnessOptimizer.huberScale(mad[c]);
                    }
                }
            }
            return scales;
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * A block method (the Whittaker smoother) on a recording too long for memory: each chunk's
     * output is computed from the chunk and {@link BlockMethod#overlap()} samples of context on
     * each side, and only the chunk's part is kept: seams below {@link BlockMethod#SEAM_TOLERANCE}
     * of the signal's scale, whatever the chunk size.
     */
    private void blocks(FilterSpec.Whole spec, BlockMethod method, SignalSource in, SignalSink out, ChunkPlan plan, Path scratch,
                        RunControl control, String label) {
        long n = in.frames();
        int channels = in.channels();
        long overlap = method.overlap();
        long need = (plan.chunkFrames() + 2 * overlap) * channels * 8L * 3;
        if (need > wholeBudget) {
            throw new io.vitalstream.error.TooLargeException("method '" + spec.name() + "' runs on blocks with " + overlap
                    + " samples of context each side (" + need / 1_000_000 + " MB decoded) but a job's share of vitalstream.max-memory-mb is "
                    + wholeBudget / 1_000_000 + " MB; use a smaller smoothness, fewer channels, or a larger budget");
        }
        BlockMethod blockMethod = method instanceof io.vitalstream.dsp.methods.SmoothnessOptimizer so && so.needsScale()
                ? so.withScales(huberScales(in, plan, scratch, control)) : method;
        for (int k = 0; k < plan.count(); k++) {
            long start = plan.start(k);
            int len = plan.length(k);
            long from = Math.max(0, start - overlap);
            long to = Math.min(n, start + len + overlap);
            int count = (int) (to - from);
            double[] frames = new double[count * channels];
            in.read(from, count, frames, 0, channels);
            double[][] x = io.vitalstream.dsp.ChannelArrays.fromFrames(frames, count, channels);
            double[][] y;
            try {
                y = io.vitalstream.dsp.Cancellation.with(control::isCancelled, () -> blockMethod.apply(x));
            } catch (io.vitalstream.dsp.Cancellation.Cancelled e) {
                throw new CancelledException();
            }
            io.vitalstream.dsp.ChannelArrays.toFrames(y, frames);
            out.write(start, len, frames, (int) (start - from) * channels, channels);
            control.chunkDone(join(label, "block with " + overlap + " samples of context"));
        }
    }

    /**
     * A fitted method (PCA, ICA) on a recording of any length: fitted on every frame when they
     * fit in the job's memory share (and {@link FittedMethod#MAX_FIT_FRAMES}), else on every
     * k-th frame, the smallest stride that does; then the fitted map applied chunk by chunk.
     * The sample and the fit's report go to the run's notes.
     */
    private void fitted(String name, FittedMethod method, SignalSource in, SignalSink out, ChunkPlan plan, RunControl control,
                        String label) {
        long n = in.frames();
        int channels = in.channels();
        long byMemory = Math.max(2, wholeBudget / (8L * channels * FittedMethod.FIT_COPIES));
        long stride = (n + Math.min(FittedMethod.MAX_FIT_FRAMES, byMemory) - 1) / Math.min(FittedMethod.MAX_FIT_FRAMES, byMemory);
        int count = (int) ((n + stride - 1) / stride);
        double[][] sample = new double[channels][count];
        double[] buffer = new double[plan.chunkFrames() * channels];
        for (int k = 0; k < plan.count(); k++) {
            long start = plan.start(k);
            int len = plan.length(k);
            in.read(start, len, buffer, 0, channels);
            for (long t = (start + stride - 1) / stride * stride; t < start + len; t += stride) {
                int at = (int) (t - start) * channels;
                for (int c = 0; c < channels; c++) {
                    sample[c][(int) (t / stride)] = buffer[at + c];
                }
            }
            control.checkpoint();
        }
        io.vitalstream.dsp.Work.require(java.util.List.of(new FilterSpec.Whole(name, method)), channels, count, maxWork);
        FittedMethod.Fit fit;
        try {
            fit = io.vitalstream.dsp.Cancellation.with(control::isCancelled, () -> io.vitalstream.dsp.Filtering.fit(name, method, sample));
        } catch (io.vitalstream.dsp.Cancellation.Cancelled e) {
            throw new CancelledException();
        }
        String sampled = stride == 1 ? "fitted on all " + n + " frames" : "fitted on every " + ordinal(stride) + " frame (" + count + " of " + n
                + " frames, within the job's memory share)";
        control.note(fit.report() + "; " + sampled);
        control.chunkDone(join(label, sampled));
        for (int k = 0; k < plan.count(); k++) {
            long start = plan.start(k);
            int len = plan.length(k);
            in.read(start, len, buffer, 0, channels);
            fit.map().applyFrames(buffer, len, channels);
            out.write(start, len, buffer, 0, channels);
            control.chunkDone(join(label, "applying the fit"));
        }
    }

    private void fir(FilterSpec.Fir fir, SignalSource in, SignalSink out, ChunkPlan plan, RunControl control, String label,
                     StreamingResult streaming) {
        byColumns(fir, in, out, plan, control, label, streaming);
    }

    private void windowed(FilterSpec.WindowFilter spec, SignalSource in, SignalSink out, ChunkPlan plan, RunControl control,
                          String label, StreamingResult streaming) {
        byColumns(spec, in, out, plan, control, label, streaming);
    }

    /** The input range [from, to) an output window [start, start + count) reads. */
    private interface InputRange {
        long[] of(long start, int count);
    }

    /** One channel's output window y[0..count) from its input column, which starts at frame {@code from}. */
    private interface ColumnFilter {
        void apply(int channel, double[] column, long from, long start, int count, double[] y);
    }

    /** How a FIR or window stage reads (its halo) and filters a column. */
    private record ByColumns(InputRange range, ColumnFilter filter) {
        static ByColumns of(FilterSpec spec, long n) {
            return switch (spec) {
                case FilterSpec.Fir fir -> {
                    OverlapAdd oa = new OverlapAdd(fir.taps());
                    int delay = fir.zeroPhase() ? (fir.taps().length - 1) / 2 : 0;
                    yield new ByColumns((start, count) -> new long[] {oa.firstInput(start, delay), oa.endInput(start, count, delay, n)},
                            (channel, column, from, start, count, y) -> oa.applyRange(
                                    (s, cnt, dest) -> System.arraycopy(column, (int) (s - from), dest, 0, cnt), n, start, count, delay, y));
                }
                case FilterSpec.WindowFilter w -> new ByColumns((start, count) -> Smoothing.inputRange(n, start, count, w.reach()),
                        (channel, column, from, start, count, y) -> w.applyRange(column, from, n, start, count, y));
                default -> throw new IllegalArgumentException("not a FIR or window filter: " + spec);
            };
        }
    }

    /**
     * Whether a stage is computed chunk by chunk from input ranges with a halo, with arithmetic
     * that does not depend on the process, and so may be cut anywhere and run anywhere: window
     * filters. FIR runs on FFTW plans chosen by measurement (FFTW_MEASURE), which may differ from
     * process to process in the last bits, so its chunks stay in one process.
     */
    static boolean byRanges(FilterSpec spec) {
        return spec instanceof FilterSpec.WindowFilter;
    }

    /**
     * Output frames [from, to) of a FIR or window stage, in chunks of {@code chunkFrames}, into
     * out: the same bits as the whole run, however the frames are cut (cluster mode: a part of a
     * split job).
     */
    static void range(FilterSpec spec, SignalSource in, long from, long to, int chunkFrames, FrameWriter out) {
        ByColumns how = ByColumns.of(spec, in.frames());
        Columns buffers = new Columns(in.channels(), chunkFrames);
        for (long start = from; start < to; start += chunkFrames) {
            int count = (int) Math.min(chunkFrames, to - start);
            buffers.filter(in, how, start, count);
            out.write(start, count, buffers.out, 0, in.channels());
        }
    }

    /** One chunk's buffers, reused from chunk to chunk. */
    private static final class Columns {
        final int channels;
        double[] window = new double[0];
        double[] column = new double[0];
        final double[] y;
        final double[] out;

        Columns(int channels, int chunkFrames) {
            this.channels = channels;
            this.y = new double[chunkFrames];
            this.out = new double[chunkFrames * channels];
        }

        /** Reads the input window all channels need, filters each channel's column into out. */
        void filter(SignalSource in, ByColumns how, long start, int count) {
            long[] r = how.range().of(start, count);
            int len = (int) (r[1] - r[0]);
            if (window.length < len * channels) {
                window = new double[len * channels];
                column = new double[len];
            }
            in.read(r[0], len, window, 0, channels);
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < len; k++) {
                    column[k] = window[k * channels + c];
                }
                how.filter().apply(c, column, r[0], start, count, y);
                for (int k = 0; k < count; k++) {
                    out[k * channels + c] = y[k];
                }
            }
        }
    }

    /**
     * Per chunk: read the input window all channels need, filter each channel's column, write the
     * chunk; in cluster mode a large enough signal's chunks go in parts to the replicas instead.
     */
    private static void byColumns(FilterSpec spec, SignalSource in, SignalSink out, ChunkPlan plan, RunControl control, String label,
                                  StreamingResult streaming) {
        JobSpread spread = byRanges(spec) ? control.spread() : null;
        if (spread != null) {
            spread.writesTo(out);
        }
        if (spread != null && spread.wants(in.frames(), in.channels())) {
            spread.ranges(in.frames(), in.channels(), plan.chunkFrames(),
                    (from, to, w) -> range(spec, in, from, to, plan.chunkFrames(), w), SourceFrames.writer(out), chunks -> {
                        for (int k = 0; k < chunks; k++) {
                            control.chunkDone(label);
                        }
                    });
            return;
        }
        byColumns(in, out, plan, control, label, streaming, ByColumns.of(spec, in.frames()));
    }

    private static void byColumns(SignalSource in, SignalSink out, ChunkPlan plan, RunControl control, String label,
                                  StreamingResult streaming, InputRange range, ColumnFilter filter) {
        byColumns(in, out, plan, control, label, streaming, new ByColumns(range, filter));
    }

    private static void byColumns(SignalSource in, SignalSink out, ChunkPlan plan, RunControl control, String label,
                                  StreamingResult streaming, ByColumns how) {
        Columns buffers = new Columns(in.channels(), plan.chunkFrames());
        for (int i = 0; i < plan.count(); i++) {
            long start = plan.start(i);
            int count = plan.length(i);
            buffers.filter(in, how, start, count);
            out.write(start, count, buffers.out, 0, in.channels());
            if (streaming != null) {
                streaming.committed(start + count);
            }
            control.chunkDone(label);
        }
    }

    /** 2nd, 3rd, 17th, 21st... */
    static String ordinal(long k) {
        long tens = k % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch ((int) (k % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return k + suffix;
    }

    static String join(String label, String pass) {
        return label.isEmpty() ? pass : label + ", " + pass;
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
