package io.vitalstream.dsp.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstream.dsp.Fixtures;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each advanced and artifact method's defining behaviour. */
class MethodsTest {

    private static double[][] run(FilterSpec spec, double[]... channels) {
        return Filtering.apply(spec, channels);
    }

    // ---- Kalman

    @Test
    void kalmanConstantLevelReachesItsSteadyStateGain() {
        double q = 0.01;
        double r = 1;
        double k = Kalman.steadyStateGain(q, r);
        double[] x = new double[3000];
        for (int i = 2000; i < x.length; i++) {
            x[i] = 1; // a noise-free step after the gain has converged
        }
        double[] y = run(new FilterSpec.Causal("kalman", new Kalman(Kalman.Model.CONSTANT_LEVEL, q, r)), x)[0];
        for (int n = 1; n < 50; n++) {
            assertEquals(1 - Math.pow(1 - k, n), y[1999 + n], 1e-9, "step response sample " + n);
        }
    }

    @Test
    void kalmanOnANoisyStepSettlesOnTheLevelAndVelocityModelTracksARamp() {
        Random rnd = new Random(1);
        double[] step = new double[4000];
        double[] ramp = new double[4000];
        for (int i = 0; i < step.length; i++) {
            step[i] = (i < 2000 ? 0 : 5) + rnd.nextGaussian();
            ramp[i] = 0.01 * i + 0.1 * rnd.nextGaussian();
        }
        double[] y = run(new FilterSpec.Causal("kalman", new Kalman(Kalman.Model.CONSTANT_LEVEL, 0.001, 1)), step)[0];
        double mean = 0;
        for (int i = 3500; i < 4000; i++) {
            mean += y[i] / 500;
        }
        assertEquals(5, mean, 0.1);
        double[] v = run(new FilterSpec.Causal("kalman", new Kalman(Kalman.Model.CONSTANT_VELOCITY, 1e-6, 0.01)), ramp)[0];
        double bias = 0;
        for (int i = 3500; i < 4000; i++) {
            bias += (v[i] - 0.01 * i) / 500;
        }
        assertEquals(0, bias, 0.01, "no lag on a ramp");
    }

    // ---- adaptive filters

    @Test
    void lmsNlmsAndRlsIdentifyAKnownFirSystem() {
        double[] h = {0.5, -0.3, 0.2, 0.1};
        Random rnd = new Random(2);
        double[] u = new double[20_000];
        double[] d = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = rnd.nextGaussian();
            for (int k = 0; k < h.length && k <= i; k++) {
                d[i] += h[k] * u[i - k];
            }
        }
        for (AdaptiveFilter.Algorithm a : AdaptiveFilter.Algorithm.values()) {
            double mu = a == AdaptiveFilter.Algorithm.NLMS ? 0.5 : 0.01;
            double[] w = new AdaptiveFilter(a, 4, mu, 0.99, 0.01, -1, 1).identify(u, d).weights();
            assertArrayEquals(h, w, 1e-3, a + " weights");
        }
    }

    @Test
    void referenceChannelCancelsCorrelatedNoise() {
        Random rnd = new Random(3);
        int n = 20_000;
        double[] primary = new double[n];
        double[] reference = new double[n];
        double[] clean = new double[n];
        for (int i = 0; i < n; i++) {
            reference[i] = rnd.nextGaussian();
            clean[i] = Math.sin(2 * Math.PI * i / 200.0);
            primary[i] = clean[i] + 0.8 * reference[i] + (i > 0 ? 0.3 * reference[i - 1] : 0);
        }
        double[][] y = run(new FilterSpec.Causal("nlms", new AdaptiveFilter(AdaptiveFilter.Algorithm.NLMS, 4, 0.02, 0.99, 0.01, 1, 1)),
                primary, reference);
        double before = 0;
        double after = 0;
        for (int i = n / 2; i < n; i++) {
            before += Math.pow(primary[i] - clean[i], 2);
            after += Math.pow(y[0][i] - clean[i], 2);
        }
        assertTrue(10 * Math.log10(before / after) > 15, "noise reduced by " + 10 * Math.log10(before / after) + " dB");
        assertArrayEquals(reference, y[1], 0.0, "the reference passes unchanged");
    }

    // ---- window methods

    @Test
    void smoothingKernelIsAMovingAverageAndEdgeKernelMeasuresSlope() {
        Random rnd = new Random(4);
        double[] x = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] smooth = run(new FilterSpec.Windowed("convolution", new ConvolutionKernel(ConvolutionKernel.Kind.SMOOTHING, 5)), x)[0];
        assertArrayEquals(run(new FilterSpec.MovingAverage(5), x)[0], smooth, 1e-12);
        double[] ramp = new double[100];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 3 * i;
        }
        double[] edge = run(new FilterSpec.Windowed("convolution", new ConvolutionKernel(ConvolutionKernel.Kind.EDGE_DETECTION, 7)), ramp)[0];
        for (int i = 3; i < 97; i++) {
            assertEquals(3, edge[i], 1e-12);
        }
    }

    @Test
    void attentionSmoothsNoiseButKeepsAStep() {
        Random rnd = new Random(5);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i < 1000 ? 0 : 10) + 0.5 * rnd.nextGaussian();
        }
        double[] att = run(new FilterSpec.Windowed("attention", new Attention(Attention.Prior.GAUSSIAN, 9)), x)[0];
        double[] box = run(new FilterSpec.MovingAverage(9), x)[0];
        // across the step, attention stays closer to the true levels than a box of the same width
        double attErr = 0;
        double boxErr = 0;
        for (int i = 996; i < 1004; i++) {
            double truth = i < 1000 ? 0 : 10;
            attErr += Math.abs(att[i] - truth);
            boxErr += Math.abs(box[i] - truth);
        }
        assertTrue(attErr < boxErr / 3, "edge error " + attErr + " vs box " + boxErr);
        double noiseIn = 0;
        double noiseOut = 0;
        for (int i = 100; i < 900; i++) {
            noiseIn += x[i] * x[i];
            noiseOut += att[i] * att[i];
        }
        assertTrue(noiseOut < noiseIn / 2, "noise power " + noiseIn + " -> " + noiseOut);
    }

    @Test
    void hampelReplacesSpikesOnlyWithTheLocalMedian() {
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i / 10.0);
        }
        double[] spiky = x.clone();
        spiky[50] += 8;
        spiky[120] -= 6;
        double[] y = run(new FilterSpec.Windowed("spike", new Hampel(7, 3)), spiky)[0];
        assertEquals(x[50], y[50], 0.2);
        assertEquals(x[120], y[120], 0.2);
        int changed = 0;
        for (int i = 0; i < x.length; i++) {
            if (i != 50 && i != 120 && y[i] != spiky[i]) {
                changed++;
            }
        }
        assertEquals(0, changed, "clean samples pass unchanged");
        double[] flat = new double[50];
        flat[25] = 5;
        assertEquals(0, run(new FilterSpec.Windowed("spike", new Hampel(5, 3)), flat)[0][25], 0.0, "a spike on a flat line");
    }

    // ---- optimisation

    @Test
    void optimizationSolvesTheWhittakerSystemAndRobustLossesIgnoreOutliers() {
        Random rnd = new Random(6);
        int n = 400;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i / 30.0) + 0.2 * rnd.nextGaussian();
        }
        double lambda = 20;
        double[] y = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MSE, lambda, false, 0.01, 100, 1e-10).apply(new double[][] {x})[0];
        // (I + lambda D^T D) y = x
        double[] lhs = y.clone();
        for (int i = 1; i + 1 < n; i++) {
            double d = y[i - 1] - 2 * y[i] + y[i + 1];
            lhs[i - 1] += lambda * d;
            lhs[i] -= 2 * lambda * d;
            lhs[i + 1] += lambda * d;
        }
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], lhs[i], 1e-9, "normal equations at " + i);
        }
        double[] spiked = x.clone();
        spiked[200] += 50;
        double[] l2 = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MSE, lambda, false, 0.01, 100, 1e-10).apply(new double[][] {spiked})[0];
        double[] l1 = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MAE, lambda, false, 0.01, 100, 1e-10).apply(new double[][] {spiked})[0];
        double[] hub = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.HUBER, lambda, false, 0.01, 100, 1e-10).apply(new double[][] {spiked})[0];
        assertTrue(Math.abs(l2[200] - y[200]) > 1, "mse is pulled by the outlier");
        assertTrue(Math.abs(l1[200] - y[200]) < 0.3, "mae is not: " + (l1[200] - y[200]));
        assertTrue(Math.abs(hub[200] - y[200]) < 0.3, "huber is not: " + (hub[200] - y[200]));
    }

    @Test
    void gradientDescentLowersTheObjectiveTowardsTheExactSolution() {
        Random rnd = new Random(7);
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.cos(i / 20.0) + 0.3 * rnd.nextGaussian();
        }
        double lambda = 1;
        SmoothnessOptimizer exact = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MSE, lambda, false, 0.01, 100, 1e-10);
        double best = exact.objective(x, exact.apply(new double[][] {x})[0]);
        double previous = Double.POSITIVE_INFINITY;
        for (int iterations : new int[] {10, 100, 1000, 5000}) {
            SmoothnessOptimizer gd = new SmoothnessOptimizer(SmoothnessOptimizer.Loss.MSE, lambda, true, 0.01, iterations, 0);
            double j = gd.objective(x, gd.apply(new double[][] {x})[0]);
            assertTrue(j < previous && j >= best - 1e-9, iterations + " iterations: " + j + " (best " + best + ")");
            previous = j;
        }
        assertEquals(best, previous, 1e-3 * best);
    }

    // ---- wavelets

    @Test
    void dwtMatchesPyWaveletsAndReconstructsExactly() {
        JsonNode cases = Fixtures.load("wavelets.json");
        for (JsonNode c : cases) {
            double[] x = Fixtures.doubles(c.get("x"));
            Wavelet w = Wavelet.named(c.get("wavelet").asText());
            int level = c.get("level").asInt();
            if (c.has("coeffs")) {
                List<double[]> ours = Dwt.decompose(x, w, level);
                assertEquals(c.get("coeffs").size(), ours.size());
                for (int k = 0; k < ours.size(); k++) {
                    assertArrayEquals(Fixtures.doubles(c.get("coeffs").get(k)), ours.get(k), 1e-12, w.name() + " level part " + k);
                }
                // to the precision of the tabulated filters (about 1e-13 for the longer ones)
                assertArrayEquals(x, Dwt.reconstruct(ours, w, x.length), 1e-11, w.name() + " perfect reconstruction");
            } else {
                boolean soft = c.get("denoise").asText().equals("soft");
                double[] y = new WaveletDenoise(w, level, soft, null).denoise(x);
                assertArrayEquals(Fixtures.doubles(c.get("output")), y, 1e-10, "denoise " + c.get("denoise"));
            }
        }
    }

    @Test
    void db4HasItsPublishedCoefficients() {
        // Daubechies (1992), Ten Lectures on Wavelets, table 6.1, N = 4 (normalised to sum sqrt 2), reversed as dec_lo
        double[] published = {0.2303778133088964, 0.7148465705529155, 0.6308807679298587, -0.0279837694168599,
                -0.1870348117190931, 0.0308413818355607, 0.0328830116668852, -0.0105974017850690};
        double[] lo = Wavelet.named("db4").decLo();
        for (int i = 0; i < 8; i++) {
            assertEquals(published[i], lo[7 - i], 1e-12);
        }
    }

    // ---- multi-channel

    @Test
    void pcaKeepsWhatChannelsShareAndDropsIndependentNoise() {
        Random rnd = new Random(8);
        int n = 5000;
        double[][] x = new double[4][n];
        double[] common = new double[n];
        for (int i = 0; i < n; i++) {
            common[i] = Math.sin(2 * Math.PI * i / 250.0);
            for (int c = 0; c < 4; c++) {
                x[c][i] = (c + 1) * common[i] + 0.3 * rnd.nextGaussian();
            }
        }
        double[][] y = new Pca(1, 0.95).apply(x);
        // projecting on the common direction (1, 2, 3, 4)/sqrt(30) keeps (c+1)^2/30 of channel c's
        // noise: a quarter of it over all four channels
        double totalBefore = 0;
        double totalAfter = 0;
        for (int c = 0; c < 4; c++) {
            double before = 0;
            double after = 0;
            for (int i = 0; i < n; i++) {
                before += Math.pow(x[c][i] - (c + 1) * common[i], 2);
                after += Math.pow(y[c][i] - (c + 1) * common[i], 2);
            }
            assertEquals((c + 1) * (c + 1) / 30.0, after / before, 0.08, "channel " + c + " keeps its share of noise");
            totalBefore += before;
            totalAfter += after;
        }
        assertEquals(0.25, totalAfter / totalBefore, 0.03);
    }

    @Test
    void icaSeparatesTwoMixedSources() {
        int n = 10_000;
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        for (int i = 0; i < n; i++) {
            s1[i] = Math.sin(2 * Math.PI * i / 137.0);
            s2[i] = ((i % 97) / 48.5) - 1; // sawtooth
        }
        double[][] mixed = new double[2][n];
        for (int i = 0; i < n; i++) {
            mixed[0][i] = 0.7 * s1[i] + 0.5 * s2[i];
            mixed[1][i] = 0.3 * s1[i] - 0.9 * s2[i];
        }
        double[][] sources = new FastIca(42, null, true).apply(mixed);
        double best1 = Math.max(Math.abs(corr(sources[0], s1)), Math.abs(corr(sources[1], s1)));
        double best2 = Math.max(Math.abs(corr(sources[0], s2)), Math.abs(corr(sources[1], s2)));
        assertTrue(best1 > 0.95 && best2 > 0.95, "correlations " + best1 + ", " + best2);
        double[][] again = new FastIca(42, null, true).apply(mixed);
        assertArrayEquals(sources[0], again[0], 0.0, "deterministic for a seed");
    }

    static double corr(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
