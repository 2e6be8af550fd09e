package io.vitalstream.jobs;

import io.vitalstream.dsp.FrameReader;
import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.dsp.Parallelism;
import io.vitalstream.dsp.TimeParallelIir;
import io.vitalstream.pipeline.RunControl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One job's work shared with the other replicas (cluster mode): the time-parallel IIR's two
 * sweeps, each cut into parts (contiguous ranges of segment tasks), or a window filter's output
 * cut into ranges of whole chunks; parts are queued on the job's own stream
 * {@code vs:tasks:<job>}; replicas with a free runner take parts, the owner (the job's runner)
 * takes them too, and an idle part (its helper died) is reclaimed after the lease. A helper
 * writes the final states of its segments (sweep 1) to the job's scratch folder on the shared
 * data dir, and its output frames straight into the owner's output file, at their place and in
 * its encoding; a marker file says a part is done. Parts are the same steps the owner would run
 * ({@link TimeParallelIir.Sweep}, the engine's window ranges), so the output bits do not depend
 * on who ran what.
 */
final class ClusterSplit implements io.vitalstream.pipeline.JobSpread {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClusterSplit.class);

    static final String SPLITS = "vs:splits";

    private final ClusterStore cluster;
    private final String job;
    private final Path dir;
    private final RunControl control;
    private final Parallelism threads;
    private final long minBytes;
    private final int wantedParts;
    private final Map<String, Integer> byNode = new TreeMap<>();
    /** The stage's output file, when helpers can write their frames into it directly (a binary result). */
    private volatile io.vitalstream.io.BinaryWriter.Region region;

    ClusterSplit(ClusterStore cluster, String job, Path scratch, RunControl control, Parallelism threads, long minBytes, int parts) {
        this.cluster = cluster;
        this.job = job;
        this.dir = scratch.resolve("split-" + UUID.randomUUID());
        this.control = control;
        this.threads = threads;
        this.minBytes = minBytes;
        this.wantedParts = Math.max(1, parts);
    }

    static String stream(String job) {
        return "vs:tasks:" + job;
    }

    /** Large enough, and the output a binary file the helpers can write their frames into (told first by {@link #writesTo}). */
    @Override
    public boolean wants(long frames, int channels) {
        return region != null && frames * channels * 4L >= minBytes;
    }

    private List<int[]> parts(int tasks) {
        int n = Math.min(tasks, wantedParts);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new int[] {(int) ((long) tasks * i / n), (int) ((long) tasks * (i + 1) / n)});
        }
        return out;
    }

    @Override
    public void writesTo(io.vitalstream.io.SignalSink sink) {
        region = sink.region().orElse(null);
    }

    private void ensureDir() {
        io.vitalstream.io.Channels.unchecked(() -> Files.createDirectories(dir));
    }

    /** Window filters: output frames cut at chunk boundaries into parts (sweep 3: frames, not tasks). */
    @Override
    public void ranges(long frames, int channels, int chunkFrames, RangeTask local, FrameWriter out, java.util.function.IntConsumer chunksDone) {
        ensureDir();
        long chunks = (frames + chunkFrames - 1) / chunkFrames;
        int n = (int) Math.min(chunks, wantedParts);
        List<long[]> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long c0 = chunks * i / n;
            long c1 = chunks * (i + 1) / n;
            parts.add(new long[] {c0 * chunkFrames, Math.min(frames, c1 * chunkFrames), c1 - c0});
        }
        sweepParts(3, parts, chunkFrames, i -> local.run(parts.get(i)[0], parts.get(i)[1], out),
                i -> { }, // the helper wrote its frames into the output
                i -> chunksDone.accept((int) parts.get(i)[2]));
        control.note("split into " + parts.size() + " parts over the replicas; parts run by " + byNode);
    }

    @Override
    public void zeroState(TimeParallelIir.Sweep sweep, FrameReader in, double[] z, double[] b, TimeParallelIir.Progress progress) {
        ensureDir();
        List<int[]> parts = parts(sweep.tasks());
        sweepParts(1, asLongs(parts), 0, i -> {
            int[] p = parts.get(i);
            sweep.zeroState(in, p[0], p[1], threads, z, b);
        }, i -> {
            int[] p = parts.get(i);
            double[] slots = readDoubles(partFile(1, i));
            int zn = sweep.zFrom(p[1]) - sweep.zFrom(p[0]);
            System.arraycopy(slots, 0, z, sweep.zFrom(p[0]), zn);
            if (sweep.zeroPhase()) {
                System.arraycopy(slots, zn, b, sweep.bFrom(p[0]), sweep.bFrom(p[1]) - sweep.bFrom(p[0]));
            }
        }, i -> {
            for (int t = parts.get(i)[0]; t < parts.get(i)[1]; t++) {
                progress.taskDone(TimeParallelIir.Phase.ZERO_STATE, 0);
            }
        });
    }

    @Override
    public void fin(TimeParallelIir.Sweep sweep, FrameReader in, FrameWriter out, double[] z, double[] b,
                    TimeParallelIir.Progress progress) {
        // the scanned states for the helpers, published atomically before any sweep-2 part is queued
        double[] states = new double[z.length + (sweep.zeroPhase() ? b.length : 0)];
        System.arraycopy(z, 0, states, 0, z.length);
        if (sweep.zeroPhase()) {
            System.arraycopy(b, 0, states, z.length, b.length);
        }
        writeDoubles(dir.resolve("states.bin"), states, 0, states.length);
        List<int[]> parts = parts(sweep.tasks());
        boolean[] done = new boolean[parts.size()];
        sweepParts(2, asLongs(parts), 0, i -> {
            int[] p = parts.get(i);
            sweep.fin(in, out, p[0], p[1], threads, z, b);
        }, i -> {
            // the helper wrote its frames into the output
        }, i -> {
            done[i] = true;
            int prefix = 0;
            while (prefix < done.length && done[prefix]) {
                prefix++;
            }
            long committed = prefix == 0 ? 0 : sweep.endFrame(parts.get(prefix - 1)[1]);
            for (int t = parts.get(i)[0]; t < parts.get(i)[1]; t++) {
                progress.taskDone(TimeParallelIir.Phase.FINAL, committed);
            }
        });
        control.note("split into " + parts.size() + " parts per sweep over the replicas; parts run by " + byNode);
    }

    private interface Part {
        void run(int part);
    }

    private static List<long[]> asLongs(List<int[]> parts) {
        return parts.stream().map(p -> new long[] {p[0], p[1]}).toList();
    }

    /**
     * Queues a sweep's parts and sees them all done: parts helpers finished are collected, the
     * owner takes queued parts itself, and parts idle past the lease (a helper died) are
     * reclaimed and run here.
     */
    private void sweepParts(int sweep, List<long[]> parts, int chunkFrames, Part local, Part collect, Part done) {
        String stream = stream(job);
        cluster.cmd("DEL", stream);
        cluster.cmd("XGROUP", "CREATE", stream, ClusterStore.GROUP, "0", "MKSTREAM");
        for (int i = 0; i < parts.size(); i++) {
            List<String> fields = new ArrayList<>(List.of(stream, "*", "job", job, "dir", dir.getFileName().toString(), "sweep",
                    Integer.toString(sweep), "part", Integer.toString(i), "from", Long.toString(parts.get(i)[0]), "to",
                    Long.toString(parts.get(i)[1]), "chunk", Integer.toString(chunkFrames)));
            io.vitalstream.io.BinaryWriter.Region r = region;
            if (sweep != 1) {
                fields.addAll(List.of("out", r.path().toString(), "dtype", r.type().name(), "channels", Integer.toString(r.channels()),
                        "frames", Long.toString(r.frames()), "offset", Long.toString(r.dataOffset())));
            }
            cluster.cmd("XADD", fields.toArray(String[]::new));
        }
        cluster.cmd("SADD", SPLITS, job);
        boolean[] finished = new boolean[parts.size()];
        int left = parts.size();
        try {
            long lastCheck = System.nanoTime();
            while (left > 0) {
                control.checkpoint(); // a cancel event from any replica cancels the control at once
                if (System.nanoTime() - lastCheck > 1_000_000_000L) {
                    lastCheck = System.nanoTime();
                    if (cluster.cancelRequested(job)) { // the fallback when the event was lost
                        control.cancel();
                        control.checkpoint();
                    }
                }
                boolean progressed = false;
                for (int i = 0; i < parts.size(); i++) {
                    if (!finished[i] && Files.exists(partFile(sweep, i))) {
                        long t0 = System.nanoTime();
                        collect.run(i);
                        LOG.debugf("job %s sweep %d: part %d from %s collected in %.0f ms", job, sweep, i, nodeOf(sweep, i),
                                (System.nanoTime() - t0) / 1e6);
                        finished[i] = true;
                        left--;
                        count(nodeOf(sweep, i));
                        done.run(i);
                        progressed = true;
                    }
                }
                if (progressed || left == 0) {
                    continue;
                }
                List<ClusterStore.Entry> mine = cluster.takeFrom(stream, 1, 0);
                if (mine.isEmpty()) {
                    mine = cluster.reclaimFrom(stream, 1);
                }
                if (mine.isEmpty()) {
                    Thread.sleep(20);
                    continue;
                }
                ClusterStore.Entry e = mine.get(0);
                int i = Integer.parseInt(e.fields().get("part"));
                if (!finished[i] && !Files.exists(partFile(sweep, i))) {
                    long t0 = System.nanoTime();
                    local.run(i);
                    LOG.debugf("job %s sweep %d: part %d run here in %.0f ms", job, sweep, i, (System.nanoTime() - t0) / 1e6);
                    finished[i] = true;
                    left--;
                    count(cluster.node());
                    done.run(i);
                }
                cluster.cmd("XACK", stream, ClusterStore.GROUP, e.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.vitalstream.pipeline.CancelledException();
        } finally {
            if (sweep != 1 || left > 0) {
                try {
                    cluster.cmd("SREM", SPLITS, job);
                    cluster.cmd("DEL", stream);
                } catch (RuntimeException ignored) {
                    // Redis away: the stream is removed by the next split of this job or stays harmless
                }
            }
        }
    }

    private void count(String node) {
        byNode.merge(node, 1, Integer::sum);
    }

    private String nodeOf(int sweep, int part) {
        try {
            return Files.readString(dir.resolve("p" + sweep + "-" + part + ".node")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private Path partFile(int sweep, int part) {
        return dir.resolve("p" + sweep + "-" + part + ".bin");
    }

    // --- a helper's side ----------------------------------------------------------------------

    /**
     * Runs one part of another replica's split job: the job's input opened here, the same sweep
     * steps, the result into the job's split folder (written aside, then moved into place).
     */
    static void helpWith(Map<String, String> task, TimeParallelIir.Sweep sweep, FrameReader in, Path scratch, Parallelism threads,
                         String node) {
        Path dir = scratch.resolve(task.get("dir"));
        if (!Files.isDirectory(dir)) {
            return; // the owner has moved on (a newer split, or the job ended)
        }
        int sweepNo = Integer.parseInt(task.get("sweep"));
        int part = Integer.parseInt(task.get("part"));
        int from = Integer.parseInt(task.get("from"));
        int to = Integer.parseInt(task.get("to"));
        Path target = dir.resolve("p" + sweepNo + "-" + part + ".bin");
        Path tmp = dir.resolve("p" + sweepNo + "-" + part + "." + node + ".tmp");
        if (sweepNo == 1) {
            double[] z = sweep.newStates();
            double[] b = sweep.zeroPhase() ? sweep.newStates() : null;
            sweep.zeroState(in, from, to, threads, z, b);
            int zn = sweep.zFrom(to) - sweep.zFrom(from);
            int bn = sweep.zeroPhase() ? sweep.bFrom(to) - sweep.bFrom(from) : 0;
            double[] slots = new double[zn + bn];
            System.arraycopy(z, sweep.zFrom(from), slots, 0, zn);
            if (bn > 0) {
                System.arraycopy(b, sweep.bFrom(from), slots, zn, bn);
            }
            writeDoubles(tmp, slots, 0, slots.length);
        } else {
            double[] states = readDoubles(dir.resolve("states.bin"));
            double[] z = java.util.Arrays.copyOf(states, sweep.newStates().length);
            double[] b = sweep.zeroPhase() ? java.util.Arrays.copyOfRange(states, z.length, states.length) : null;
            try (io.vitalstream.io.BinaryWriter w = io.vitalstream.io.BinaryWriter.into(regionOf(task))) {
                sweep.fin(in, w::write, from, to, threads, z, b);
            }
            writeDoubles(tmp, new double[0], 0, 0); // the marker: the frames are in the output already
        }
        publish(dir, sweepNo, part, tmp, target, node);
    }

    /** Sweep 3 of a window-filter job: output frames [from, to) of the stage, straight into the owner's output. */
    static void helpRange(Map<String, String> task, io.vitalstream.dsp.FilterSpec stage, io.vitalstream.io.SignalSource in, Path scratch,
                          String node) {
        Path dir = scratch.resolve(task.get("dir"));
        if (!Files.isDirectory(dir)) {
            return;
        }
        int part = Integer.parseInt(task.get("part"));
        long from = Long.parseLong(task.get("from"));
        long to = Long.parseLong(task.get("to"));
        Path target = dir.resolve("p3-" + part + ".bin");
        Path tmp = dir.resolve("p3-" + part + "." + node + ".tmp");
        try (io.vitalstream.io.BinaryWriter w = io.vitalstream.io.BinaryWriter.into(regionOf(task))) {
            io.vitalstream.pipeline.RangeStages.range(stage, in, from, to, Integer.parseInt(task.get("chunk")), w::write);
        }
        writeDoubles(tmp, new double[0], 0, 0); // the marker: the frames are in the output already
        publish(dir, 3, part, tmp, target, node);
    }

    /** The owner's output file and its layout, as the task names them. */
    private static io.vitalstream.io.BinaryWriter.Region regionOf(Map<String, String> task) {
        return new io.vitalstream.io.BinaryWriter.Region(Path.of(task.get("out")), io.vitalstream.io.SampleType.valueOf(task.get("dtype")),
                Integer.parseInt(task.get("channels")), Long.parseLong(task.get("frames")), Long.parseLong(task.get("offset")));
    }

    private static void publish(Path dir, int sweep, int part, Path tmp, Path target, String node) {
        try {
            Files.writeString(dir.resolve("p" + sweep + "-" + part + ".node"), node);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- files of doubles ---------------------------------------------------------------------

    private static void writeDoubles(Path file, double[] v, int from, int count) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ByteBuffer buf = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(v, from, count);
        try {
            Files.write(tmp, buf.array());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] readDoubles(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            double[] v = new double[bytes.length / 8];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
