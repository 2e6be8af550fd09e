package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.vitalstream.dsp.TestSignals;
import io.vitalstream.dsp.quality.QualityAssessment;
import io.vitalstream.dsp.quality.QualityReport;
import io.vitalstream.dsp.quality.QualityScreen;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /jobs/{id}/quality: the screen over a job's whole recording, every channel, streamed in
 * 10 s segments; the same numbers as the in-memory screen on each segment; binning and ranges.
 */
@QuarkusTest
class JobQualityTimelineTest {

    private static final double FS = 250;
    private static final int FRAMES = (int) (95 * FS);

    /** Channel 0 a clean ECG, channel 1 the same with its lead off from 30 s to 60 s, channel 2 white noise. */
    private static double[][] recording() {
        double[] ecg = TestSignals.syntheticEcg(FRAMES, FS);
        double[] off = ecg.clone();
        for (int i = (int) (30 * FS); i < 60 * FS; i++) {
            off[i] = 0.25;
        }
        Random rnd = new Random(3);
        double[] noise = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            noise[i] = 0.3 * rnd.nextGaussian();
        }
        double[][] ch = {ecg, off, noise};
        for (double[] c : ch) { // as the float32 file holds them
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) c[i];
            }
        }
        return ch;
    }

    private static String jobOver(double[][] ch) throws Exception {
        Path p = Files.createTempFile("vs-quality", ".npy");
        double[] frames = new double[FRAMES * ch.length];
        for (int i = 0; i < FRAMES; i++) {
            for (int c = 0; c < ch.length; c++) {
                frames[i * ch.length + c] = ch[c][i];
            }
        }
        try (BinaryWriter w = BinaryWriter.npy(p, SampleType.FLOAT32, ch.length, FRAMES, false)) {
            w.write(0, FRAMES, frames, 0, ch.length);
        }
        String upload = TestFiles.upload(Files.readAllBytes(p), "holter.npy");
        Files.delete(p);
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", FS, "signal_type", "ECG"));
        TestFiles.waitFor(id, "completed");
        return id;
    }

    private static JsonPath completed(String id, Map<String, ?> query) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Response r = given().queryParams(query).get("/api/filtering/jobs/" + id + "/quality");
            if (r.statusCode() == 200) {
                assertEquals("completed", r.path("status"), r.asString());
                return r.jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
            }
            assertEquals(202, r.statusCode(), r.asString());
            assertEquals("running", r.path("status"));
            assertTrue(System.nanoTime() < deadline, "the quality screen did not end within 60 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theTimelineCoversEveryChannelAndEqualsTheScreenOfEachSegment() throws Exception {
        double[][] ch = recording();
        String id = jobOver(ch);
        JsonPath t = completed(id, Map.of());
        List<long[]> bounds = QualityAssessment.segments(FRAMES, FS);
        assertEquals(bounds.size(), t.getInt("segments_total"));
        assertEquals(bounds.size(), t.getInt("segments_done"));
        assertEquals(3, t.getList("channels").size());
        for (int c = 0; c < 3; c++) {
            List<Map<String, Object>> segs = t.getList("channels[" + c + "].segments");
            assertEquals(bounds.size(), segs.size());
            double sum = 0;
            for (int k = 0; k < segs.size(); k++) {
                long[] b = bounds.get(k);
                QualityReport.Segment want = QualityScreen.segment(ch[c], (int) b[0], (int) b[1], FS, QualityScreen.Type.ECG, 0);
                Map<String, Object> got = segs.get(k);
                assertEquals(want.start(), ((Number) got.get("start")).doubleValue(), 1e-9);
                assertEquals(want.end(), ((Number) got.get("end")).doubleValue(), 1e-9);
                assertEquals(want.score(), ((Number) got.get("score")).doubleValue(), 0.0, "channel " + c + " segment " + k);
                assertEquals(want.level(), got.get("level"));
                assertEquals(want.zhao2018(), got.get("zhao2018"));
                assertEquals(want.averageQrs(), ((Number) got.get("average_qrs")).doubleValue(), 0.0);
                sum += want.score();
            }
            assertEquals(sum / segs.size(), t.getDouble("channels[" + c + "].score"), 1e-12);
        }
        // what a user reads off it: channel 0 good, channel 1 unusable where its lead was off, channel 2 noise
        for (Map<String, Object> s : t.<Map<String, Object>>getList("channels[0].segments")) {
            assertTrue(Set.of("good", "excellent").contains(s.get("level")), "clean ECG rated " + s);
        }
        for (Map<String, Object> s : t.<Map<String, Object>>getList("channels[1].segments")) {
            double start = ((Number) s.get("start")).doubleValue();
            if (start >= 30 && start + 10 <= 60) {
                assertTrue(Set.of("poor", "unusable").contains(s.get("level")), "lead-off segment rated " + s);
            }
        }
        for (Map<String, Object> s : t.<Map<String, Object>>getList("channels[2].segments")) {
            assertTrue(Set.of("poor", "unusable").contains(s.get("level")), "noise rated " + s);
        }
    }

    @Test
    void rangesAndBinsShowTheWorstSegmentOfEachBin() throws Exception {
        double[][] ch = recording();
        String id = jobOver(ch);
        JsonPath all = completed(id, Map.of("channel", 1));
        assertEquals(1, all.getList("channels").size());
        assertEquals(1, all.getInt("channels[0].channel"));
        List<Map<String, Object>> segs = all.getList("channels[0].segments");
        JsonPath binned = completed(id, Map.of("channel", 1, "max_segments", 3));
        int perBin = binned.getInt("segments_per_bin");
        assertEquals((segs.size() + 2) / 3, perBin);
        List<Map<String, Object>> bins = binned.getList("channels[0].segments");
        assertEquals((segs.size() + perBin - 1) / perBin, bins.size());
        for (int b = 0; b < bins.size(); b++) {
            double worst = Double.POSITIVE_INFINITY;
            for (int k = b * perBin; k < Math.min(segs.size(), (b + 1) * perBin); k++) {
                worst = Math.min(worst, ((Number) segs.get(k).get("score")).doubleValue());
            }
            assertEquals(worst, ((Number) bins.get(b).get("score")).doubleValue(), 0.0);
            assertEquals(((Number) segs.get(b * perBin).get("start")).doubleValue(), ((Number) bins.get(b).get("start")).doubleValue(), 0.0);
        }
        // 40-50 s: the segments that overlap it (starting at 36 and 45 s)
        JsonPath range = completed(id, Map.of("from", 40, "to", 50));
        List<Map<String, Object>> r = range.getList("channels[0].segments");
        assertEquals(List.of(36.0, 45.0), r.stream().map(s -> ((Number) s.get("start")).doubleValue()).toList());
        assertEquals(3, range.getList("channels").size());
    }

    @Test
    void badQueriesAreProblems() throws Exception {
        String id = jobOver(recording());
        for (Map<String, ?> q : List.of(Map.of("channel", 3), Map.of("channel", "x"), Map.of("max_segments", 0), Map.of("max_segments", 20_001),
                Map.of("from", -1), Map.of("from", 50, "to", 40), Map.of("to", "NaN"))) {
            given().queryParams(q).get("/api/filtering/jobs/" + id + "/quality").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get("/api/filtering/jobs/nope/quality").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("channel", 1).get("/api/filtering/jobs/" + id + "/quality/metrics").then().statusCode(200)
                .body("segments.size()", equalTo(11));
    }
}
