package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class JobsEndpointTest {

    private static final Map<String, Object> BANDPASS = Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40.0);

    static {
        // numbers as doubles, as FilterEndpointTest sets it (RestAssured's config is global)
        io.restassured.RestAssured.config = io.restassured.config.RestAssuredConfig.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @ConfigProperty(name = "vitalstream.data-dir")
    String dataDir;

    @Test
    void uploadStreamsToDiskWithItsSha256() throws Exception {
        byte[] body = TestFiles.npy(30_000, 2, 1);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().contentType("application/octet-stream").body(body).queryParam("filename", "../../etc/rec.npy")
                .post("/api/uploads").then().statusCode(201)
                .body("bytes", equalTo(body.length)).body("sha256", equalTo(sha)).body("filename", equalTo("rec.npy"))
                .body("upload_id", notNullValue());
    }

    @Test
    void emptyAndOversizedUploadsAreRefusedAndLeaveNothing() throws Exception {
        given().contentType("application/octet-stream").body(new byte[0]).post("/api/uploads")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("empty"));
        byte[] big = new byte[65 << 20];
        given().contentType("application/octet-stream").body(big).post("/api/uploads")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("upload-max-mb"));
        Thread.sleep(200);
        try (Stream<Path> incoming = Files.list(Path.of(dataDir, "uploads", ".incoming"))) {
            assertEquals(0, incoming.count(), "no partial upload left behind");
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @Test
    void aDroppedUploadConnectionLeavesNothingUnderAnyId() throws Exception {
        long before = countUploads();
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            var out = s.getOutputStream();
            out.write(("POST /api/uploads?filename=half.npy HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n").getBytes());
            out.write(new byte[300_000]);
            out.flush();
            Thread.sleep(200);
        } // closed mid-body
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> incoming = Files.list(Path.of(dataDir, "uploads", ".incoming"))) {
                if (incoming.findAny().isEmpty()) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        try (Stream<Path> incoming = Files.list(Path.of(dataDir, "uploads", ".incoming"))) {
            assertEquals(0, incoming.count(), "the half-written part file was removed");
        }
        assertEquals(before, countUploads(), "no new upload id");
    }

    private long countUploads() throws java.io.IOException {
        try (Stream<Path> dirs = Files.list(Path.of(dataDir, "uploads"))) {
            return dirs.filter(p -> Files.isRegularFile(p.resolve("upload.json"))).count();
        }
    }

    @Test
    void jobFiltersAnUploadExactlyAsTheEngineAndServesTheResult() {
        byte[] npy = TestFiles.npy(40_000, 3, 2);
        String upload = TestFiles.upload(npy, "three.npy");
        for (String strategy : List.of("standard", "chunked", "memory_mapped", "progressive")) {
            String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS,
                    "strategy", strategy));
            Response done = TestFiles.waitFor(id, "completed", "failed");
            done.then().body("state", equalTo("completed")).body("strategy", equalTo(strategy)).body("progress", equalTo(1.0))
                    .body("samples", equalTo(40_000)).body("channels", equalTo(3)).body("output_dtype", equalTo("float32"))
                    // the replica that ran it: the configured node id here, host name and pid in the packaged app's default
                    .body("node", org.hamcrest.Matchers.matchesPattern("test-node|.+-[0-9]+"));
            byte[] result = given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(200)
                    .header("Content-Disposition", containsString("attachment"))
                    .header("Accept-Ranges", "bytes").extract().asByteArray();
            assertArrayEquals(expectedBandpass(npy, 3), TestFiles.npyData(result), strategy);
        }
    }

    /** The in-memory engine on the same float32 samples, rounded to float32. */
    private static float[] expectedBandpass(byte[] npy, int channels) {
        float[] in = TestFiles.npyData(npy);
        int n = in.length / channels;
        double[][] x = new double[channels][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                x[c][i] = in[i * channels + c];
            }
        }
        var sos = IirDesign.design(IirFamily.BUTTER, io.vitalstream.dsp.design.Response.BANDPASS, 4, new double[] {0.5, 40}, 500, 1, 40);
        double[][] y = Filtering.apply(new FilterSpec.Iir(sos, true), x);
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = (float) y[c][i];
            }
        }
        return out;
    }

    @Test
    void rangeRequestsServePartsOfTheResult() {
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", TestFiles.upload(TestFiles.npy(5000, 1, 3), "r.npy")),
                "sampling_freq", 500, "filter_params", BANDPASS));
        TestFiles.waitFor(id, "completed");
        byte[] whole = given().get("/api/filtering/jobs/" + id + "/result").asByteArray();
        byte[] part = given().header("Range", "bytes=6-15").get("/api/filtering/jobs/" + id + "/result")
                .then().statusCode(206).header("Content-Range", "bytes 6-15/" + whole.length).extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 6, 16), part);
        given().header("Range", "bytes=" + whole.length + "-").get("/api/filtering/jobs/" + id + "/result")
                .then().statusCode(416).contentType("application/problem+json");
    }

    @Test
    void pathInputsMustStayInsideTheDataDir() throws Exception {
        Path inside = Path.of(dataDir, "recordings");
        Files.createDirectories(inside);
        Files.write(inside.resolve("ok.npy"), TestFiles.npy(3000, 1, 4));
        String id = TestFiles.submit(Map.of("input", Map.of("path", "recordings/ok.npy"), "sampling_freq", 500, "filter_params", BANDPASS));
        TestFiles.waitFor(id, "completed");
        Path outside = Files.createTempFile("outside", ".npy");
        outside.toFile().deleteOnExit();
        Files.write(outside, TestFiles.npy(3000, 1, 5));
        Path link = inside.resolve("escape.npy");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        for (String bad : List.of("../outside.npy", "recordings/../../x.npy", outside.toString(), "recordings/escape.npy")) {
            given().contentType("application/json").body(Map.of("input", Map.of("path", bad), "sampling_freq", 500))
                    .post("/api/filtering/jobs").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("input.path"));
        }
        given().contentType("application/json").body(Map.of("input", Map.of("path", "recordings/none.npy"), "sampling_freq", 500))
                .post("/api/filtering/jobs").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badSubmissionsGetTheRightProblem() throws Exception {
        byte[] npy = TestFiles.npy(2000, 1, 6);
        String good = TestFiles.upload(npy, "a.npy");
        String truncated = TestFiles.upload(java.util.Arrays.copyOf(npy, npy.length - 100), "cut.npy");
        String mystery = TestFiles.upload(new byte[] {1, 2, 3, 4, 5}, "mystery.xyz");
        post(Map.of("sampling_freq", 500)).then().statusCode(400).body("field", equalTo("input"));
        post(Map.of("input", Map.of("upload_id", "nope"), "sampling_freq", 500)).then().statusCode(404);
        post(Map.of("input", Map.of("upload_id", truncated), "sampling_freq", 500)).then().statusCode(422)
                .body("detail", containsString("truncated"));
        post(Map.of("input", Map.of("upload_id", mystery), "sampling_freq", 500)).then().statusCode(415);
        post(Map.of("input", Map.of("upload_id", good), "format", "docx")).then().statusCode(415);
        post(Map.of("input", Map.of("upload_id", good))).then().statusCode(400).body("field", equalTo("sampling_freq"));
        post(Map.of("input", Map.of("upload_id", good), "sampling_freq", 500, "filter_params", Map.of("filter_type", "lowpass", "high_freq", 400)))
                .then().statusCode(400).body("detail", containsString("Nyquist frequency 250 Hz"));
        post(Map.of("input", Map.of("upload_id", good), "sampling_freq", 500, "strategy", "warp")).then().statusCode(400).body("field", equalTo("strategy"));
        post(Map.of("input", Map.of("upload_id", good), "sampling_freq", 500, "output_format", "mp3")).then().statusCode(415);
        post(Map.of("input", Map.of("upload_id", good), "sampling_freq", 500, "channels", List.of(3))).then().statusCode(400).body("field", equalTo("channels"));
        post(Map.of("input", Map.of("upload_id", good, "path", "x"), "sampling_freq", 500)).then().statusCode(400);
    }

    private static Response post(Map<String, Object> body) {
        return given().contentType("application/json").body(body).post("/api/filtering/jobs");
    }

    @Test
    void unknownJobsAre404Everywhere() {
        for (String path : List.of("/api/filtering/jobs/x", "/api/filtering/jobs/x/result", "/api/filtering/jobs/x/preview")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().post("/api/filtering/cancel/x").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void previewDecimatesInputAndOutput() {
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", TestFiles.upload(TestFiles.npy(50_000, 2, 7), "p.npy")),
                "sampling_freq", 500, "filter_params", BANDPASS));
        TestFiles.waitFor(id, "completed");
        given().queryParam("max_points", 100).get("/api/filtering/jobs/" + id + "/preview").then().statusCode(200)
                .body("input.bins", equalTo(50)).body("input.min", hasSize(2)).body("input.min[0]", hasSize(50))
                .body("output.max[1]", hasSize(50)).body("input.time[1]", equalTo(2.0));
        given().queryParam("max_points", 100).queryParam("start", 1000).queryParam("end", 1040)
                .get("/api/filtering/jobs/" + id + "/preview").then().statusCode(200).body("input.bins", equalTo(40));
        given().queryParam("max_points", 1).get("/api/filtering/jobs/" + id + "/preview").then().statusCode(400)
                .body("field", equalTo("max_points"));
    }

    @Test
    void resultIs409WhileRunningAndCancelStopsWithinOneChunkLeavingNothing() throws Exception {
        // 1 MiB chunks of 8 lanes: 16 384 frames; 400 000 frames = 25 chunks x 2 passes, each held 100 ms by chunk-delay
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", TestFiles.upload(TestFiles.npy(400_000, 2, 8), "long.npy")),
                "sampling_freq", 500, "filter_params", BANDPASS, "strategy", "memory_mapped"));
        Response running = TestFiles.waitFor(id, "running");
        long deadline = System.currentTimeMillis() + 10_000;
        while (running.<Integer>path("chunks_done") < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            running = given().get("/api/filtering/jobs/" + id);
        }
        given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("running"));
        int before = given().post("/api/filtering/cancel/" + id).then().statusCode(200).body("success", equalTo(true))
                .body("request_id", equalTo(id)).extract().path("chunks_done");
        Response end = TestFiles.waitFor(id, "cancelled");
        assertTrue(end.<Integer>path("chunks_done") <= before + 1, "stopped within one chunk: " + before + " -> " + end.path("chunks_done"));
        given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(409);
        Path folder = Path.of(dataDir, "jobs", id);
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith("result")), "no result: " + names);
            assertFalse(names.contains("scratch") && Files.list(folder.resolve("scratch")).findAny().isPresent(), "scratch emptied: " + names);
        }
        given().post("/api/filtering/cancel/" + id).then().statusCode(409);
    }

    @Test
    void statisticsAndMetricsCountRequests() {
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", TestFiles.upload(TestFiles.npy(2000, 1, 9), "s.npy")),
                "sampling_freq", 500, "filter_params", BANDPASS, "strategy", "standard"));
        TestFiles.waitFor(id, "completed");
        given().get("/api/filtering/statistics").then().statusCode(200)
                .body("total_requests", greaterThanOrEqualTo(1)).body("heavy_data_requests", greaterThanOrEqualTo(1))
                .body("completed", greaterThanOrEqualTo(1)).body("strategies.standard", greaterThanOrEqualTo(1))
                .body("memory_usage_peak", notNullValue()).body("cache_hits", notNullValue()).body("active_requests", notNullValue());
        given().get("/q/metrics").then().statusCode(200).body(containsString("vitalstream_requests_total"))
                .body(containsString("vitalstream_strategy_total")).body(containsString("node=\"test-node\""));
        given().get("/api/filtering/jobs").then().statusCode(200).body("request_id", org.hamcrest.Matchers.hasItem(id));
    }
}
