package io.vitalstream.dsp.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.vitalstream.dsp.ChannelArrays;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.MethodRegistry;
import io.vitalstream.error.InvalidParameterException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live filters: for every method the registry marks live, the output of random block
 * partitions (blocks of 1 frame, blocks longer than the filter's memory) equals the whole
 * signal in one block, bit for bit, on 3 and 32 channels; and the whole equals the offline
 * engine (the same bits for IIR and the causal methods, the centred result delayed by half the
 * window for the Hampel identifier, direct-form convolution for FIR, which the engine's FFT
 * overlap-add matches within 1e-12).
 */
public class LiveFilterTest {

    static final double FS = 500;
    static final ObjectMapper SNAKE = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    static FilterParameters params(Map<String, Object> fields) {
        return SNAKE.convertValue(fields, FilterParameters.class);
    }

    /** The filter_params of each live registry method at its defaults, causal (band-pass 1-40 Hz for the IIR families, low-pass for FIR). */
    public static List<Map.Entry<String, Map<String, Object>>> liveMethodParams() {
        List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
        for (MethodRegistry.Entry e : MethodRegistry.entries()) {
            if (!e.live()) {
                continue;
            }
            Map<String, Object> f = new HashMap<>();
            if (e.category().equals("traditional")) {
                f.put("filter_type", e.name().equals("fir") ? "lowpass" : "bandpass");
                f.put("filter_family", e.name());
                f.put("low_freq", 1.0);
                f.put("high_freq", 40.0);
            } else {
                f.put("category", e.category());
                f.put("method", e.name());
            }
            if (e.params().stream().anyMatch(p -> p.name().equals("zero_phase"))) {
                f.put("zero_phase", false);
            }
            out.add(Map.entry(e.category() + "/" + e.name(), f));
        }
        return out;
    }

    static List<Map.Entry<String, FilterSpec>> liveMethods() {
        return liveMethodParams().stream().map(m -> Map.entry(m.getKey(), FilterDesigner.design(params(m.getValue()), FS))).toList();
    }

    static double[] signal(int frames, int channels, long seed) {
        Random r = new Random(seed);
        double[] x = new double[frames * channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                x[i * channels + c] = Math.sin(2 * Math.PI * (1 + c) * i / FS) + 0.3 * r.nextGaussian() + (r.nextInt(200) == 0 ? 8 : 0);
            }
        }
        return x;
    }

    static double[] whole(List<FilterSpec> chain, double[] x, int channels) {
        double[] y = x.clone();
        LiveFilter.of(chain, channels).process(y, y.length / channels);
        return y;
    }

    static double[] inBlocks(List<FilterSpec> chain, double[] x, int channels, long seed, int longest) {
        LiveFilter f = LiveFilter.of(chain, channels);
        Random r = new Random(seed);
        int frames = x.length / channels;
        double[] out = new double[x.length];
        for (int at = 0; at < frames; ) {
            int pick = r.nextInt(4);
            int count = Math.min(frames - at, pick == 0 ? 1 : pick == 1 ? 1 + r.nextInt(7) : 1 + r.nextInt(longest));
            double[] block = java.util.Arrays.copyOfRange(x, at * channels, (at + count) * channels);
            f.process(block, count);
            System.arraycopy(block, 0, out, at * channels, block.length);
            at += count;
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> anyBlockPartitionGivesTheWholeSignalsBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var m : liveMethods()) {
            for (int channels : new int[] {3, 5, 32}) { // 5: the vector kernel on a padded frame
                tests.add(DynamicTest.dynamicTest(m.getKey() + " x" + channels, () -> {
                    List<FilterSpec> chain = List.of(m.getValue());
                    double[] x = signal(channels < 8 ? 4000 : 1500, channels, 7);
                    double[] want = whole(chain, x, channels);
                    for (long seed = 1; seed <= 3; seed++) {
                        assertArrayEquals(want, inBlocks(chain, x, channels, seed, 700), m.getKey() + " partition " + seed);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> theWholeIsTheOfflineCausalResult() {
        List<DynamicTest> tests = new ArrayList<>();
        int channels = 3;
        int frames = 4000;
        for (var m : liveMethods()) {
            tests.add(DynamicTest.dynamicTest(m.getKey(), () -> {
                FilterSpec spec = m.getValue();
                double[] x = signal(frames, channels, 11);
                double[] live = whole(List.of(spec), x, channels);
                double[][] cols = ChannelArrays.fromFrames(x, frames, channels);
                double[][] offline = Filtering.apply(spec, cols);
                double[] off = new double[x.length];
                ChannelArrays.toFrames(offline, off);
                switch (spec) {
                    case FilterSpec.Iir iir -> assertArrayEquals(off, live, m.getKey());
                    case FilterSpec.Causal c -> assertArrayEquals(off, live, m.getKey());
                    case FilterSpec.Fir fir -> {
                        double[] direct = directForm(fir.taps(), x, channels);
                        assertArrayEquals(direct, live, m.getKey() + ": direct form");
                        double scale = 0;
                        for (double v : off) {
                            scale = Math.max(scale, Math.abs(v));
                        }
                        for (int k = 0; k < off.length; k++) {
                            assertEquals(off[k], live[k], 1e-12 * scale, m.getKey() + ": against overlap-add at " + k);
                        }
                    }
                    case FilterSpec.Windowed w -> {
                        int h = LiveFilter.of(List.of(spec), channels).latency();
                        assertEquals(w.method().reach() / 2, h);
                        for (int i = 0; i < frames; i++) {
                            for (int c = 0; c < channels; c++) {
                                double expect = i < h ? 0 : off[(i - h) * channels + c];
                                assertEquals(expect, live[i * channels + c], 0.0, m.getKey() + " frame " + i);
                            }
                        }
                    }
                    default -> throw new AssertionError("not a live stage: " + spec);
                }
            }));
        }
        return tests;
    }

    static double[] directForm(double[] taps, double[] x, int channels) {
        int frames = x.length / channels;
        double[] y = new double[x.length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                double s = 0;
                for (int k = 0; k < taps.length; k++) {
                    s += taps[k] * (i - k >= 0 ? x[(i - k) * channels + c] : 0.0);
                }
                y[i * channels + c] = s;
            }
        }
        return y;
    }

    @Test
    void aCausalChainWithASpikeStageStreamsAndLagsByHalfItsWindow() {
        List<FilterSpec> chain = List.of(
                FilterDesigner.design(params(Map.of("filter_type", "highpass", "filter_family", "butter", "low_freq", 0.5, "zero_phase", false)), FS),
                FilterDesigner.design(params(Map.of("category", "artifact", "method", "spike", "window_size", 9)), FS),
                FilterDesigner.design(params(Map.of("category", "advanced", "method", "kalman")), FS));
        LiveFilter f = LiveFilter.of(chain, 3);
        assertEquals(4, f.latency());
        double[] x = signal(3000, 3, 5);
        double[] want = whole(chain, x, 3);
        assertArrayEquals(want, inBlocks(chain, x, 3, 9, 400));
    }

    @Test
    void resetStartsEveryMethodAgainFromRest() {
        for (var m : liveMethods()) {
            for (int channels : new int[] {3, 5}) {
                LiveFilter f = LiveFilter.of(List.of(m.getValue()), channels);
                double[] x = signal(500, channels, 1);
                double[] first = x.clone();
                f.process(first, 500);
                double[] more = signal(200, channels, 2);
                f.process(more, 200);
                f.reset();
                double[] again = x.clone();
                f.process(again, 500);
                assertArrayEquals(first, again, m.getKey() + " x" + channels);
            }
        }
    }

    @Test
    void whatCannotRunLiveIsRefusedWithTheReasonAndWhatToUse() {
        var zero = assertThrows(InvalidParameterException.class, () -> LiveFilter.of(List.of(FilterDesigner.design(
                params(Map.of("filter_type", "lowpass", "filter_family", "butter", "high_freq", 40.0)), FS)), 2));
        assertEquals("zero_phase", zero.field());
        assertTrue(zero.getMessage().contains("zero_phase to false"), zero.getMessage());
        var median = assertThrows(InvalidParameterException.class, () -> LiveFilter.of(List.of(new FilterSpec.Median(5)), 2));
        assertTrue(median.getMessage().contains("spike"), median.getMessage());
        var pca = assertThrows(InvalidParameterException.class, () -> LiveFilter.of(List.of(FilterDesigner.design(
                params(Map.of("category", "artifact", "method", "pca")), FS)), 2));
        assertTrue(pca.getMessage().contains("job"), pca.getMessage());
    }
}
