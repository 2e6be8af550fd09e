package io.vitalstream.api;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service, killed (SIGKILL) while a job runs and another waits, then started
 * again over the same data dir: every earlier job is there with its true final state, the
 * interrupted ones are failed, and no partial output is published.
 */
class JobRestartIT {

    @TempDir
    Path data;
    private Process service;

    private void start(int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("target/quarkus-app/vitalstream").toAbsolutePath().toString(),
                "-Dquarkus.http.port=" + port, "-Dvitalstream.data-dir=" + data, "-Dvitalstream.chunk-size-mb=1",
                "-Dvitalstream.chunk-delay-ms=200", "-Dvitalstream.max-concurrent-jobs=1")
                .redirectErrorStream(true).redirectOutput(data.resolve("service-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        service = pb.start();
        RestAssured.port = port;
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                if (given().get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // still starting
            }
            if (System.currentTimeMillis() > deadline || !service.isAlive()) {
                throw new AssertionError("the service did not start; see " + data);
            }
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
        RestAssured.reset();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRestartShowsEarlierJobsWithTheirStatesAndNoPartialOutput() throws Exception {
        int port = freePort();
        start(port);
        Map<String, Object> filter = Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40.0);
        String upload = TestFiles.upload(TestFiles.npy(300_000, 2, 31), "restart.npy");
        String done = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", filter,
                "strategy", "standard"));
        TestFiles.waitFor(done, "completed");
        byte[] result = given().get("/api/filtering/jobs/" + done + "/result").asByteArray();
        String running = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", filter,
                "strategy", "memory_mapped"));
        String queued = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", filter));
        Response r = TestFiles.waitFor(running, "running");
        long deadline = System.currentTimeMillis() + 20_000;
        while (r.<Integer>path("chunks_done") < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            r = given().get("/api/filtering/jobs/" + running);
        }
        given().get("/api/filtering/jobs/" + queued).then().body("state", equalTo("queued"));

        service.destroyForcibly().waitFor();   // SIGKILL: no shutdown hooks, like a crash
        Path jobs = data.resolve("jobs");
        try (Stream<Path> files = Files.walk(jobs.resolve(running))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".part") || p.toString().contains("scratch")),
                    "the crash left partial output behind for the restart to clean");
        }

        start(freePort());
        given().get("/api/filtering/jobs/" + done).then().statusCode(200).body("state", equalTo("completed"));
        byte[] again = given().get("/api/filtering/jobs/" + done + "/result").then().statusCode(200).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(result, again);
        for (String id : List.of(running, queued)) {
            given().get("/api/filtering/jobs/" + id).then().statusCode(200).body("state", equalTo("failed"))
                    .body("error", containsString("service stopped"));
            given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(409);
            try (Stream<Path> files = Files.walk(jobs.resolve(id))) {
                List<String> names = files.map(p -> jobs.relativize(p).toString()).toList();
                assertFalse(names.stream().anyMatch(n -> n.endsWith(".part") || n.contains("result.") || n.contains("scratch/")),
                        "no partial output: " + names);
            }
        }
        given().get("/api/filtering/jobs").then().statusCode(200).body("size()", equalTo(3));
    }
}
