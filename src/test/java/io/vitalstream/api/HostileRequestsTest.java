package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile requests of the hardening issue, one test each: every one answers a clear
 * problem+json (never a 500, never a dead thread), and after each the service still answers
 * /q/health and a small filter request within 2 s; the heap after GC comes back to within
 * 20 % of where it started.
 */
@QuarkusTest
class HostileRequestsTest {

    static final Map<String, Object> BANDPASS = Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40, "filter_order", 4);
    static String dataDir;
    static long heapBefore;

    /** The baseline is taken after ordinary use (a job, its preview, a filter request), so bounded caches are in it. */
    @org.junit.jupiter.api.BeforeEach
    void baseline() {
        if (dataDir != null) {
            return;
        }
        dataDir = ConfigProvider.getConfig().getValue("vitalstream.data-dir", String.class);
        String upload = TestFiles.upload(TestFiles.npy(20_000, 4, 1), "ordinary.npy");
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS));
        TestFiles.waitFor(id, "completed");
        given().queryParam("max_points", 2000).get("/api/filtering/jobs/" + id + "/preview").then().statusCode(200);
        stillServes();
        heapBefore = liveHeap();
    }

    @AfterAll
    static void heapComesBack() {
        long after = liveHeap();
        assertTrue(after <= heapBefore * 1.2 + (16 << 20), "live heap after GC " + (after >> 20) + " MB, at the start " + (heapBefore >> 20) + " MB");
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The service still answers health and a small filter within 2 s. */
    static void stillServes() {
        long t0 = System.nanoTime();
        given().get("/q/health/live").then().statusCode(200);
        given().contentType("application/json").body(Map.of("signal_data", List.of(0.1, 0.5, 0.9, 0.4, -0.2, -0.6, -0.3, 0.2, 0.7, 0.8,
                        0.3, -0.1, -0.5, -0.4, 0.0, 0.4, 0.6, 0.5, 0.1, -0.3), "sampling_freq", 100,
                "filter_params", Map.of("filter_type", "lowpass", "high_freq", 10, "filter_order", 2)))
                .post("/api/filtering/filter").then().statusCode(200);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "health and a small filter took " + (System.nanoTime() - t0) / 1e6 + " ms");
    }

    static Response filter(Object body) {
        return given().contentType("application/json").body(body).post("/api/filtering/filter");
    }

    static List<Double> signal(int n) {
        List<Double> x = new ArrayList<>();
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            x.add(Math.sin(i * 0.05) + 0.1 * rnd.nextGaussian());
        }
        return x;
    }

    @Test
    void longListsAreRefusedWhileTheBodyIsRead() {
        StringBuilder members = new StringBuilder("{\"signal_data\":[1,2,3,4,5,6,7,8],\"sampling_freq\":100,"
                + "\"filter_params\":{\"category\":\"ensemble\",\"method\":\"mean\",\"members\":[");
        for (int i = 0; i < 200_000; i++) {
            members.append(i == 0 ? "{}" : ",{}");
        }
        members.append("]}}");
        filter(members.toString()).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("members")).body("detail", containsString("at most 1000"));
        StringBuilder chain = new StringBuilder("{\"signal_data\":[1,2,3,4,5,6,7,8],\"sampling_freq\":100,\"filter_chain\":[");
        for (int i = 0; i < 200_000; i++) {
            chain.append(i == 0 ? "{}" : ",{}");
        }
        chain.append("]}");
        filter(chain.toString()).then().statusCode(400).body("field", equalTo("filter_chain"));
        String deep = "[".repeat(5000) + "]".repeat(5000);
        filter("{\"signal_data\":[1,2,3],\"sampling_freq\":100,\"filter_chain\":" + deep + "}").then().statusCode(400)
                .contentType("application/problem+json");
        stillServes();
    }

    @Test
    void hugeSavgolWindowsAndResponsesAreRefusedBeforeTheWork() {
        given().contentType("application/json").body(Map.of("sampling_freq", 500, "filter_params",
                        Map.of("filter_family", "savgol", "window_size", 100_001, "polyorder", 2)))
                .post("/api/filtering/design").then().statusCode(400).body("field", equalTo("window_size"));
        long t0 = System.nanoTime();
        given().contentType("application/json").body(Map.of("sampling_freq", 500, "points", 20_000, "filter_params",
                        Map.of("filter_family", "gaussian", "sigma", 10_000)))
                .post("/api/filtering/design").then().statusCode(400).body("field", equalTo("points"));
        given().contentType("application/json").body(Map.of("sampling_freq", 500, "points", 64, "filter_params",
                        Map.of("filter_family", "gaussian", "sigma", 10_000)))
                .post("/api/filtering/design").then().statusCode(200);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the refused and the small design took " + (System.nanoTime() - t0) / 1e6 + " ms");
        stillServes();
    }

    @Test
    void workBeyondTheLimitIsRefusedWithTheLimitNamed() {
        Map<String, Object> autoencoder = Map.of("category", "neural", "method", "autoencoder", "complexity", 5);
        Map<String, Object> bagging = Map.of("category", "ensemble", "method", "bagging", "members",
                List.of(autoencoder, autoencoder, autoencoder, autoencoder, autoencoder, autoencoder));
        long t0 = System.nanoTime();
        filter(Map.of("signal_data", signal(5000), "sampling_freq", 500, "filter_chain",
                List.of(Map.of("filter_params", bagging, "iterations", 10)))).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("vitalstream.max-work"));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused before the work");
        stillServes();
    }

    @Test
    void wholeSignalJobsStopWhenCancelled() throws Exception {
        String upload = TestFiles.upload(TestFiles.npy(20_000, 2, 3), "long.npy");
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500,
                "filter_params", Map.of("category", "neural", "method", "lstm", "complexity", 4, "epochs", 2000)));
        TestFiles.waitFor(id, "running");
        Thread.sleep(300);
        given().post("/api/filtering/cancel/" + id).then().statusCode(200);
        long t0 = System.nanoTime();
        TestFiles.waitFor(id, "cancelled");
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the trained method stopped within an epoch or so");
        stillServes();
    }

    @Test
    void previewsOfWideFilesAreBoundedAndParametersAreChecked() {
        String upload = TestFiles.upload(TestFiles.npy(1000, 4096, 5), "wide.npy");
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500,
                "filter_params", Map.of("filter_family", "median", "window_size", 3)));
        TestFiles.waitFor(id, "completed");
        given().queryParam("max_points", 20).get("/api/filtering/jobs/" + id + "/preview").then().statusCode(200)
                .body("input.bins", equalTo(10));
        given().queryParam("max_points", 2000).get("/api/filtering/jobs/" + id + "/preview").then().statusCode(400)
                .body("field", equalTo("max_points"));
        given().queryParam("max_points", "abc").get("/api/filtering/jobs/" + id + "/preview").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("max_points"));
        given().queryParam("channel", "x").get("/api/filtering/jobs/" + id + "/quality").then().statusCode(400)
                .body("field", equalTo("channel"));
        stillServes();
    }

    @Test
    void aWfdbDataFileThatLinksOutIsRefused() throws Exception {
        Path folder = Path.of(dataDir, "hostile-wfdb");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("leak.hea"), "leak 1 360 100\nleak.dat 16 200 12 0 0 0 0 ECG\n");
        Path dat = folder.resolve("leak.dat");
        Files.deleteIfExists(dat);
        Files.createSymbolicLink(dat, Path.of("/etc/passwd"));
        given().contentType("application/json").body(Map.of("input", Map.of("path", "hostile-wfdb/leak.hea"),
                        "filter_params", BANDPASS)).post("/api/filtering/jobs").then().statusCode(400)
                .body("detail", containsString("outside"));
        stillServes();
    }

    @Test
    void nonFiniteSamplesAndDesignsAreRefused() throws Exception {
        Path p = Files.createTempFile("nan", ".npy");
        double[] data = new double[4000 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(i * 0.01);
        }
        data[2 * 1234 + 1] = Double.NaN;
        try (BinaryWriter w = BinaryWriter.npy(p, SampleType.FLOAT32, 2, 4000, false)) {
            w.write(0, 4000, data, 0, 2);
        }
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", TestFiles.upload(Files.readAllBytes(p), "nan.npy")),
                "sampling_freq", 500, "filter_params", BANDPASS));
        Files.delete(p);
        Response failed = TestFiles.waitFor(id, "failed");
        String error = failed.path("error");
        assertTrue(error.contains("NaN") && error.contains("sample 1234") && error.contains("channel 1"), error);
        filter(Map.of("signal_data", signal(200), "sampling_freq", 500, "filter_params",
                Map.of("filter_type", "highpass", "low_freq", 1e-300, "filter_order", 4))).then().statusCode(400)
                .body("detail", not(containsString("NaN")));
        stillServes();
    }

    @Test
    void anUploadNamedLikeItsMetadataIsJustAFile() {
        String upload = TestFiles.upload(TestFiles.npy(2000, 1, 9), "upload.json.tmp");
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "format", "npy", "sampling_freq", 500,
                "filter_params", BANDPASS));
        TestFiles.waitFor(id, "completed");
        stillServes();
    }

    @Test
    void malformedFilesAreRefusedAtSubmissionWith422() throws Exception {
        Path folder = Path.of(dataDir, "hostile-files");
        Files.createDirectories(folder);
        // WFDB header with numbers too large for their fields
        Files.writeString(folder.resolve("big.hea"), "big 1 360 100\nbig.dat 99999999999999999999 200 12 0 0 0 0 ECG\n");
        Files.write(folder.resolve("big.dat"), new byte[400]);
        submitPath("hostile-files/big.hea").then().statusCode(422).contentType("application/problem+json");
        // WFDB samples starting past the end of the .dat
        Files.writeString(folder.resolve("far.hea"), "far 1 360 100\nfar.dat 16x1:9000000 200 12 0 0 0 0 ECG\n");
        Files.write(folder.resolve("far.dat"), new byte[400]);
        Response far = submitPath("hostile-files/far.hea");
        assertTrue(far.statusCode() == 422 || far.statusCode() == 415, far.asString());
        // a .dat that is a directory
        Files.writeString(folder.resolve("dir.hea"), "dir 1 360 100\ndirdat 16 200 12 0 0 0 0 ECG\n");
        Files.createDirectories(folder.resolve("dirdat"));
        submitPath("hostile-files/dir.hea").then().statusCode(422);
        // a .npy whose shape overflows a long of bytes
        byte[] header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }".getBytes(StandardCharsets.ISO_8859_1);
        byte[] npy = new byte[10 + 118 + 16];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, 0, npy, 0, 10);
        java.util.Arrays.fill(npy, 10, 128, (byte) ' ');
        System.arraycopy(header, 0, npy, 10, header.length);
        npy[127] = '\n';
        Files.write(folder.resolve("huge.npy"), npy);
        submitPath("hostile-files/huge.npy").then().statusCode(422);
        // a link to nothing
        Path dangling = folder.resolve("dangling.npy");
        Files.deleteIfExists(dangling);
        Files.createSymbolicLink(dangling, folder.resolve("nowhere.npy"));
        submitPath("hostile-files/dangling.npy").then().statusCode(404).contentType("application/problem+json");
        // a CSV wider than any recording: refused for its column count
        StringBuilder wide = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 5000; c++) {
                wide.append(c == 0 ? "" : ",").append(row + c);
            }
            wide.append('\n');
        }
        Files.writeString(folder.resolve("wide.csv"), wide);
        Response w = submitPath("hostile-files/wide.csv");
        if (w.statusCode() == 202) {
            String error = TestFiles.waitFor(w.path("request_id"), "failed").path("error");
            assertTrue(error.contains("columns"), error);
        } else {
            assertTrue(w.statusCode() == 415 || w.statusCode() == 422, w.asString());
        }
        // binary garbage as CSV: the job fails with the reason, not an internal error
        byte[] garbage = new byte[5000];
        new Random(4).nextBytes(garbage);
        Files.write(folder.resolve("garbage.csv"), garbage);
        Response r = submitPath("hostile-files/garbage.csv");
        if (r.statusCode() == 202) {
            String error = TestFiles.waitFor(r.path("request_id"), "failed").path("error");
            assertFalse(error.contains("internal error"), error);
        } else {
            assertTrue(r.statusCode() == 422 || r.statusCode() == 415, r.asString());
        }
        stillServes();
    }

    static Response submitPath(String path) {
        Map<String, Object> body = new HashMap<>();
        body.put("input", Map.of("path", path));
        body.put("sampling_freq", 360);
        body.put("filter_params", BANDPASS);
        return given().contentType("application/json").body(body).post("/api/filtering/jobs");
    }

    @Test
    void cancelEitherWinsOrSaysTheJobCompleted() {
        String upload = TestFiles.upload(TestFiles.npy(3000, 1, 2), "tiny.npy");
        for (int trial = 0; trial < 20; trial++) {
            String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS,
                    "strategy", "memory_mapped"));
            Response cancel = given().post("/api/filtering/cancel/" + id);
            Response end = TestFiles.waitFor(id, "completed", "cancelled", "failed");
            if (cancel.statusCode() == 200) {
                assertTrue("cancelled".equals(end.path("state")), "cancel answered 200 but the job ended " + end.asString());
                given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(409);
            } else {
                assertTrue(cancel.statusCode() == 409, cancel.asString());
            }
        }
        stillServes();
    }

    @Test
    void crossSiteUploadsAndRandomPathsAreKeptOut() {
        given().contentType("text/plain").body("fill the disk").post("/api/uploads").then().statusCode(415)
                .contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").body("a=b").post("/api/uploads").then().statusCode(415);
        for (int i = 0; i < 5; i++) {
            given().get("/api/filtering/jobs/random-" + i + "-id/result").then().statusCode(404);
        }
        String metrics = given().get("/q/metrics").asString();
        assertFalse(metrics.contains("random-3-id"), "a request path became a metric label");
        stillServes();
    }
}
