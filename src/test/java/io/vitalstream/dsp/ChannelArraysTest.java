package io.vitalstream.dsp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The transposes between channel arrays and interleaved lanes, every stream width they use, against the obvious loops. */
class ChannelArraysTest {

    @Test
    void channelRangesGoIntoLanesAndBackForEveryWidth() {
        Random rnd = new Random(5);
        int n = 300;
        for (int channels = 1; channels <= 21; channels++) {
            double[][] x = new double[channels][n];
            for (double[] c : x) {
                for (int i = 0; i < n; i++) {
                    c[i] = rnd.nextGaussian();
                }
            }
            ChannelArrays arrays = new ChannelArrays(x);
            for (int first = 0; first < channels; first += 3) {
                int count = channels - first;
                int frame = count + 2;
                int start = 17;
                int frames = n - start - 5;
                double[] lanes = new double[frames * frame + 1];
                arrays.read(start, frames, first, count, lanes, 1, frame);
                for (int i = 0; i < frames; i++) {
                    for (int k = 0; k < count; k++) {
                        assertEquals(x[first + k][start + i], lanes[1 + i * frame + k], 0.0, channels + " channels from " + first);
                    }
                }
                double[][] back = new double[channels][n];
                for (int i = 0; i < frames * frame + 1; i++) {
                    lanes[i] = -lanes[i];
                }
                new ChannelArrays(back).writePieces(new long[] {start}, 1, frames, first, count, java.util.Arrays.copyOfRange(lanes, 1, lanes.length),
                        frame);
                for (int k = 0; k < channels; k++) {
                    for (int i = 0; i < n; i++) {
                        boolean written = k >= first && i >= start && i < start + frames;
                        assertEquals(written ? -x[k][i] : 0.0, back[k][i], 0.0, channels + " channels from " + first + ", channel " + k + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void piecesOfOneChannelGoIntoLanesAndBack() {
        Random rnd = new Random(6);
        int n = 5000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        ChannelArrays arrays = new ChannelArrays(new double[][] {x});
        for (int pieces : new int[] {1, 3, 4, 8, 12, 16, 24}) {
            for (int count : new int[] {1, 7, 8, 61, 200}) {
                long[] starts = new long[pieces];
                for (int g = 0; g < pieces; g++) {
                    starts[g] = 11 + g * (count + g % 3); // apart by count or a little more
                }
                int frame = pieces + pieces % 5;
                double[] lanes = new double[count * frame];
                arrays.readPieces(starts, pieces, count, 0, 1, lanes, frame);
                for (int i = 0; i < count; i++) {
                    for (int g = 0; g < pieces; g++) {
                        assertEquals(x[(int) starts[g] + i], lanes[i * frame + g], 0.0, pieces + " pieces of " + count);
                    }
                }
                for (int i = 0; i < lanes.length; i++) {
                    lanes[i] = -lanes[i];
                }
                double[] back = new double[n];
                new ChannelArrays(new double[][] {back}).writePieces(starts, pieces, count, 0, 1, lanes, frame);
                for (int i = 0; i < n; i++) {
                    boolean written = false;
                    for (long start : starts) {
                        written |= i >= start && i < start + count;
                    }
                    assertEquals(written ? -x[i] : 0.0, back[i], 0.0, pieces + " pieces of " + count + " at " + i);
                }
            }
        }
    }

    @Test
    void allocatingArraysTakePiecesOfOneChannelFromSeveralThreads() throws Exception {
        int n = 40_000;
        int pieces = 8;
        int count = n / pieces;
        ChannelArrays out = ChannelArrays.allocating(3, n);
        assertEquals(n, out.frames());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int g = 0; g < pieces; g++) {
                int piece = g;
                done.add(pool.submit(() -> {
                    double[] lanes = new double[count];
                    for (int i = 0; i < count; i++) {
                        lanes[i] = piece * count + i + 1;
                    }
                    out.writePieces(new long[] {(long) piece * count}, 1, count, 1, 1, lanes, 1);
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double[][] x = out.arrays();
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, x[1][i], 0.0, "channel 1 at " + i + ": a piece written into an array another thread replaced");
            assertEquals(0.0, x[0][i], 0.0, "channel 0, never written, is zeros");
            assertEquals(0.0, x[2][i], 0.0, "channel 2, never written, is zeros");
        }
    }
}
