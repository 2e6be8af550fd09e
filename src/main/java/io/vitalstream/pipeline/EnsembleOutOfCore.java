package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.Ensemble;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalSink;
import io.vitalstream.io.SignalSource;

import java.nio.file.Path;
import java.util.List;

/**
 * An ensemble on a recording too long for memory: every member runs out of core as it would
 * alone ({@link OutOfCore}), into float64 scratch files, and the outputs are combined chunk by
 * chunk with the in-memory arithmetic (mean, median, weighted; boosting over the residuals;
 * bagging over resampled signals drawn in the in-memory order). A member that cannot stream
 * fails the job as it would alone. Scratch files are deleted as soon as they are used.
 */
final class EnsembleOutOfCore {

    private final OutOfCore engine;
    private final Ensemble e;
    private final List<FilterSpec> members;
    private final int k;
    private final SignalSource in;
    private final String sourceId;
    private final ChunkPlan plan;
    private final Path scratch;
    private final RunControl control;
    private final String label;
    private final int channels;
    private final long n;

    EnsembleOutOfCore(OutOfCore engine, Ensemble e, SignalSource in, String sourceId, ChunkPlan plan, Path scratch, RunControl control,
                      String label) {
        this.engine = engine;
        this.e = e;
        this.members = e.members();
        this.k = members.size();
        this.in = in;
        this.sourceId = sourceId;
        this.plan = plan;
        this.scratch = scratch;
        this.control = control;
        this.label = label;
        this.channels = in.channels();
        this.n = in.frames();
    }

    /**
     * Chunks reported: the members' own, then combining (one pass), or boosting (a residual and
     * an update pass per further member), or bagging (per round a resampling pass, the member,
     * a summing pass; then the mean).
     */
    static int chunks(Ensemble e, ChunkPlan plan, int channels, long wholeBudget) {
        int total = switch (e.combine()) {
            case BOOSTING -> 2 * plan.count() * (e.members().size() - 1);
            case BAGGING -> plan.count() + Ensemble.BAG_ROUNDS * e.members().size() * (bagPieces(plan) + plan.count());
            case MEAN, MEDIAN, WEIGHTED -> plan.count();
        };
        int perMember = e.combine() == Ensemble.Combine.BAGGING ? 1 + Ensemble.BAG_ROUNDS : 1;
        for (FilterSpec member : e.members()) {
            total += perMember * OutOfCore.chunksFor(member, plan, channels, wholeBudget);
        }
        return total;
    }

    void run(SignalSink out) throws InterruptedException {
        switch (e.combine()) {
            case BOOSTING -> boost(out);
            case BAGGING -> bag(out);
            case MEAN, MEDIAN, WEIGHTED -> combine(out);
        }
    }

    /** A stage's output over {@code in} into a float64 scratch file, reopened as a source. */
    private SignalSource runInto(FilterSpec spec, SignalSource source, String id, Path file, String stage) throws InterruptedException {
        try (BinaryWriter tmp = BinaryWriter.raw(file, SampleType.FLOAT64, channels, n)) {
            engine.run(spec, source, id, tmp, plan, scratch, control, stage, null);
            return tmp.reopen(file);
        }
    }

    /**
     * Boosting on a recording too long for memory, the in-memory arithmetic pass by pass: the
     * first member's output y into a scratch file; for each further member the residual x - y
     * into a scratch file, the member over it, and y + 0.5 f written (to the result after the
     * last member).
     */
    private void boost(SignalSink out) throws InterruptedException {
        if (k == 1) {
            engine.run(members.get(0), in, sourceId, out, plan, scratch, control, OutOfCore.join(label, "member 1/1"), null);
            return;
        }
        String tag = "boost-" + System.identityHashCode(e) + "-";
        List<Path> files = new java.util.ArrayList<>();
        SignalSource y = null;
        try {
            files.add(scratch.resolve(tag + "y0.f64"));
            y = runInto(members.get(0), in, sourceId, files.get(0), OutOfCore.join(label, "member 1/" + k));
            for (int m = 1; m < k; m++) {
                Path rFile = scratch.resolve(tag + "r" + m + ".f64");
                files.add(rFile);
                SignalSource current = y;
                SignalSource residual;
                try (BinaryWriter r = BinaryWriter.raw(rFile, SampleType.FLOAT64, channels, n)) {
                    eachChunk(List.of(in, current), plan, channels, (start, len, xy) -> {
                        for (int i = 0; i < len * channels; i++) {
                            xy[0][i] = xy[0][i] - xy[1][i];
                        }
                        r.write(start, len, xy[0], 0, channels);
                        control.chunkDone(OutOfCore.join(label, "residual"));
                    });
                    residual = r.reopen(rFile);
                }
                Path fFile = scratch.resolve(tag + "f" + m + ".f64");
                files.add(fFile);
                try (residual; SignalSource f = runInto(members.get(m), residual, null, fFile, OutOfCore.join(label, "member " + (m + 1) + "/" + k))) {
                    Path yFile = scratch.resolve(tag + "y" + m + ".f64");
                    boolean last = m == k - 1;
                    if (!last) {
                        files.add(yFile);
                    }
                    try (BinaryWriter next = last ? null : BinaryWriter.raw(yFile, SampleType.FLOAT64, channels, n)) {
                        SignalSink target = last ? out : next;
                        eachChunk(List.of(current, f), plan, channels, (start, len, yf) -> {
                            for (int i = 0; i < len * channels; i++) {
                                yf[0][i] += 0.5 * yf[1][i];
                            }
                            target.write(start, len, yf[0], 0, channels);
                            control.chunkDone(OutOfCore.join(label, "boosting"));
                        });
                        current.close();
                        y = null;
                        if (!last) {
                            y = next.reopen(yFile);
                        }
                    }
                }
            }
        } finally {
            if (y != null) {
                y.close();
            }
            for (Path f : files) {
                OutOfCore.deleteQuietly(f);
            }
        }
    }

    /** Frames per piece of bagging's resampling pass: whole residual blocks, about a chunk. */
    private static int bagPieceFrames(ChunkPlan plan) {
        return Math.max(Ensemble.BAG_BLOCK, plan.chunkFrames() / Ensemble.BAG_BLOCK * Ensemble.BAG_BLOCK);
    }

    private static int bagPieces(ChunkPlan plan) {
        return (int) ((plan.frames() + bagPieceFrames(plan) - 1) / bagPieceFrames(plan));
    }

    /**
     * Bagging on a recording too long for memory, the in-memory arithmetic and random draws in
     * the same order: per member its output y into a scratch file; per round the resampled
     * signal y + (x - y) of randomly drawn 64-frame blocks (read by position) into a scratch
     * file, the member over it, its output added to a running sum file; then the mean.
     */
    private void bag(SignalSink out) throws InterruptedException {
        int block = Ensemble.BAG_BLOCK;
        long blocks = (n + block - 1) / block;
        int pieceFrames = bagPieceFrames(plan);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(e.seed());
        String tag = "bag-" + System.identityHashCode(e) + "-";
        List<Path> files = new java.util.ArrayList<>();
        SignalSource sum = null;
        int count = 0;
        try {
            for (int m = 0; m < k; m++) {
                String member = OutOfCore.join(label, "member " + (m + 1) + "/" + k);
                Path yFile = scratch.resolve(tag + "y" + m + ".f64");
                files.add(yFile);
                try (SignalSource y = runInto(members.get(m), in, sourceId, yFile, member)) {
                    for (int r = 0; r < Ensemble.BAG_ROUNDS; r++) {
                        Path rsFile = scratch.resolve(tag + "rs" + m + "-" + r + ".f64");
                        files.add(rsFile);
                        SignalSource resampled;
                        try (BinaryWriter rs = BinaryWriter.raw(rsFile, SampleType.FLOAT64, channels, n)) {
                            double[] own = new double[pieceFrames * channels];
                            double[] piece = new double[pieceFrames * channels];
                            double[] xs = new double[block * channels];
                            double[] ys = new double[block * channels];
                            for (long p0 = 0; p0 < n; p0 += pieceFrames) {
                                int len = (int) Math.min(pieceFrames, n - p0);
                                y.read(p0, len, own, 0, channels);
                                for (long b = p0 / block; b * block < p0 + len; b++) {
                                    long from = (long) rnd.nextInt((int) blocks) * block;
                                    int avail = (int) Math.min(block, n - from);
                                    in.read(from, avail, xs, 0, channels);
                                    y.read(from, avail, ys, 0, channels);
                                    for (int j = 0; j < block && b * block + j < n; j++) {
                                        int src = Math.min(avail - 1, j);
                                        int at = (int) (b * block + j - p0) * channels;
                                        for (int c = 0; c < channels; c++) {
                                            piece[at + c] = own[at + c] + (xs[src * channels + c] - ys[src * channels + c]);
                                        }
                                    }
                                }
                                rs.write(p0, len, piece, 0, channels);
                                control.chunkDone(OutOfCore.join(member, "resampling round " + (r + 1)));
                            }
                            resampled = rs.reopen(rsFile);
                        }
                        Path zFile = scratch.resolve(tag + "z" + m + "-" + r + ".f64");
                        files.add(zFile);
                        Path sFile = scratch.resolve(tag + "sum" + count + ".f64");
                        files.add(sFile);
                        String summing = OutOfCore.join(member, "summing round " + (count + 1));
                        try (resampled; SignalSource z = runInto(members.get(m), resampled, null, zFile, member);
                             BinaryWriter next = BinaryWriter.raw(sFile, SampleType.FLOAT64, channels, n)) {
                            SignalSource previous = sum;
                            eachChunk(previous == null ? List.of(z) : List.of(z, previous), plan, channels, (start, len, zs) -> {
                                for (int i = 0; i < len * channels; i++) {
                                    zs[0][i] = (previous == null ? 0.0 : zs[1][i]) + zs[0][i];
                                }
                                next.write(start, len, zs[0], 0, channels);
                                control.chunkDone(summing);
                            });
                            if (previous != null) {
                                previous.close();
                            }
                            sum = next.reopen(sFile);
                        }
                        count++;
                        OutOfCore.deleteQuietly(rsFile);
                        OutOfCore.deleteQuietly(zFile);
                    }
                }
                OutOfCore.deleteQuietly(yFile);
            }
            int rounds = count;
            eachChunk(List.of(sum), plan, channels, (start, len, s) -> {
                for (int i = 0; i < len * channels; i++) {
                    s[0][i] /= rounds;
                }
                out.write(start, len, s[0], 0, channels);
                control.chunkDone(OutOfCore.join(label, "mean of " + rounds + " rounds"));
            });
        } finally {
            if (sum != null) {
                sum.close();
            }
            for (Path f : files) {
                OutOfCore.deleteQuietly(f);
            }
        }
    }

    /**
     * An ensemble that combines samples (mean, median, weighted) on a recording too long for
     * memory: each member runs out of core (as it would alone) into a scratch file, the weights
     * come from two passes over those files (the same sums as in memory), and the outputs are
     * combined chunk by chunk. A member that cannot stream fails the job as it would alone.
     */
    private void combine(SignalSink out) throws InterruptedException {
        List<Path> files = new java.util.ArrayList<>();
        List<SignalSource> outputs = new java.util.ArrayList<>();
        try {
            for (int m = 0; m < k; m++) {
                Path file = scratch.resolve("member-" + System.identityHashCode(e) + "-" + m + ".f64");
                files.add(file);
                outputs.add(runInto(members.get(m), in, sourceId, file, OutOfCore.join(label, "member " + (m + 1) + "/" + k)));
            }
            double[][] qualities = new double[channels][k];
            if (e.combine() == Ensemble.Combine.WEIGHTED) {
                Ensemble.Quality[][] q = new Ensemble.Quality[k][channels];
                for (int m = 0; m < k; m++) {
                    for (int c = 0; c < channels; c++) {
                        q[m][c] = new Ensemble.Quality(n);
                    }
                }
                for (int p = 0; p < 2; p++) {
                    boolean meanPass = p == 0;
                    eachChunk(outputs, plan, channels, (start, len, ys) -> {
                        for (int m = 0; m < k; m++) {
                            for (int i = 0; i < len; i++) {
                                for (int c = 0; c < channels; c++) {
                                    if (meanPass) {
                                        q[m][c].addToMean(ys[m][i * channels + c]);
                                    } else {
                                        q[m][c].addToVariances(ys[m][i * channels + c]);
                                    }
                                }
                            }
                        }
                    });
                }
                for (int m = 0; m < k; m++) {
                    for (int c = 0; c < channels; c++) {
                        qualities[c][m] = q[m][c].value();
                    }
                }
            }
            double[][] weights = new double[channels][];
            for (int c = 0; c < channels; c++) {
                weights[c] = e.weights(qualities[c]);
            }
            double[] combined = new double[plan.chunkFrames() * channels];
            double[][] sample = new double[k][channels];
            double[] frame = new double[channels];
            eachChunk(outputs, plan, channels, (start, len, ys) -> {
                for (int i = 0; i < len; i++) {
                    for (int m = 0; m < k; m++) {
                        System.arraycopy(ys[m], i * channels, sample[m], 0, channels);
                    }
                    e.combineFrame(sample, weights, frame);
                    System.arraycopy(frame, 0, combined, i * channels, channels);
                }
                out.write(start, len, combined, 0, channels);
                control.chunkDone(OutOfCore.join(label, "combining " + k + " members"));
            });
        } finally {
            for (SignalSource s : outputs) {
                s.close();
            }
            for (Path f : files) {
                OutOfCore.deleteQuietly(f);
            }
        }
    }

    private interface ChunkOfMembers {
        void accept(long start, int len, double[][] frames);
    }

    /** The members' outputs chunk by chunk, in order. */
    private static void eachChunk(List<SignalSource> outputs, ChunkPlan plan, int channels, ChunkOfMembers body) {
        double[][] ys = new double[outputs.size()][plan.chunkFrames() * channels];
        for (int i = 0; i < plan.count(); i++) {
            long start = plan.start(i);
            int len = plan.length(i);
            for (int m = 0; m < outputs.size(); m++) {
                outputs.get(m).read(start, len, ys[m], 0, channels);
            }
            body.accept(start, len, ys);
        }
    }
}
