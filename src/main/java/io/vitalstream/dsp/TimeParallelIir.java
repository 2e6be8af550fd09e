package io.vitalstream.dsp;

import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;

import java.util.Arrays;

/**
 * sosfilt and sosfiltfilt cut in time, exactly, by state superposition. A cascade of
 * sections is linear, so over a segment of m samples
 * <pre>
 *   final state = Phi_m (starting state) + (final state of the segment filtered from rest)
 * </pre>
 * The algorithm: (1) filter every segment from rest, all at once, keeping only its final
 * state; (2) a scan over the segment boundaries, z[k+1] = Phi z[k] + f[k], gives each segment
 * its true starting state; (3) filter every segment again from that state, all at once
 * (causal filtering instead adds the zero-input response of that state to the output from
 * rest, {@link ZeroInputResponse}: a table and no recurrence, so each sample goes through the
 * sections once). Forward-backward filtering does the same for its backward pass: the backward pass over
 * segment k filters the forward output y_k = zs_k + zir(z_k), so its final state is
 * Phi B[k+1] + h[k] + Psi z[k], where h[k] is the backward final state of the zero-state
 * forward output (step 1 computes both) and Psi maps the forward starting state through the
 * forward zero-input response and the backward pass ({@link StateTransition}).
 * <p>
 * Segments run side by side in vector lanes (lane = segment x channel), so one channel fills
 * every lane and lane group, and tasks of segments run on all threads. Each lane's arithmetic
 * is the sequential kernel's, so the bits depend only on the {@link SegmentPlan}, never on
 * the thread count, the grouping of segments into tasks or a caller's chunk size. A signal
 * of one segment gives exactly the sequential result; longer ones differ from it only by the
 * rounding of the scan and of the zero-input correction (measured in the tests: about 1e-15
 * of the peak).
 * <p>
 * Zero-phase filtering is scipy's sosfiltfilt (odd extension, default padlen, sosfilt_zi
 * starts): the extensions at both ends are filtered sequentially around the scans.
 */
public final class TimeParallelIir {

    /** The two sweeps over the segments. */
    public enum Phase { ZERO_STATE, FINAL }

    /** Told after each task; may throw to stop the run (cancellation). Called under a lock. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param committed frames [0, committed) of the output are final and written (FINAL
         *                  phase only; 0 before)
         */
        void taskDone(Phase phase, long committed);

        Progress NONE = (phase, committed) -> { };
    }

    /** Channels of one lane group of a task at most: wider signals are split into channel groups. */
    static final int MAX_GROUP_CHANNELS = 64;

    private TimeParallelIir() {
    }

    /**
     * From this many channels on, the channels themselves fill two lane groups and both cores
     * (channel groups run side by side), and cutting in time would only add two passes: such
     * signals are filtered as one segment, which is the sequential algorithm. With 4-double
     * vectors that is 8 channels. With 8-double vectors and 32 registers it is 9: 8 channels are
     * one lane group, which the sequential algorithm runs on one core, one section's latency
     * chain at a time, while cut in time they fill a pair of lane groups on each core (measured
     * on Zen 4, old and new alternating: zero-phase 0.59x the time, causal 0.73x). From 9
     * channels on the two ways were within the noise for zero-phase (0.85x-1.0x) and cutting
     * was slower for causal (1.3x-1.4x). The bits of 8-channel signals therefore depend on the
     * vector width (each way stays within 1e-9 of the peak of the other).
     */
    public static final int SEQUENTIAL_MIN_CHANNELS = SosKernel.WIDE_REGISTERS ? SosKernel.SPECIES.length() + 1 : 2 * SosKernel.SPECIES.length();

    /** Whether a signal of this many channels is cut in time. */
    public static boolean cutsInTime(int channels) {
        return channels < SEQUENTIAL_MIN_CHANNELS;
    }

    /** The plan the engine uses: the default segments for few channels, one segment (sequential) for many. */
    public static SegmentPlan planFor(long frames, int channels) {
        return cutsInTime(channels) || frames > Integer.MAX_VALUE / 2 ? SegmentPlan.of(frames) : new SegmentPlan(frames, (int) frames);
    }

    /** Tasks per phase for a signal of {@code channels} channels under {@code plan} (for progress totals). */
    public static int tasks(SegmentPlan plan, int channels) {
        return new Layout(plan, channels).tasks;
    }

    /** sosfilt from rest: out = sosfilt(sos, in). */
    public static void causal(Sos sos, FrameReader in, FrameWriter out, SegmentPlan plan, Parallelism threads, Progress progress) {
        causal(sos, in, out, plan, threads, progress, null);
    }

    /** sosfilt from rest, the two sweeps' tasks run where {@code spread} puts them (null: here). */
    public static void causal(Sos sos, FrameReader in, FrameWriter out, SegmentPlan plan, Parallelism threads, Progress progress,
                              Spread spread) {
        run(sos, in, out, plan, threads, progress, false, spread);
    }

    /** sosfiltfilt(sos, in) with padtype 'odd' and the default padlen; in must be longer than the padlen. */
    public static void zeroPhase(Sos sos, FrameReader in, FrameWriter out, SegmentPlan plan, Parallelism threads, Progress progress) {
        zeroPhase(sos, in, out, plan, threads, progress, null);
    }

    /** sosfiltfilt, the two sweeps' tasks run where {@code spread} puts them (null: here). */
    public static void zeroPhase(Sos sos, FrameReader in, FrameWriter out, SegmentPlan plan, Parallelism threads, Progress progress,
                                 Spread spread) {
        int pad = sos.defaultPadLength();
        if (in.frames() <= pad) {
            throw new IllegalArgumentException("zero-phase filtering needs more than " + pad + " samples, got " + in.frames());
        }
        run(sos, in, out, plan, threads, progress, true, spread);
    }

    /**
     * Where the tasks of a segmented run go besides this process's threads (cluster mode: other
     * replicas). Each method must have every task of its sweep done exactly as {@link Sweep}
     * does it, here or elsewhere, so the bits never depend on where a task ran.
     */
    public interface Spread {
        /** Whether to spread a signal of this size at all (small ones run here). */
        boolean wants(long frames, int channels);

        /** Sweep 1: fills every task's final states into z and b ({@link Sweep#zeroState}), telling progress per task. */
        void zeroState(Sweep sweep, FrameReader in, double[] z, double[] b, Progress progress);

        /** Sweep 2: every task's output into out ({@link Sweep#fin}), telling progress per task with the committed prefix. */
        void fin(Sweep sweep, FrameReader in, FrameWriter out, double[] z, double[] b, Progress progress);
    }

    /**
     * The steps of a segmented run, separable so that parts of a sweep can run in another process
     * (given the same signal, filter and plan): sweep 1 over a range of tasks, the scan, sweep 2
     * over a range of tasks. {@link #run} is made of these same steps.
     */
    public static final class Sweep {
        private final Layout layout;
        private final Sos sos;
        private final double[] flat;
        private final int states;
        private final boolean zeroPhase;
        private final double[] zi;
        private final int pad;

        public Sweep(Sos sos, SegmentPlan plan, int channels, boolean zeroPhase) {
            this.layout = new Layout(plan, channels);
            this.sos = sos;
            this.flat = sos.flat();
            this.states = 2 * sos.count();
            this.zeroPhase = zeroPhase;
            this.zi = zeroPhase ? SosFilter.steadyState(sos) : null;
            this.pad = zeroPhase ? sos.defaultPadLength() : 0;
        }

        public int tasks() {
            return layout.tasks;
        }

        public boolean zeroPhase() {
            return zeroPhase;
        }

        public int channels() {
            return layout.channels;
        }

        /** A state array: (segments + 1) x channels x states. */
        public double[] newStates() {
            return new double[(layout.plan.count() + 1) * layout.channels * states];
        }

        /** The first frame tasks [from, to) cover. */
        public long firstFrame(int from) {
            return layout.plan.start(layout.firstSegment(from));
        }

        /** The frame after the last one tasks [from, to) cover. */
        public long endFrame(int to) {
            return Math.min(layout.plan.frames(), layout.plan.start(layout.firstSegment(to - 1) + layout.segments(to - 1)));
        }

        /** Sweep 1 writes z over [zFrom(from), zFrom(to)) ... these offsets (in doubles) for tasks [from, to). */
        public int zFrom(int task) {
            return (segmentOf(task) + 1) * layout.channels * states;
        }

        /** ... and b over [bFrom(from), bFrom(to)). */
        public int bFrom(int task) {
            return segmentOf(task) * layout.channels * states;
        }

        private int segmentOf(int task) {
            return task >= layout.tasks ? layout.plan.count() : layout.firstSegment(task);
        }

        /** Sweep 1 over tasks [from, to): their segments from rest, final states into z (and b). */
        public void zeroState(FrameReader in, int from, int to, Parallelism threads, double[] z, double[] b) {
            Scratch[] scratch = new Scratch[threads.threads()];
            threads.forEach(to - from, (worker, t) -> {
                Scratch s = scratch[worker] == null ? scratch[worker] = new Scratch(layout, states) : scratch[worker];
                zeroStateTask(flat, states, in, layout, from + t, s, z, zeroPhase ? b : null);
            });
        }

        /** Sweep 2 over tasks [from, to): their segments from their true states, written to out. */
        public void fin(FrameReader in, FrameWriter out, int from, int to, Parallelism threads, double[] z, double[] b) {
            ZeroInputResponse zir = zeroPhase ? null : ZeroInputResponse.of(sos, layout.plan.length());
            Scratch[] scratch = new Scratch[threads.threads()];
            threads.forEach(to - from, (worker, t) -> {
                Scratch s = scratch[worker] == null ? scratch[worker] = new Scratch(layout, states) : scratch[worker];
                finalTask(flat, states, in, out, layout, from + t, s, z, zeroPhase ? b : null, zir);
            });
        }

        /** Between the sweeps: the odd extensions at both ends and the scans over the boundaries. */
        public void scan(FrameReader in, double[] z, double[] b) {
            TimeParallelIir.scan(sos, flat, zi, pad, states, layout.plan, in, z, zeroPhase ? b : null,
                    Parallelism.cores(SosKernel.threads()));
        }
    }

    /**
     * Segments and tasks: G = 4 lane groups' worth of lanes / channels segments per task (one
     * when the channels fill four lane groups themselves), full-length segments grouped, a
     * shorter last segment alone; wide signals in channel groups of at most 64 lanes.
     */
    private static final class Layout {
        final SegmentPlan plan;
        final int channels;
        final int groupChannels;
        final int perTask;
        final int fullTasks;
        final int tasks;

        Layout(SegmentPlan plan, int channels) {
            this.plan = plan;
            this.channels = channels;
            int lanes = SosKernel.SPECIES.length();
            if (SosKernel.WIDE_REGISTERS && plan.count() == 1) {
                // one segment: two channel groups, one per core, their lane groups in pairs
                // (lanesByPair)
                this.groupChannels = Math.min(MAX_GROUP_CHANNELS, Math.max(lanes, ((channels + 1) / 2 + lanes - 1) / lanes * lanes));
                this.perTask = 1;
            } else {
                // one lane group per task, four sections side by side (lanesBySection), or with
                // 32 registers a pair of lane groups (lanesByPair): the task's buffer stays in
                // the second-level cache. Measured on one channel with 8-double vectors (Zen 4,
                // 1 MB L2), against four lane groups per task (a 2 MB buffer through the
                // third-level cache three times): one group 11 % less time for sosfilt and 15 %
                // for sosfiltfilt; a pair another 5 % and 16-19 %.
                this.groupChannels = Math.min(channels, lanes);
                this.perTask = Math.max(1, (SosKernel.WIDE_REGISTERS ? 2 : 1) * lanes / groupChannels);
            }
            this.fullTasks = (plan.fullCount() + perTask - 1) / perTask;
            this.tasks = fullTasks + (plan.count() > plan.fullCount() ? 1 : 0);
        }

        int firstSegment(int task) {
            return task < fullTasks ? task * perTask : plan.fullCount();
        }

        int segments(int task) {
            return task < fullTasks ? Math.min(perTask, plan.fullCount() - task * perTask) : 1;
        }

        int frame(int pieces, int laneChannels) {
            int lanes = SosKernel.SPECIES.length();
            return (pieces * laneChannels + lanes - 1) / lanes * lanes;
        }

        int maxFrame() {
            return frame(perTask, groupChannels);
        }
    }

    /** One worker's buffers, reused from task to task. */
    private static final class Scratch {
        final double[] data;
        final double[] state;
        private final int wholeFrames;
        private double[] staging;
        private double[] input;

        Scratch(Layout layout, int states, int count, int frame) {
            this.data = new double[count * frame];
            this.state = new double[states * frame];
            this.wholeFrames = count * layout.channels;
        }

        /** Whole frames of one segment, gathered for a writer of whole frames. */
        double[] staging() {
            return staging == null ? staging = new double[wholeFrames] : staging;
        }

        /** Whole frames of one segment, as a reader of whole frames gives them. */
        double[] input() {
            return input == null ? input = new double[wholeFrames] : input;
        }

        /** For the tasks of a segmented run. */
        Scratch(Layout layout, int states) {
            this(layout, states, layout.plan.length(), layout.maxFrame());
        }
    }

    private static void run(Sos sos, FrameReader in, FrameWriter out, SegmentPlan plan, Parallelism threads, Progress progress,
                            boolean zeroPhase, Spread spread) {
        if (plan.frames() != in.frames()) {
            throw new IllegalArgumentException("the segment plan covers " + plan.frames() + " frames, the signal has " + in.frames());
        }
        int channels = in.channels();
        int states = 2 * sos.count();
        double[] flat = sos.flat();
        Layout layout = new Layout(plan, channels);
        int segments = plan.count();
        // z[k] (state entering segment k going forward) and b[k] (entering segment k-1 going
        // backward, i.e. at segment k's start): [(k * channels + c) * states + j]
        double[] z = new double[(segments + 1) * channels * states];
        double[] b = zeroPhase ? new double[(segments + 1) * channels * states] : null;
        Scratch[] scratch = new Scratch[threads.threads()];
        Object lock = new Object();
        double[] zi = zeroPhase ? SosFilter.steadyState(sos) : null;
        int pad = zeroPhase ? sos.defaultPadLength() : 0;
        if (segments == 1) {
            // nothing to scan: the sequential algorithm itself, channel group by channel group
            // (groups side by side when the reader and writer take channel ranges)
            boolean ranges = in.channelRanges() && out.channelRanges();
            int groupChannels = ranges ? layout.groupChannels : channels;
            int groups = (channels + groupChannels - 1) / groupChannels;
            threads.forEach(groups, (worker, task) -> sequential(flat, zi, pad, states, in, out, task * groupChannels,
                    Math.min(groupChannels, channels - task * groupChannels)));
            progress.taskDone(Phase.ZERO_STATE, 0);
            progress.taskDone(Phase.FINAL, plan.frames());
            return;
        }

        if (spread != null && spread.wants(plan.frames(), channels)) {
            Sweep sweep = new Sweep(sos, plan, channels, zeroPhase);
            spread.zeroState(sweep, in, z, b, progress);
            sweep.scan(in, z, b);
            spread.fin(sweep, in, out, z, b, progress);
            return;
        }
        if (!zeroPhase && channels <= layout.groupChannels) {
            causalInOrder(sos, flat, states, in, out, layout, threads, progress, z, scratch);
            return;
        }

        // 1. every segment from rest: f[k] into z[k + 1], h[k] into b[k]
        threads.forEach(layout.tasks, (worker, task) -> {
            Scratch s = scratch[worker] == null ? scratch[worker] = new Scratch(layout, states) : scratch[worker];
            zeroStateTask(flat, states, in, layout, task, s, z, b);
            synchronized (lock) {
                progress.taskDone(Phase.ZERO_STATE, 0);
            }
        });

        // 2. the odd extensions at both ends and the scans over the boundaries
        scan(sos, flat, zi, pad, states, plan, in, z, b, threads);

        // 3. every segment from its true starting state(s), written out
        ZeroInputResponse zir = zeroPhase ? null : ZeroInputResponse.of(sos, plan.length());
        Committed committed = new Committed(layout, progress);
        threads.forEach(layout.tasks, (worker, task) -> {
            Scratch s = scratch[worker] == null ? scratch[worker] = new Scratch(layout, states) : scratch[worker];
            finalTask(flat, states, in, out, layout, task, s, z, b, zir);
            synchronized (lock) {
                committed.taskDone(task);
            }
        });
    }

    /**
     * The head of the odd extension (zero-phase: the state entering segment 0), the forward scan
     * z[k + 1] += Phi z[k], and for zero-phase the tail and the backward scan, in double-double
     * and rounded once.
     */
    private static void scan(Sos sos, double[] flat, double[] zi, int pad, int states, SegmentPlan plan, FrameReader in, double[] z,
                             double[] b, Parallelism threads) {
        int segments = plan.count();
        int channels = in.channels();
        if (b != null) {
            head(flat, zi, pad, in, z);
        }
        StateTransition full = plan.fullCount() > 0 ? StateTransition.of(sos, plan.length()) : null;
        StateTransition last = plan.count() > plan.fullCount() ? StateTransition.of(sos, plan.length(segments - 1)) : null;
        int fullCount = plan.fullCount();
        // channels are independent: their scans go side by side on the threads (each channel's
        // arithmetic, and so its bits, the same whatever the split); 35 ms on one core for the
        // 1 GiB 8-channel job's 4 096 segments, while the other core waited
        int parts = Math.min(threads.threads(), channels);
        double[] zLo = new double[z.length];
        threads.forEach(parts, (worker, part) -> {
            int c0 = part * channels / parts;
            int c1 = (part + 1) * channels / parts;
            for (int k = 0; k < segments; k++) {
                StateTransition t = k < fullCount ? full : last;
                for (int c = c0; c < c1; c++) {
                    t.addPhi(z, zLo, (k * channels + c) * states, z, zLo, ((k + 1) * channels + c) * states);
                }
            }
        });
        round(z, zLo);
        if (b != null) {
            tail(flat, zi, pad, in, z, segments, b, 0, channels);
            double[] bLo = new double[b.length];
            threads.forEach(parts, (worker, part) -> {
                int c0 = part * channels / parts;
                int c1 = (part + 1) * channels / parts;
                for (int k = segments - 1; k >= 0; k--) {
                    StateTransition t = k < fullCount ? full : last;
                    for (int c = c0; c < c1; c++) {
                        int at = (k * channels + c) * states;
                        t.addPhi(b, bLo, ((k + 1) * channels + c) * states, b, bLo, at);
                        t.addPsi(z, zLo, at, b, bLo, at);
                    }
                }
            });
            round(b, bLo);
        }
    }

    /**
     * Causal filtering of one channel group, each task at once: its segments filtered from rest,
     * their final states published, the boundary scan advanced as far as the published states
     * allow, then, once its own segments' starting states are known, their zero-input response
     * added to the output (still in the cache) and written. One read of the signal and one pass
     * through the sections instead of two; the same scan steps, kernel calls and correction as
     * the three phases, so the same bits. Tasks are claimed in order, so a task only ever waits for
     * tasks already running.
     */
    private static void causalInOrder(Sos sos, double[] flat, int states, FrameReader in, FrameWriter out, Layout layout,
                                      Parallelism threads, Progress progress, double[] z, Scratch[] scratch) {
        SegmentPlan plan = layout.plan;
        int segments = plan.count();
        int channels = layout.channels;
        StateTransition full = plan.fullCount() > 0 ? StateTransition.of(sos, plan.length()) : null;
        StateTransition last = plan.count() > plan.fullCount() ? StateTransition.of(sos, plan.length(segments - 1)) : null;
        ZeroInputResponse zir = ZeroInputResponse.of(sos, plan.length());
        double[] zLo = new double[z.length];
        double[] rounded = new double[z.length];
        boolean[] published = new boolean[segments];
        int[] known = {0};
        boolean[] failed = {false};
        Committed committed = new Committed(layout, progress);
        Object lock = new Object();
        threads.forEach(layout.tasks, (worker, task) -> {
            try {
                Scratch s = scratch[worker] == null ? scratch[worker] = new Scratch(layout, states) : scratch[worker];
                int first = layout.firstSegment(task);
                int pieces = layout.segments(task);
                int count = plan.length(first);
                long[] starts = starts(plan, first, pieces);
                int frame = layout.frame(pieces, channels);
                load(in, starts, pieces, count, 0, channels, s.data, frame, s, channels);
                Arrays.fill(s.state, 0, states * frame, 0.0);
                SosKernel.lanes(flat, s.state, s.data, 0, count, frame, false);
                synchronized (lock) {
                    saveStates(s.state, states, frame, pieces, channels, 0, channels, first + 1, z);
                    for (int g = 0; g < pieces; g++) {
                        published[first + g] = true;
                    }
                    while (known[0] < segments && published[known[0]]) {
                        int k = known[0];
                        StateTransition t = k < plan.fullCount() ? full : last;
                        for (int c = 0; c < channels; c++) {
                            int at = (k * channels + c) * states;
                            for (int j = 0; j < states; j++) {
                                rounded[at + j] = z[at + j] + zLo[at + j];
                            }
                            t.addPhi(z, zLo, at, z, zLo, ((k + 1) * channels + c) * states);
                        }
                        known[0] = k + 1;
                    }
                    progress.taskDone(Phase.ZERO_STATE, 0);
                    lock.notifyAll();
                    while (known[0] < first + pieces && !failed[0]) {
                        lock.wait();
                    }
                    if (failed[0]) {
                        return; // another task failed: forEach rethrows its failure
                    }
                }
                zir.add(s.data, count, frame, rounded, laneStates(states, frame, pieces, channels, 0, channels, first));
                store(out, layout, starts, pieces, count, 0, channels, s, frame);
                synchronized (lock) {
                    committed.taskDone(task);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(lock, failed);
                throw new IllegalStateException("interrupted while waiting for the segments before this one", e);
            } catch (RuntimeException | Error e) {
                abort(lock, failed);
                throw e;
            }
        });
    }

    /**
     * The final phase's progress: a task done, and the frames committed so far (the segments of
     * the tasks done without a gap from the start). Callers hold the run's lock.
     */
    private static final class Committed {
        private final Layout layout;
        private final Progress progress;
        private final boolean[] done;
        private int prefix;

        Committed(Layout layout, Progress progress) {
            this.layout = layout;
            this.progress = progress;
            this.done = new boolean[layout.tasks];
        }

        void taskDone(int task) {
            done[task] = true;
            while (prefix < done.length && done[prefix]) {
                prefix++;
            }
            long frames = prefix == 0 ? 0
                    : Math.min(layout.plan.frames(), layout.plan.start(layout.firstSegment(prefix - 1) + layout.segments(prefix - 1)));
            progress.taskDone(Phase.FINAL, frames);
        }
    }

    private static void abort(Object lock, boolean[] failed) {
        synchronized (lock) {
            failed[0] = true;
            lock.notifyAll();
        }
    }

    private static void zeroStateTask(double[] flat, int states, FrameReader in, Layout layout, int task, Scratch s,
                                      double[] z, double[] b) {
        int first = layout.firstSegment(task);
        int pieces = layout.segments(task);
        int count = layout.plan.length(first);
        long[] starts = starts(layout.plan, first, pieces);
        for (int c0 = 0; c0 < layout.channels; c0 += layout.groupChannels) {
            int cg = Math.min(layout.groupChannels, layout.channels - c0);
            int frame = layout.frame(pieces, cg);
            load(in, starts, pieces, count, c0, cg, s.data, frame, s, layout.channels);
            Arrays.fill(s.state, 0, states * frame, 0.0);
            SosKernel.lanes(flat, s.state, s.data, 0, count, frame, false);
            saveStates(s.state, states, frame, pieces, cg, c0, layout.channels, first + 1, z);
            if (b != null) {
                Arrays.fill(s.state, 0, states * frame, 0.0);
                SosKernel.lanes(flat, s.state, s.data, 0, count, frame, true);
                saveStates(s.state, states, frame, pieces, cg, c0, layout.channels, first, b);
            }
        }
    }

    private static void finalTask(double[] flat, int states, FrameReader in, FrameWriter out, Layout layout, int task, Scratch s,
                                  double[] z, double[] b, ZeroInputResponse zir) {
        int first = layout.firstSegment(task);
        int pieces = layout.segments(task);
        int count = layout.plan.length(first);
        long[] starts = starts(layout.plan, first, pieces);
        boolean grouped = layout.channels > layout.groupChannels;
        for (int c0 = 0; c0 < layout.channels; c0 += layout.groupChannels) {
            int cg = Math.min(layout.groupChannels, layout.channels - c0);
            int frame = layout.frame(pieces, cg);
            load(in, starts, pieces, count, c0, cg, s.data, frame, s, layout.channels);
            if (b != null) {
                loadStates(z, states, frame, pieces, cg, c0, layout.channels, first, s.state);
                SosKernel.lanes(flat, s.state, s.data, 0, count, frame, false);
                loadStates(b, states, frame, pieces, cg, c0, layout.channels, first + 1, s.state);
                SosKernel.lanes(flat, s.state, s.data, 0, count, frame, true);
            } else {
                // causal: from rest plus the zero-input response, as the in-order path does it
                Arrays.fill(s.state, 0, states * frame, 0.0);
                SosKernel.lanes(flat, s.state, s.data, 0, count, frame, false);
                zir.add(s.data, count, frame, z, laneStates(states, frame, pieces, cg, c0, layout.channels, first));
            }
            store(out, layout, starts, pieces, count, c0, cg, s, frame);
        }
        if (grouped && !out.channelRanges()) {
            out.write(starts[0], count, s.staging(), 0, layout.channels);
        }
    }

    /** Frames per block of the sequential algorithm: a block of a lane group stays in the second-level cache. */
    public static final int SEQUENTIAL_BLOCK = 4096;

    /**
     * A signal of one segment, channels [c0, c0 + cg): {@link ForwardBackward} over blocks of
     * {@link #SEQUENTIAL_BLOCK} frames read from {@code in} and written to {@code out}.
     */
    private static void sequential(double[] flat, double[] zi, int pad, int states, FrameReader in, FrameWriter out, int c0, int cg) {
        int frame = SosKernel.frameFor(cg);
        long n = in.frames();
        int blocks = (int) ((n + SEQUENTIAL_BLOCK - 1) / SEQUENTIAL_BLOCK);
        double[] data = new double[(int) Math.min(n, SEQUENTIAL_BLOCK) * frame];
        ForwardBackward.Blocks arrays = new ForwardBackward.Blocks() {
            @Override
            public int count() {
                return blocks;
            }

            @Override
            public ForwardBackward.Block forward(int k) {
                long start = (long) k * SEQUENTIAL_BLOCK;
                int count = (int) Math.min(SEQUENTIAL_BLOCK, n - start);
                in.read(start, count, c0, cg, data, 0, frame);
                return new ForwardBackward.Block(k, start, count, data);
            }

            @Override
            public void forwardDone(ForwardBackward.Block block, boolean filtered) {
                if (filtered) {
                    backwardDone(block);
                }
            }

            @Override
            public ForwardBackward.Block backward(int k) {
                return forward(k);
            }

            @Override
            public void backwardDone(ForwardBackward.Block block) {
                if (cg == in.channels()) {
                    out.write(block.start(), block.count(), data, 0, frame);
                } else {
                    out.writePieces(new long[] {block.start()}, 1, block.count(), c0, cg, data, frame);
                }
            }
        };
        ForwardBackward.Kernel kernel = (state, d, count, backward) -> SosKernel.run(flat, state, d, 0, count, frame, cg, backward);
        try {
            if (zi == null) {
                ForwardBackward.causal(states, frame, arrays, kernel);
            } else {
                ForwardBackward.zeroPhase(flat, zi, pad, in, c0, cg, frame, arrays, kernel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("array blocks do not wait", e);
        }
    }

    /**
     * A channel group's filtered pieces out: straight to the writer when it takes channel
     * ranges or the group is every channel, else gathered in the staging buffer (one segment
     * per task then) for one write of whole frames.
     */
    private static void store(FrameWriter out, Layout layout, long[] starts, int pieces, int count, int c0, int cg, Scratch s,
                              int frame) {
        if (cg == layout.channels || out.channelRanges()) {
            out.writePieces(starts, pieces, count, c0, cg, s.data, frame);
        } else {
            for (int i = 0; i < count; i++) {
                System.arraycopy(s.data, i * frame, s.staging(), i * layout.channels + c0, cg);
            }
        }
    }

    /** hi + lo rounded into hi (lo cleared): the double-double scan results as the kernel's states. */
    private static void round(double[] hi, double[] lo) {
        for (int i = 0; i < hi.length; i++) {
            hi[i] += lo[i];
            lo[i] = 0;
        }
    }

    private static long[] starts(SegmentPlan plan, int first, int pieces) {
        long[] starts = new long[pieces];
        for (int g = 0; g < pieces; g++) {
            starts[g] = plan.start(first + g);
        }
        return starts;
    }

    /**
     * The pieces into their lanes; lanes past the last piece zeroed (they must hold finite
     * values). A reader of whole frames is read once per segment into the staging buffer
     * (channel group 0) and the later channel groups are copied from there.
     */
    private static void load(FrameReader in, long[] starts, int pieces, int count, int c0, int cg, double[] data, int frame,
                             Scratch s, int channels) {
        if (cg == channels || in.channelRanges()) {
            in.readPieces(starts, pieces, count, c0, cg, data, frame);
        } else {
            // one segment per task when channels are grouped
            if (c0 == 0) {
                in.read(starts[0], count, 0, channels, s.input(), 0, channels);
            }
            for (int i = 0; i < count; i++) {
                System.arraycopy(s.input(), i * channels + c0, data, i * frame, cg);
            }
        }
        int used = pieces * cg;
        if (used < frame) {
            for (int i = 0; i < count; i++) {
                Arrays.fill(data, i * frame + used, (i + 1) * frame, 0.0);
            }
        }
    }

    /** Lane (g, c) of the kernel's state ([j][frame]) into states[((segment0 + g) * channels + c0 + c) * states + j]. */
    private static void saveStates(double[] state, int states, int frame, int pieces, int cg, int c0, int channels, int segment0,
                                   double[] into) {
        for (int g = 0; g < pieces; g++) {
            for (int c = 0; c < cg; c++) {
                int at = ((segment0 + g) * channels + c0 + c) * states;
                int lane = g * cg + c;
                for (int j = 0; j < states; j++) {
                    into[at + j] = state[j * frame + lane];
                }
            }
        }
    }

    /** Where lane (g, c) of a frame finds its starting state in a state array; -1 for lanes past the last piece. */
    private static int[] laneStates(int states, int frame, int pieces, int cg, int c0, int channels, int segment0) {
        int[] at = new int[frame];
        Arrays.fill(at, -1);
        for (int g = 0; g < pieces; g++) {
            for (int c = 0; c < cg; c++) {
                at[g * cg + c] = ((segment0 + g) * channels + c0 + c) * states;
            }
        }
        return at;
    }

    private static void loadStates(double[] from, int states, int frame, int pieces, int cg, int c0, int channels, int segment0,
                                   double[] state) {
        Arrays.fill(state, 0, states * frame, 0.0);
        for (int g = 0; g < pieces; g++) {
            for (int c = 0; c < cg; c++) {
                int at = ((segment0 + g) * channels + c0 + c) * states;
                int lane = g * cg + c;
                for (int j = 0; j < states; j++) {
                    state[j * frame + lane] = from[at + j];
                }
            }
        }
    }

    /** The odd extension's head ({@link ForwardBackward#head}): the state entering segment 0 of every channel into z[0]. */
    private static void head(double[] flat, double[] zi, int pad, FrameReader in, double[] z) {
        int channels = in.channels();
        int frame = SosKernel.frameFor(channels);
        double[] lanes = ForwardBackward.head(flat, zi, pad, in, 0, channels, frame);
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < zi.length; j++) {
                z[c * zi.length + j] = lanes[j * frame + c];
            }
        }
    }

    /**
     * The odd extension's tail ({@link ForwardBackward#tail}) for channels [c0, c0 + cg), from
     * the forward state at the signal's end (z[segments]); the backward state entering the
     * signal's end goes to b[segments].
     */
    private static void tail(double[] flat, double[] zi, int pad, FrameReader in, double[] z, int segments, double[] b, int c0, int cg) {
        int channels = in.channels();
        int states = zi.length;
        int frame = SosKernel.frameFor(cg);
        double[] lanes = new double[states * frame];
        for (int k = 0; k < cg; k++) {
            for (int j = 0; j < states; j++) {
                lanes[j * frame + k] = z[(segments * channels + c0 + k) * states + j];
            }
        }
        double[] back = ForwardBackward.tail(flat, zi, pad, in, c0, cg, frame, lanes);
        for (int k = 0; k < cg; k++) {
            for (int j = 0; j < states; j++) {
                b[(segments * channels + c0 + k) * states + j] = back[j * frame + k];
            }
        }
    }
}
