package io.vitalstream.kernels;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SosKernelTest {

    private static final double[] SOS = IirDesign.design(IirFamily.ELLIP, Response.BANDPASS, 4,
            new double[] {0.5, 40}, 500, 1, 40).flat();

    @Test
    void vectorLanesEqualScalarBitForBitForwardAndBackward() {
        Random rnd = new Random(7);
        for (int channels : new int[] {1, 3, 8, 9, 16, 17, 32}) {
            int n = 1000 + rnd.nextInt(500);
            int lanes = SosKernel.SPECIES.length();
            int frame = (channels + lanes - 1) / lanes * lanes; // the vector form's padded frame
            double[] data = new double[n * frame];
            double[][] scalar = new double[channels][n];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    double v = rnd.nextGaussian() + (i % 97 == 0 ? 5 : 0);
                    scalar[c][i] = v;
                    data[i * frame + c] = v;
                }
            }
            for (boolean backward : new boolean[] {false, true}) {
                double[] zi = new double[SOS.length / 3 * frame];
                SosKernel.lanes(SOS, zi, data, 0, n, frame, backward);
                for (int c = 0; c < channels; c++) {
                    double[] state = new double[SOS.length / 3];
                    if (backward) {
                        SosKernel.backward(SOS, state, scalar[c], 0, scalar[c], 0, n, 1);
                    } else {
                        SosKernel.forward(SOS, state, scalar[c], 0, scalar[c], 0, n, 1);
                    }
                    double[] lane = new double[n];
                    for (int i = 0; i < n; i++) {
                        lane[i] = data[i * frame + c];
                    }
                    assertArrayEquals(scalar[c], lane, 0.0, "channel " + c + " of " + channels + (backward ? " backward" : " forward"));
                }
            }
        }
    }

    @Test
    void dispatcherGivesTheSameBitsOnTheScalarAndVectorPaths() {
        Random rnd = new Random(13);
        int n = 3000;
        for (int channels = 1; channels <= SosKernel.SCALAR_MAX_CHANNELS + 2; channels++) {
            int lanes = SosKernel.SPECIES.length();
            int frame = (channels + lanes - 1) / lanes * lanes; // lanes() needs whole vectors
            double[] data = new double[n * frame];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    data[i * frame + c] = rnd.nextGaussian();
                }
            }
            for (boolean backward : new boolean[] {false, true}) {
                double[] viaRun = data.clone();
                double[] viaLanes = data.clone();
                double[] z1 = new double[SOS.length / 3 * frame];
                double[] z2 = new double[SOS.length / 3 * frame];
                SosKernel.run(SOS, z1, viaRun, 0, n, frame, channels, backward);
                SosKernel.lanes(SOS, z2, viaLanes, 0, n, frame, backward);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        assertEquals(Double.doubleToRawLongBits(viaLanes[i * frame + c]), Double.doubleToRawLongBits(viaRun[i * frame + c]));
                    }
                }
                for (int k = 0; k < z1.length; k++) {
                    if (k % frame < channels) {
                        assertEquals(z2[k], z1[k], 0.0, "state");
                    }
                }
            }
        }
    }

    @Test
    void stateCarriedAcrossChunksGivesTheWholeSignalsOutput() {
        Random rnd = new Random(11);
        int n = 5000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] whole = new double[n];
        SosKernel.forward(SOS, new double[SOS.length / 3], x, 0, whole, 0, n, 1);
        for (int chunk : new int[] {1, 7, 64, 1000, 4999}) {
            double[] pieces = new double[n];
            double[] zi = new double[SOS.length / 3];
            for (int start = 0; start < n; start += chunk) {
                SosKernel.forward(SOS, zi, x, start, pieces, start, Math.min(chunk, n - start), 1);
            }
            assertArrayEquals(whole, pieces, 0.0, "chunk " + chunk);
        }
    }

    @Test
    void blockPathsEqualTheReferenceRecurrenceForEverySectionCount() {
        Random rnd = new Random(17);
        for (int order = 1; order <= 10; order++) {
            io.vitalstream.dsp.design.Sos design = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, order,
                    new double[] {0.5, 40}, 1000, 1, 40);
            double[] sos = design.flat();
            int n = 1 + rnd.nextInt(3_000); // odd block tails
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextGaussian();
            }
            for (boolean backward : new boolean[] {false, true}) {
                double[] expected = new double[n];
                if (backward) {
                    SosKernel.backward(sos, new double[sos.length / 3], x, 0, expected, 0, n, 1);
                } else {
                    SosKernel.forward(sos, new double[sos.length / 3], x, 0, expected, 0, n, 1);
                }
                String what = "order " + order + " (" + sos.length / 6 + " sections), n " + n + (backward ? " backward" : "");
                double[] scalar = x.clone();
                SosKernel.run(sos, new double[sos.length / 3], scalar, 0, n, 1, 1, backward);
                assertArrayEquals(expected, scalar, 0.0, "scalar block path, " + what);
                // three lane groups (a pair and a single one for lanesByPair), the signal in one
                // lane of each, zeros elsewhere
                int lanes = SosKernel.SPECIES.length();
                int frame = 3 * lanes;
                int[] used = {lanes - 1, lanes + lanes / 2, 2 * lanes + 1};
                double[] framed = new double[n * frame];
                for (int i = 0; i < n; i++) {
                    for (int u : used) {
                        framed[i * frame + u] = x[i];
                    }
                }
                for (String form : new String[] {"by section", "by pair of lane groups"}) {
                    double[] data = framed.clone();
                    double[] zi = new double[sos.length / 3 * frame];
                    switch (form) {
                        case "by section" -> SosKernel.lanesBySection(sos, zi, data, 0, n, frame, backward, 0, frame);
                        default -> SosKernel.lanesByPair(sos, zi, data, 0, n, frame, backward, 0, frame);
                    }
                    for (int u : used) {
                        double[] lane = new double[n];
                        for (int i = 0; i < n; i++) {
                            lane[i] = data[i * frame + u];
                        }
                        assertArrayEquals(expected, lane, 0.0, form + ", lane " + u + ", " + what);
                    }
                }
            }
        }
    }
}
