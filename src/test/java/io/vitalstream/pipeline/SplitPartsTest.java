package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.FrameReader;
import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.dsp.Parallelism;
import io.vitalstream.dsp.TimeParallelIir;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job's stage handed out in parts as cluster mode hands them to other replicas ({@link
 * JobSpread}): IIR sweeps in task ranges, window filters in frame ranges, each part
 * computed apart (fresh state arrays, its own output buffer) and the parts taken in a shuffled
 * order. The job's result is the bits of the same job run whole, for every stage the split
 * covers.
 */
class SplitPartsTest {

    /** Parts of random sizes, in a random order, each computed as another process would. */
    static final class Elsewhere implements JobSpread {
        private final Random rnd;
        int parts;

        Elsewhere(long seed) {
            this.rnd = new Random(seed);
        }

        @Override
        public boolean wants(long frames, int channels) {
            return true;
        }

        private List<long[]> cut(long n, long unit) {
            List<long[]> out = new ArrayList<>();
            long units = (n + unit - 1) / unit;
            for (long u = 0; u < units; ) {
                long next = Math.min(units, u + 1 + rnd.nextInt(3));
                out.add(new long[] {u * unit, Math.min(n, next * unit), next - u});
                u = next;
            }
            Collections.shuffle(out, rnd);
            parts += out.size();
            return out;
        }

        @Override
        public void zeroState(TimeParallelIir.Sweep sweep, FrameReader in, double[] z, double[] b, TimeParallelIir.Progress progress) {
            for (long[] p : cut(sweep.tasks(), 1)) {
                int from = (int) p[0];
                int to = (int) p[1];
                double[] z2 = sweep.newStates();
                double[] b2 = sweep.newStates();
                sweep.zeroState(in, from, to, Parallelism.serial(), z2, b2);
                System.arraycopy(z2, sweep.zFrom(from), z, sweep.zFrom(from), sweep.zFrom(to) - sweep.zFrom(from));
                if (sweep.zeroPhase()) {
                    System.arraycopy(b2, sweep.bFrom(from), b, sweep.bFrom(from), sweep.bFrom(to) - sweep.bFrom(from));
                }
                for (int t = from; t < to; t++) {
                    progress.taskDone(TimeParallelIir.Phase.ZERO_STATE, 0);
                }
            }
        }

        @Override
        public void fin(TimeParallelIir.Sweep sweep, FrameReader in, FrameWriter out, double[] z, double[] b,
                        TimeParallelIir.Progress progress) {
            for (long[] p : cut(sweep.tasks(), 1)) {
                long first = sweep.firstFrame((int) p[0]);
                long end = sweep.endFrame((int) p[1]);
                double[] part = inPart(first, end, sweep.channels(),
                        w -> sweep.fin(in, w, (int) p[0], (int) p[1], Parallelism.serial(), z.clone(), b == null ? null : b.clone()));
                out.write(first, (int) (end - first), part, 0, sweep.channels());
                for (long t = p[0]; t < p[1]; t++) {
                    progress.taskDone(TimeParallelIir.Phase.FINAL, 0);
                }
            }
        }

        @Override
        public void ranges(long frames, int channels, int chunkFrames, RangeTask local, FrameWriter out, IntConsumer chunksDone) {
            for (long[] p : cut(frames, chunkFrames)) {
                double[] part = inPart(p[0], p[1], channels, w -> local.run(p[0], p[1], w));
                out.write(p[0], (int) (p[1] - p[0]), part, 0, channels);
                chunksDone.accept((int) p[2]);
            }
        }

        /** Whole frames [first, end) computed into a buffer of their own. */
        private static double[] inPart(long first, long end, int channels, java.util.function.Consumer<FrameWriter> compute) {
            double[] part = new double[(int) (end - first) * channels];
            compute.accept((start, count, src, offset, frame) -> {
                for (int i = 0; i < count; i++) {
                    System.arraycopy(src, offset + i * frame, part, (int) (start - first + i) * channels, channels);
                }
            });
            return part;
        }
    }

    @TestFactory
    Stream<DynamicTest> aStageRunInPartsElsewhereGivesTheBitsOfTheWholeRun(@TempDir Path dir) throws Exception {
        Random rnd = new Random(3);
        double[][] x = new double[5][100_003];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] = Math.sin(2 * Math.PI * (c + 1) * i / 500.0) + 0.3 * rnd.nextGaussian() + (i > 40_000 ? c : 0);
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        try (OutOfCoreRuns runs = new OutOfCoreRuns(dir)) {
            Path input = runs.write("split.npy", x);
            PipelineSettings settings = OutOfCoreRuns.smallShare(8L * 8 * 7000); // chunks of 7000 frames
            int n = 0;
            for (Map.Entry<String, List<FilterSpec>> f : PipelineExactnessTest.filters().entrySet()) {
                FilterSpec stage = f.getValue().get(0);
                if (f.getValue().size() != 1 || !(stage instanceof FilterSpec.Iir || RangeStages.byRanges(stage))) {
                    continue;
                }
                double[][] whole = runs.run(input, 500, stage, settings, new RunControl(null));
                RunControl split = new RunControl(null);
                Elsewhere elsewhere = new Elsewhere(++n);
                split.spread(elsewhere);
                double[][] parts = runs.run(input, 500, stage, settings, split);
                tests.add(DynamicTest.dynamicTest(f.getKey(), () -> {
                    assertTrue(elsewhere.parts > 1, "run in " + elsewhere.parts + " part(s)");
                    PipelineExactnessTest.assertBitForBit(whole, parts);
                }));
            }
        }
        assertTrue(tests.size() >= 9, tests.size() + " stages");
        return tests.stream();
    }
}
