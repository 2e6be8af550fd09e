package io.vitalstream.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vitalstream.TestRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster mode inside the test process (one replica on a real {@code redis-server}), so that
 * its code is measured with the rest: the queue, records and statistics in Redis, a job split
 * into parts with the in-memory engine's bytes, a cancel of a job another replica would take,
 * and Redis going away and coming back. {@code ClusterIT} runs three packaged replicas.
 */
@QuarkusTest
@TestProfile(ClusterModeTest.OnRedis.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterModeTest {

    /** A redis-server of its own on a free port, and a data dir of its own. */
    public static class RedisServer implements QuarkusTestResourceLifecycleManager {
        static TestRedis redis;

        @Override
        public Map<String, String> start() {
            if (!TestRedis.installed()) {
                throw new IllegalStateException("redis-server is missing (bin/test installs it)");
            }
            redis = TestRedis.start();
            Path data = Path.of("target/test-data-cluster");
            if (Files.exists(data)) {
                try (Stream<Path> walk = Files.walk(data)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Map.of("vitalstream.cluster.redis-url", redis.url(), "vitalstream.data-dir", data.toString(),
                    "vitalstream.cluster.split-above-mb", "1", "vitalstream.cluster.lease-seconds", "2",
                    "vitalstream.max-concurrent-jobs", "1", "vitalstream.chunk-delay-ms", "20", "vitalstream.cluster.node-id", "solo");
        }

        @Override
        public void stop() {
            if (redis != null) {
                redis.kill();
            }
        }
    }

    public static class OnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServer.class));
        }
    }

    private static final Map<String, Object> BANDPASS = Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40.0);
    private static final Map<String, Object> MEDIAN = Map.of("filter_family", "median", "window_size", 5);

    private static byte[] run(String upload, Map<String, Object> filter, String strategy) {
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", filter,
                "strategy", strategy));
        TestFiles.waitFor(id, "completed");
        return given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(200).extract().asByteArray();
    }

    @Test
    @Order(1)
    void aJobSplitIntoPartsHasTheInMemoryBytesAndStatisticsComeFromRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'cluster' }.data.mode", equalTo("cluster"));
        String upload = TestFiles.upload(TestFiles.npy(150_000, 3, 41), "cluster.npy"); // 1.8 MB: split (split-above-mb 1)
        for (Map<String, Object> filter : List.of(BANDPASS, MEDIAN)) {
            byte[] split = run(upload, filter, "chunked");
            byte[] whole = run(upload, filter, "standard"); // in memory: never split
            assertArrayEquals(whole, split, filter.toString());
        }
        Response jobs = given().get("/api/filtering/jobs");
        List<List<String>> notes = jobs.path("notes");
        assertTrue(notes.stream().flatMap(List::stream).filter(n -> n.startsWith("split into")).count() >= 2, notes.toString());
        given().get("/api/filtering/statistics").then().statusCode(200).body("cluster.node", equalTo("solo"))
                .body("cluster.replicas", org.hamcrest.Matchers.hasItem("solo"));
        long deadline = System.currentTimeMillis() + 10_000; // counts reach Redis within a heartbeat
        while (given().get("/api/filtering/statistics").<Integer>path("completed") < 4) {
            assertTrue(System.currentTimeMillis() < deadline, "statistics from Redis");
            sleep(100);
        }
    }

    @Test
    @Order(2)
    void aQueuedJobIsCancelledThroughRedisAndARunningOneStopsWithinAChunk() {
        String upload = TestFiles.upload(TestFiles.npy(2_000_000, 2, 42), "cancel.npy"); // about 2 s at 20 ms a chunk
        Map<String, Object> slow = Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", MEDIAN,
                "strategy", "chunked");
        String running = TestFiles.submit(slow);
        TestFiles.waitFor(running, "running");
        String queued = TestFiles.submit(slow); // one runner: this one waits in Redis, not here
        given().post("/api/filtering/cancel/" + queued).then().statusCode(200).body("state", equalTo("cancelled"));
        given().post("/api/filtering/cancel/" + queued).then().statusCode(409);
        given().post("/api/filtering/cancel/" + running).then().statusCode(200);
        TestFiles.waitFor(running, "cancelled");
        given().get("/api/filtering/jobs/" + queued).then().body("state", equalTo("cancelled"));
        given().get("/api/filtering/jobs/" + running + "/result").then().statusCode(409);
    }

    @Test
    @Order(3)
    void withRedisGoneTheReplicaIsNotReadyRefusesJobsAndComesBack() throws Exception {
        String upload = TestFiles.upload(TestFiles.npy(20_000, 1, 43), "outage.npy");
        String done = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS));
        TestFiles.waitFor(done, "completed");
        RedisServer.redis.kill();
        long deadline = System.currentTimeMillis() + 10_000;
        while (given().get("/q/health/ready").statusCode() != 503) {
            assertTrue(System.currentTimeMillis() < deadline, "still ready without Redis");
            sleep(100);
        }
        given().contentType("application/json").body(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500))
                .post("/api/filtering/jobs").then().statusCode(503).body("detail", containsString("Redis"));
        given().get("/api/filtering/jobs/" + done).then().statusCode(200).body("state", equalTo("completed"));
        given().get("/api/filtering/jobs").then().statusCode(200);
        given().get("/api/filtering/statistics").then().statusCode(200);
        RedisServer.redis.restart(); // empty
        deadline = System.currentTimeMillis() + 15_000;
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "not ready again after Redis came back");
            sleep(100);
        }
        String after = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS));
        TestFiles.waitFor(after, "completed");
        given().get("/api/filtering/jobs/" + done + "/result").then().statusCode(200);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
