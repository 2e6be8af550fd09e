package io.vitalstream.dsp;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.SavitzkyGolay;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.dsp.design.Window;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every design in designs.json (scipy.signal) reproduced to 1e-9 relative. */
class DesignMatchesScipyTest {

    private static final double TOLERANCE = 1e-9;
    private static final JsonNode DESIGNS = Fixtures.load("designs.json");

    @TestFactory
    List<DynamicTest> iirDesignsEqualScipySos() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : DESIGNS.get("iir")) {
            String name = c.get("family").asText() + " " + c.get("response").asText() + " N=" + c.get("order").asInt()
                    + " " + c.get("cutoffs") + " Hz @ " + c.get("fs").asDouble();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Sos ours = IirDesign.design(
                        IirFamily.valueOf(c.get("family").asText().toUpperCase(Locale.ROOT)),
                        Response.valueOf(c.get("response").asText().toUpperCase(Locale.ROOT)),
                        c.get("order").asInt(), Fixtures.doubles(c.get("cutoffs")), c.get("fs").asDouble(),
                        c.get("ripple_db").asDouble(), c.get("stopband_db").asDouble());
                assertSosEquals(Fixtures.matrix(c.get("sos")), ours.sections());
            }));
        }
        return tests;
    }

    @Test
    void notchEqualsIirnotch() {
        for (JsonNode c : DESIGNS.get("notch")) {
            Sos sos = IirDesign.notch(c.get("notch_freq").asDouble(), c.get("quality_factor").asDouble(), c.get("fs").asDouble());
            double[] b = Fixtures.doubles(c.get("b"));
            double[] a = Fixtures.doubles(c.get("a"));
            double[] expected = {b[0], b[1], b[2], a[0], a[1], a[2]};
            assertSosEquals(new double[][] {expected}, sos.sections());
        }
    }

    @TestFactory
    List<DynamicTest> firwinEqualsScipy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : DESIGNS.get("fir")) {
            String name = c.get("window").asText() + " " + c.get("response").asText() + " taps=" + c.get("num_taps").asInt();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Double beta = c.get("beta").isNull() ? null : c.get("beta").asDouble();
                double[] ours = FirDesign.firwin(c.get("num_taps").asInt(), Fixtures.doubles(c.get("cutoffs")),
                        Response.valueOf(c.get("response").asText().toUpperCase(Locale.ROOT)),
                        Window.parse(c.get("window").asText(), beta), c.get("fs").asDouble());
                double[] expected = Fixtures.doubles(c.get("taps"));
                assertTrue(Fixtures.maxError(ours, expected) <= TOLERANCE * Fixtures.peak(expected),
                        () -> "max error " + Fixtures.maxError(ours, expected));
            }));
        }
        return tests;
    }

    /**
     * Against the exact rational weights, and against scipy's within scipy's own error:
     * its lstsq on the raw Vandermonde matrix is off by 1.3e-8 relative at window 51, order 6.
     */
    @Test
    void savgolCoefficientsEqualScipy() {
        for (JsonNode c : DESIGNS.get("savgol")) {
            double[] ours = SavitzkyGolay.coefficients(c.get("window").asInt(), c.get("polyorder").asInt());
            double[] exact = Fixtures.doubles(c.get("exact"));
            double[] scipy = Fixtures.doubles(c.get("coeffs"));
            double scale = Fixtures.peak(exact);
            assertTrue(Fixtures.maxError(ours, exact) <= 1e-12 * scale,
                    () -> "savgol " + c.get("window") + "/" + c.get("polyorder") + " vs exact " + Fixtures.maxError(ours, exact));
            double scipyOwnError = Fixtures.maxError(scipy, exact);
            assertTrue(Fixtures.maxError(ours, scipy) <= TOLERANCE * scale + scipyOwnError,
                    () -> "savgol vs scipy " + Fixtures.maxError(ours, scipy));
        }
    }

    /** Row by row; numerator and denominator each relative to their own largest coefficient. */
    static void assertSosEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, "number of sections");
        for (int s = 0; s < expected.length; s++) {
            for (int half = 0; half < 2; half++) {
                double scale = 0;
                for (int i = 0; i < 3; i++) {
                    scale = Math.max(scale, Math.abs(expected[s][3 * half + i]));
                }
                for (int i = 0; i < 3; i++) {
                    int k = 3 * half + i;
                    double err = Math.abs(expected[s][k] - actual[s][k]);
                    int section = s;
                    assertTrue(err <= TOLERANCE * scale,
                            () -> "section " + section + " coefficient " + k + ": expected " + java.util.Arrays.toString(expected[section])
                                    + " got " + java.util.Arrays.toString(actual[section]));
                }
            }
        }
    }
}
