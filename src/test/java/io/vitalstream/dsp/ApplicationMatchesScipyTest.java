package io.vitalstream.dsp;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.dsp.design.Window;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every application in applications.json (sosfilt, sosfiltfilt, lfilter, oaconvolve,
 * savgol_filter, medfilt, uniform_filter1d, gaussian_filter1d on synthetic signals and a
 * real MIT-BIH ECG) reproduced within 1e-9 of the signal's peak magnitude.
 */
class ApplicationMatchesScipyTest {

    private static final double TOLERANCE = 1e-9;

    @org.junit.jupiter.api.Test
    void backendIsTheOneRequested() {
        boolean javaRequested = "java".equals(System.getProperty("vitalstream.fft"));
        if (javaRequested) {
            org.junit.jupiter.api.Assertions.assertFalse(io.vitalstream.kernels.fft.Fftw.available());
        }
    }

    @TestFactory
    List<DynamicTest> applicationsEqualScipy() {
        JsonNode root = Fixtures.load("applications.json");
        Map<String, double[]> signals = new HashMap<>();
        root.get("signals").properties().forEach(e -> signals.put(e.getKey(), Fixtures.doubles(e.getValue().get("samples"))));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String kind = c.get("kind").asText();
            JsonNode p = c.get("params");
            String name = kind + " " + p + " on " + c.get("signal").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                double[] x = signals.get(c.get("signal").asText());
                double[] expected = Fixtures.doubles(c.get("output"));
                double[] ours = Filtering.apply(spec(kind, p), new double[][] {x})[0];
                double scale = Math.max(Fixtures.peak(x), Fixtures.peak(expected));
                double err = Fixtures.maxError(ours, expected);
                assertTrue(err <= TOLERANCE * scale, () -> name + ": max error " + err + " vs peak " + scale);
            }));
        }
        return tests;
    }

    static FilterSpec spec(String kind, JsonNode p) {
        return switch (kind) {
            case "sosfilt", "sosfiltfilt" -> new FilterSpec.Iir(iir(p), kind.equals("sosfiltfilt"));
            case "notch_filtfilt" -> new FilterSpec.Iir(
                    IirDesign.notch(p.get("notch_freq").asDouble(), p.get("quality_factor").asDouble(), p.get("fs").asDouble()), true);
            case "fir_lfilter", "fir_same" -> new FilterSpec.Fir(FirDesign.firwin(p.get("num_taps").asInt(),
                    Fixtures.doubles(p.get("cutoffs")), Response.valueOf(p.get("response").asText().toUpperCase(Locale.ROOT)),
                    Window.parse(p.get("window").asText(), null), p.get("fs").asDouble()), kind.equals("fir_same"));
            case "savgol" -> new FilterSpec.SavitzkyGolay(p.get("window").asInt(), p.get("polyorder").asInt());
            case "medfilt" -> new FilterSpec.Median(p.get("window").asInt());
            case "moving_average" -> new FilterSpec.MovingAverage(p.get("window").asInt());
            case "gaussian" -> new FilterSpec.Gaussian(p.get("sigma").asDouble());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Sos iir(JsonNode p) {
        return IirDesign.design(IirFamily.valueOf(p.get("family").asText().toUpperCase(Locale.ROOT)),
                Response.valueOf(p.get("response").asText().toUpperCase(Locale.ROOT)), p.get("order").asInt(),
                Fixtures.doubles(p.get("cutoffs")), p.get("fs").asDouble(), p.get("ripple_db").asDouble(),
                p.get("stopband_db").asDouble());
    }
}
