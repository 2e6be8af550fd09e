package io.vitalstream.dsp;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocked zero-input correction against the recurrence run from the same state on zeros. */
class ZeroInputResponseTest {

    @Test
    void equalsTheRecurrenceFromTheStateOnZeroInput() {
        Random rnd = new Random(5);
        for (double[] edge : new double[][] {{0.5, 40}, {100, 250}}) {
            for (int order : new int[] {1, 4, 7}) {
                Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, order, edge, 1000, 1, 40);
                int states = 2 * sos.count();
                int lanes = SosKernel.SPECIES.length();
                int frame = lanes;
                int n = 3000; // not a multiple of the 256-sample block
                double[] z = gaussian(rnd, lanes * states);
                int[] at = laneAfterLane(frame, states);
                at[frame - 1] = -1; // a lane from rest
                double[] data = new double[n * frame];
                ZeroInputResponse.of(sos, 4096).add(data, n, frame, z, at);
                for (int l = 0; l < frame; l++) {
                    double[] ref = new double[n];
                    if (at[l] >= 0) {
                        SosKernel.forward(sos.flat(), Arrays.copyOfRange(z, at[l], at[l] + states), new double[n], 0, ref, 0, n, 1);
                    }
                    double peak = Arrays.stream(ref).map(Math::abs).max().orElse(0) + 1e-300;
                    for (int t = 0; t < n; t++) {
                        double got = data[t * frame + l];
                        if (at[l] < 0) {
                            assertEquals(0.0, got, 0.0, "a lane from rest gets nothing added");
                        } else {
                            assertTrue(Math.abs(got - ref[t]) <= 1e-12 * peak, order + " " + Arrays.toString(edge) + " lane " + l
                                    + " t " + t + ": " + got + " against " + ref[t]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLaneGivesTheSameBitsAloneAsAmongOthers() {
        Sos sos = IirDesign.design(IirFamily.CHEBY1, Response.HIGHPASS, 6, new double[] {0.5}, 1000, 1, 40);
        int states = 2 * sos.count();
        int frame = SosKernel.SPECIES.length();
        int n = 1000;
        Random rnd = new Random(9);
        double[] z = gaussian(rnd, frame * states);
        double[] base = gaussian(rnd, n * frame);
        int[] all = laneAfterLane(frame, states);
        double[] together = base.clone();
        ZeroInputResponse zir = ZeroInputResponse.of(sos, n);
        zir.add(together, n, frame, z, all);
        for (int l = 0; l < frame; l++) {
            int[] one = new int[frame];
            Arrays.fill(one, -1);
            one[l] = l * states;
            double[] alone = base.clone();
            zir.add(alone, n, frame, z, one);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int t = 0; t < n; t++) {
                a[t] = alone[t * frame + l];
                b[t] = together[t * frame + l];
            }
            assertArrayEquals(a, b, 0.0, "lane " + l);
        }
    }

    @Test
    void termsBelowTwoToTheMinus64OfTheFirstBlocksBoundAreLeftOut() {
        // all poles well inside the unit circle: the response falls under 2^-64 of its start
        // within the first block, so later blocks add nothing, where adding the terms would
        // still give tiny non-zero values (far above the 2^-900 at which states are cleared)
        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {100, 250}, 1000, 1, 40);
        int states = 2 * sos.count();
        int frame = SosKernel.SPECIES.length();
        int n = 2000;
        double[] z = gaussian(new Random(11), frame * states);
        int[] at = laneAfterLane(frame, states);
        double[] data = new double[n * frame];
        ZeroInputResponse.of(sos, n).add(data, n, frame, z, at);
        int skipped = 0;
        for (int l = 0; l < frame; l++) {
            double[] ref = new double[n];
            SosKernel.forward(sos.flat(), Arrays.copyOfRange(z, at[l], at[l] + states), new double[n], 0, ref, 0, n, 1);
            double start = Arrays.stream(ref, 0, 256).map(Math::abs).max().orElse(0);
            for (int t = 0; t < n; t++) {
                double got = data[t * frame + l];
                assertTrue(Math.abs(got - ref[t]) <= 1e-12 * start, "lane " + l + " t " + t);
                if (t >= 512) {
                    assertEquals(0.0, got, 0.0, "lane " + l + " t " + t + ": response " + ref[t]);
                    skipped += ref[t] != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(skipped > 1000, "the recurrence still has non-zero terms there: " + skipped);
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    /** Lane l starts from the states at l * states. */
    private static int[] laneAfterLane(int frame, int states) {
        int[] at = new int[frame];
        for (int l = 0; l < frame; l++) {
            at[l] = l * states;
        }
        return at;
    }
}
