package io.vitalstream.dsp;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A segmented run whose sweeps are cut into parts done "elsewhere" (as cluster mode hands
 * them to other replicas): each part computed by a separate {@link TimeParallelIir.Sweep}
 * into its own arrays, only its slots (sweep 1) or frames (sweep 2) copied back, parts in a
 * shuffled order, on one or two threads. The result is the bits of the ordinary run.
 */
class SpreadSweepTest {

    /** Parts of random sizes, run in a random order, each on fresh arrays as another process would. */
    static final class Shuffled implements TimeParallelIir.Spread {
        private final Random rnd;
        private final Parallelism threads;
        int parts;

        Shuffled(long seed, Parallelism threads) {
            this.rnd = new Random(seed);
            this.threads = threads;
        }

        @Override
        public boolean wants(long frames, int channels) {
            return true;
        }

        private List<int[]> cut(int tasks) {
            List<int[]> out = new ArrayList<>();
            for (int from = 0; from < tasks; ) {
                int to = Math.min(tasks, from + 1 + rnd.nextInt(4));
                out.add(new int[] {from, to});
                from = to;
            }
            Collections.shuffle(out, rnd);
            parts = out.size();
            return out;
        }

        @Override
        public void zeroState(TimeParallelIir.Sweep sweep, FrameReader in, double[] z, double[] b, TimeParallelIir.Progress progress) {
            for (int[] p : cut(sweep.tasks())) {
                double[] z2 = sweep.newStates();
                double[] b2 = sweep.newStates();
                sweep.zeroState(in, p[0], p[1], threads, z2, b2);
                System.arraycopy(z2, sweep.zFrom(p[0]), z, sweep.zFrom(p[0]), sweep.zFrom(p[1]) - sweep.zFrom(p[0]));
                if (sweep.zeroPhase()) {
                    System.arraycopy(b2, sweep.bFrom(p[0]), b, sweep.bFrom(p[0]), sweep.bFrom(p[1]) - sweep.bFrom(p[0]));
                }
            }
        }

        @Override
        public void fin(TimeParallelIir.Sweep sweep, FrameReader in, FrameWriter out, double[] z, double[] b,
                        TimeParallelIir.Progress progress) {
            for (int[] p : cut(sweep.tasks())) {
                long first = sweep.firstFrame(p[0]);
                int count = (int) (sweep.endFrame(p[1]) - first);
                int channels = sweep.channels();
                double[] part = new double[count * channels];
                sweep.fin(in, new FrameWriter() {
                    @Override
                    public void write(long start, int n, double[] src, int offset, int frame) {
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(src, offset + i * frame, part, (int) (start - first + i) * channels, channels);
                        }
                    }
                }, p[0], p[1], threads, z.clone(), b == null ? null : b.clone());
                out.write(first, count, part, 0, channels);
            }
        }
    }

    @Test
    void partsDoneAnywhereGiveTheBitsOfTheOrdinaryRun() {
        Parallelism two = Parallelism.of(TimeParallelIirTest.POOL, 2);
        int cases = 0;
        for (int channels : new int[] {1, 3, 5, 7}) {
            for (boolean zeroPhase : new boolean[] {false, true}) {
                for (Parallelism threads : new Parallelism[] {Parallelism.serial(), two}) {
                    Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, 500, 1, 40);
                    int n = 40_000 + 17 * channels;
                    double[][] x = TimeParallelIirTest.signal(channels, n, 5 + channels);
                    SegmentPlan plan = SegmentPlan.of(n, 1024);
                    double[][] expected = TimeParallelIirTest.timeParallel(sos, x, zeroPhase, plan, two);
                    double[][] got = new double[channels][n];
                    Shuffled spread = new Shuffled(channels * 31L + (zeroPhase ? 1 : 0), threads);
                    if (zeroPhase) {
                        TimeParallelIir.zeroPhase(sos, new ChannelArrays(x), new ChannelArrays(got), plan, threads,
                                TimeParallelIir.Progress.NONE, spread);
                    } else {
                        TimeParallelIir.causal(sos, new ChannelArrays(x), new ChannelArrays(got), plan, threads,
                                TimeParallelIir.Progress.NONE, spread);
                    }
                    for (int c = 0; c < channels; c++) {
                        assertArrayEquals(expected[c], got[c], channels + " channels, zero-phase " + zeroPhase + ", channel " + c);
                    }
                    cases++;
                }
            }
        }
        assertEquals(16, cases);
    }
}
