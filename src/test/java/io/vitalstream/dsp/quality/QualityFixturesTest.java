package io.vitalstream.dsp.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.vitalstream.dsp.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screen against quality.json (src/test/fixtures/make_quality_fixtures.py: each index from its
 * published definition with numpy/scipy): numbers to 1e-6, grades and levels exactly, and the
 * level a user expects (real MIT-BIH ECG at 125 Hz to 1 kHz, offset or band-passed: good or
 * better; flat, clipped, noise-only: poor or worse).
 */
class QualityFixturesTest {

    private static final JsonNode CASES = Fixtures.load("quality.json").get("cases");
    private static final ObjectMapper SNAKE = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final Set<String> NOT_SCREEN_FIELDS = Set.of("name", "fs", "type", "expect", "signal_f32");

    private static double[] float32(String base64) {
        java.nio.FloatBuffer f = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(base64)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        double[] x = new double[f.remaining()];
        for (int i = 0; i < x.length; i++) {
            x[i] = f.get(i);
        }
        return x;
    }

    @TestFactory
    List<DynamicTest> everyIndexEqualsTheFixtureScript() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : CASES) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                double[] x = float32(c.get("signal_f32").asText());
                double fs = c.get("fs").asDouble();
                QualityReport.Segment s = QualityScreen.segment(x, 0, x.length, fs, QualityScreen.Type.of(c.get("type").asText()), 0);
                JsonNode ours = SNAKE.valueToTree(s);
                var names = c.fieldNames();
                while (names.hasNext()) {
                    String field = names.next();
                    if (NOT_SCREEN_FIELDS.contains(field)) {
                        continue;
                    }
                    JsonNode want = c.get(field);
                    JsonNode got = ours.get(field);
                    String where = c.get("name").asText() + ": " + field;
                    if (want.isNull()) {
                        assertTrue(got == null || got.isNull(), where + " should be undefined, was " + got);
                    } else if (want.isNumber()) {
                        assertTrue(got != null && got.isNumber(), where + " missing");
                        assertEquals(want.asDouble(), got.asDouble(), 1e-6 * Math.max(1, Math.abs(want.asDouble())), where);
                    } else {
                        assertEquals(want.asText(), got == null ? null : got.asText(), where);
                    }
                }
                String expect = c.get("expect").asText();
                if (expect.equals("good_or_better")) {
                    assertTrue(Set.of("good", "excellent").contains(s.level()), c.get("name").asText() + " rated " + s.level());
                } else if (expect.equals("poor_or_worse")) {
                    assertTrue(Set.of("poor", "unusable").contains(s.level()), c.get("name").asText() + " rated " + s.level());
                }
            }));
        }
        return tests;
    }
}
