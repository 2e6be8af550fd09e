package io.vitalstream.api;

import io.restassured.response.Response;
import io.vitalstream.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster mode (SPEC section 7) as it runs: a real {@code redis-server} on a free port, three
 * packaged replicas as separate processes on loopback sharing one data dir, and a single-node
 * service for the reference bytes. Jobs spread over the replicas; a cancel reaches the runner
 * from any replica; statistics count the whole cluster; Redis stopped and restarted costs no
 * completed result; a replica killed with SIGKILL mid-job loses nothing either.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int LEASE_SECONDS = 3;
    private static Path data;
    private static TestRedis redis;
    private static final List<Replica> replicas = new ArrayList<>();
    private static final Map<String, byte[]> reference = new HashMap<>();
    private static final List<String> completedJobs = new ArrayList<>();

    private record Replica(String node, int port, Process process) {
    }

    private static final Map<String, Object> ZERO_PHASE = Map.of("input", Map.of("path", "study/rec.npy"), "sampling_freq", 500,
            "filter_params", Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40.0), "strategy", "chunked");
    /** Through the chunk cache (and its shared tier in Redis), unlike the IIR jobs. */
    private static final Map<String, Object> MEDIAN = Map.of("input", Map.of("path", "study/rec.npy"), "sampling_freq", 500,
            "filter_params", Map.of("filter_family", "median", "window_size", 5), "strategy", "chunked");
    /** 40 MB of float32: above the replicas' split-above-mb (16), so its segment tasks are shared. */
    private static final Map<String, Object> BIG_ZERO_PHASE = Map.of("input", Map.of("path", "study/big.npy"), "sampling_freq", 500,
            "filter_params", Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40.0), "strategy", "chunked");
    /** A window filter over the same 40 MB: split in frame ranges (each part reads a halo). */
    private static final Map<String, Object> BIG_MEDIAN = Map.of("input", Map.of("path", "study/big.npy"), "sampling_freq", 500,
            "filter_params", Map.of("filter_family", "median", "window_size", 5), "strategy", "chunked");
    private static final Map<String, Object> CAUSAL = Map.of("input", Map.of("path", "study/rec.npy"), "sampling_freq", 500,
            "filter_params", Map.of("filter_type", "lowpass", "high_freq", 30.0, "zero_phase", false), "strategy", "memory_mapped");

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(TestRedis.installed(), "redis-server is not installed");
        data = Files.createTempDirectory("vs-cluster");
        Files.createDirectories(data.resolve("study"));
        Files.write(data.resolve("study/rec.npy"), TestFiles.npy(400_000, 4, 71));
        Files.write(data.resolve("study/big.npy"), TestFiles.npy(2_500_000, 4, 72));
        redis = TestRedis.start();
        for (int i = 1; i <= 3; i++) {
            replicas.add(launch("replica-" + i, true));
        }
        for (Replica r : replicas) {
            awaitReady(r);
        }
    }

    private static Replica launch(String node, boolean cluster) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("target/quarkus-app/vitalstream").toAbsolutePath().toString(),
                "-Xmx200m", "-Dquarkus.http.port=" + port, "-Dvitalstream.chunk-size-mb=1", "-Dvitalstream.chunk-delay-ms=25",
                "-Dvitalstream.max-concurrent-jobs=1", "-Dvitalstream.cluster.node-id=" + node));
        if (cluster) {
            cmd.add("-Dvitalstream.data-dir=" + data);
            cmd.add("-Dvitalstream.cluster.redis-url=" + redis.url());
            cmd.add("-Dvitalstream.cluster.lease-seconds=" + LEASE_SECONDS);
            cmd.add("-Dvitalstream.cluster.split-above-mb=16");
        } else {
            Path own = data.resolve("single-node");
            cmd.add("-Dvitalstream.data-dir=" + own);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve(node + ".log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new Replica(node, port, pb.start());
    }

    private static void awaitReady(Replica r) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            try {
                if (given().port(r.port()).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // still starting
            }
            if (System.currentTimeMillis() > deadline || !r.process().isAlive()) {
                throw new AssertionError(r.node() + " did not become ready; see " + data.resolve(r.node() + ".log"));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopCluster() {
        replicas.forEach(r -> r.process().destroyForcibly());
        if (redis != null) {
            redis.kill();
        }
        for (Replica r : replicas) {
            try {
                r.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (data != null) {
            // the shared data dir holds several hundred MB of job results; a run must not leave it behind
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + data + ": " + e);
            }
        }
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String submit(Replica r, Map<String, Object> request) {
        return given().port(r.port()).contentType("application/json").body(request).post("/api/filtering/jobs")
                .then().statusCode(202).extract().path("request_id");
    }

    private static Response status(Replica r, String id) {
        return given().port(r.port()).get("/api/filtering/jobs/" + id);
    }

    private static Response waitFor(Replica r, String id, long seconds, String... states) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (true) {
            Response s = status(r, id);
            if (s.statusCode() == 200 && List.of(states).contains(s.<String>path("state"))) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("job " + id + " not " + List.of(states) + " after " + seconds + " s: " + s.asString());
            }
            Thread.sleep(50);
        }
    }

    private static byte[] result(Replica r, String id) {
        return given().port(r.port()).get("/api/filtering/jobs/" + id + "/result").then().statusCode(200).extract().asByteArray();
    }

    private static Replica replicaNamed(String node) {
        return replicas.stream().filter(r -> r.node().equals(node)).findFirst().orElseThrow();
    }

    /** The bytes one single-node service (no Redis) publishes for the same request. */
    private static byte[] singleNode(Map<String, Object> request) throws Exception {
        String key = request.toString();
        if (!reference.containsKey(key)) {
            Path own = data.resolve("single-node");
            Files.createDirectories(own.resolve("study"));
            for (String f : List.of("rec.npy", "big.npy")) {
                Files.copy(data.resolve("study").resolve(f), own.resolve("study").resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Replica single = launch("single-node", false);
            try {
                awaitReady(single);
                given().port(single.port()).get("/q/health/ready").then().statusCode(200);
                for (Map<String, Object> req : List.of(ZERO_PHASE, CAUSAL, MEDIAN, BIG_ZERO_PHASE, BIG_MEDIAN)) {
                    String id = submit(single, req);
                    waitFor(single, id, 120, "completed");
                    reference.put(req.toString(), result(single, id));
                }
            } finally {
                single.process().destroyForcibly().waitFor();
            }
        }
        return reference.get(key);
    }

    @Test
    @Order(1)
    void twelveJobsRoundRobinAllCompleteOnSeveralReplicasWithTheSingleNodeBytes() throws Exception {
        List<Map<String, Object>> specs = List.of(ZERO_PHASE, CAUSAL, MEDIAN);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(submit(replicas.get(i % 3), specs.get((i / 2) % 3)));
        }
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            // any replica answers for any job
            Response done = waitFor(replicas.get((i + 1) % 3), ids.get(i), 180, "completed", "failed");
            assertEquals("completed", done.path("state"), done.asString());
            nodes.add(done.path("node"));
            byte[] bytes = result(replicas.get((i + 2) % 3), ids.get(i));
            assertArrayEquals(singleNode(specs.get((i / 2) % 3)), bytes, "job " + i + " differs from the single node's result");
            completedJobs.add(ids.get(i));
        }
        assertTrue(nodes.size() >= 2, "jobs ran on " + nodes);
        List<String> listed = given().port(replicas.get(2).port()).get("/api/filtering/jobs").then().statusCode(200).extract().path("request_id");
        assertTrue(listed.containsAll(ids), "every replica lists every job");

        // preview and quality of any job from any replica; two replicas screening the same job at once agree
        String first = ids.get(0);
        given().port(replicas.get(2).port()).get("/api/filtering/jobs/" + first + "/preview?max_points=200").then().statusCode(200)
                .body("output.bins", org.hamcrest.Matchers.greaterThan(0));
        List<String> bodies = new ArrayList<>();
        for (Replica r : replicas.subList(0, 2)) {
            given().port(r.port()).get("/api/filtering/jobs/" + first + "/quality?max_segments=50"); // both start a screen
        }
        for (Replica r : replicas.subList(0, 2)) {
            long deadline = System.currentTimeMillis() + 60_000;
            Response q;
            while ((q = given().port(r.port()).get("/api/filtering/jobs/" + first + "/quality?max_segments=50")).statusCode() == 202) {
                assertTrue(System.currentTimeMillis() < deadline, "quality screen still running");
                Thread.sleep(100);
            }
            q.then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("completed"));
            // the levels; the indices themselves come from FFTW plans each process measures, equal to ~1e-15
            bodies.add(q.jsonPath().getList("channels.segments.level").toString() + q.jsonPath().getList("channels.segments.start"));
        }
        assertEquals(bodies.get(0), bodies.get(1));
    }

    @Test
    @Order(2)
    void aCancelSentToAnotherReplicaStopsTheJobWithinAChunkAndStatisticsCountTheCluster() throws Exception {
        String id = submit(replicas.get(0), ZERO_PHASE);
        Response running = waitFor(replicas.get(1), id, 60, "running");
        String runner = running.path("node");
        while (status(replicas.get(1), id).<Integer>path("chunks_done") < 5) {
            Thread.sleep(20);
        }
        Replica other = replicas.stream().filter(r -> !r.node().equals(runner)).findFirst().orElseThrow();
        // the runner's own status is current to the chunk (other replicas' may be 100 ms old)
        int before = status(replicaNamed(runner), id).path("chunks_done");
        given().port(other.port()).post("/api/filtering/cancel/" + id).then().statusCode(200);
        Response ended = waitFor(replicaNamed(runner), id, 30, "cancelled", "completed", "failed");
        assertEquals("cancelled", ended.path("state"), ended.asString());
        int after = ended.path("chunks_done");
        // the runner stops at the end of the chunk it is filtering when the cancel reaches it ...
        List<String> notes = ended.path("notes");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("heard here after chunk (\\d+), stopped after chunk (\\d+)")
                .matcher(String.join(" ", notes));
        assertTrue(m.find(), "the runner notes when it heard the cancel: " + notes);
        int heard = Integer.parseInt(m.group(1));
        assertEquals(after, Integer.parseInt(m.group(2)));
        assertTrue(after - heard <= 1, "stopped " + (after - heard) + " chunks after hearing the cancel");
        // ... which reaches it within the chunks of a few ms of messaging (chunks here are 25 ms)
        assertTrue(heard - before <= 3, "heard the cancel " + (heard - before) + " chunks after it was sent");
        System.out.printf("cancel: sent at chunk %d, heard at %d, stopped after %d%n", before, heard, after);
        given().port(other.port()).get("/api/filtering/jobs/" + id + "/result").then().statusCode(409);
        try (Stream<Path> files = Files.list(data.resolve("jobs").resolve(id))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("result")), "a cancelled job publishes nothing");
        }

        // every replica's statistics count all 13 jobs (flushed to Redis within a heartbeat)
        long deadline = System.currentTimeMillis() + 10_000;
        for (Replica r : replicas) {
            while (true) {
                Response s = given().port(r.port()).get("/api/filtering/statistics");
                long completed = s.<Number>path("completed").longValue();
                long cancelled = s.<Number>path("cancelled").longValue();
                List<String> live = s.path("cluster.replicas");
                if (completed == 12 && cancelled == 1 && s.<Number>path("heavy_data_requests").longValue() == 13 && live.size() == 3) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(r.node() + ": " + s.asString());
                }
                Thread.sleep(200);
            }
            // metrics per replica: each replica's meters carry its node id
            assertTrue(given().port(r.port()).get("/q/metrics").asString().contains("node=\"" + r.node() + "\""), r.node());
        }
    }

    @Test
    @Order(3)
    void largeJobsSplitOverTheReplicasHaveTheSingleNodeBytes() throws Exception {
        for (Map<String, Object> request : List.of(BIG_ZERO_PHASE, BIG_MEDIAN)) {
            String id = submit(replicas.get(0), request);
            Response done = waitFor(replicas.get(1), id, 240, "completed", "failed");
            assertEquals("completed", done.path("state"), done.asString());
            List<String> notes = done.path("notes");
            String split = notes.stream().filter(n -> n.startsWith("split into")).findFirst()
                    .orElseThrow(() -> new AssertionError("not split: " + notes));
            long helpers = replicas.stream().filter(r -> split.contains(r.node() + "=")).count();
            assertTrue(helpers >= 2, "parts ran on one replica only: " + split);
            assertArrayEquals(singleNode(request), result(replicas.get(2), id), "split job differs from the single node's result");
            try (Stream<Path> files = Files.walk(data.resolve("jobs").resolve(id))) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertFalse(names.stream().anyMatch(n -> n.startsWith("split-") || n.endsWith(".part")), "split files left: " + names);
            }
            System.out.println("split job: " + split);
        }
    }

    @Test
    @Order(4)
    void redisStoppedAndRestartedCostsNoCompletedResult() throws Exception {
        String id = submit(replicas.get(1), CAUSAL);
        Response running = waitFor(replicas.get(1), id, 60, "running");
        Replica runner = replicaNamed(running.path("node"));
        redis.kill();
        for (Replica r : replicas) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (given().port(r.port()).get("/q/health/ready").statusCode() != 503) {
                assertTrue(System.currentTimeMillis() < deadline, r.node() + " still ready without Redis");
                Thread.sleep(100);
            }
        }
        // nothing accepted that cannot be persisted: a clear 503, and no job folder left behind
        long folders = entries(data.resolve("jobs"));
        given().port(replicas.get(0).port()).contentType("application/json").body(ZERO_PHASE).post("/api/filtering/jobs")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("Redis"));
        assertEquals(folders, entries(data.resolve("jobs")));
        // completed jobs still answer from the shared data dir
        status(replicas.get(2), completedJobs.get(0)).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("completed"));

        redis.restart(); // empty: it kept nothing
        for (Replica r : replicas) {
            awaitReady(r);
        }
        Response done = waitFor(runner, id, 120, "completed", "failed");
        assertEquals("completed", done.path("state"), done.asString());
        assertArrayEquals(singleNode(CAUSAL), result(replicas.get(0), id));
        for (String earlier : completedJobs.subList(0, 3)) {
            for (Replica r : replicas) {
                status(r, earlier).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("completed"));
            }
            assertEquals(result(replicas.get(0), earlier).length, result(replicas.get(2), earlier).length);
        }
        // and new work is taken again
        String next = submit(replicas.get(2), ZERO_PHASE);
        waitFor(replicas.get(0), next, 120, "completed");
        assertArrayEquals(singleNode(ZERO_PHASE), result(replicas.get(1), next));
    }

    @Test
    @Order(5)
    void aReplicaKilledMidJobLosesNothingAndAWebSocketElsewhereHearsTheFailover() throws Exception {
        String id = submit(replicas.get(0), ZERO_PHASE);
        Response running = waitFor(replicas.get(0), id, 60, "running");
        Replica victim = replicaNamed(running.path("node"));
        Replica survivor = replicas.stream().filter(r -> r != victim).findFirst().orElseThrow();

        LiveClient ws = LiveClient.open(URI.create("http://127.0.0.1:" + survivor.port()), "/ws/filtering-progress", true);
        java.util.Collection<Object> heard = ws.messages;
        ws.ws.sendText("{\"subscribe\": \"" + id + "\"}", true).get();
        // early in the run (how many progress steps a job has depends on the CPU's vector width:
        // about 26 for this one with 8-double vectors, 98 with 4-double ones, 25 ms each here),
        // once the survivor's socket has heard some of them
        while (status(survivor, id).<Integer>path("chunks_done") < 3) {
            Thread.sleep(10);
        }
        long heardBy = System.currentTimeMillis() + 5_000;
        while (heard.size() < 2 && System.currentTimeMillis() < heardBy) {
            Thread.sleep(10);
        }
        int heardBeforeKill = heard.size();
        victim.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown, no last words
        long killedAt = System.currentTimeMillis();

        Response done = waitFor(survivor, id, LEASE_SECONDS + 90, "completed", "failed");
        assertEquals("completed", done.path("state"), done.asString());
        assertNotEquals(victim.node(), done.path("node"), "completed on another replica");
        assertArrayEquals(singleNode(ZERO_PHASE), result(survivor, id), "the same bytes as an undisturbed run");
        try (Stream<Path> files = Files.walk(data.resolve("jobs").resolve(id))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".part") || n.equals("scratch")), "no partial file: " + names);
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (heard.stream().noneMatch(m -> m.toString().contains("filtering_complete")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        ws.close();
        assertTrue(heardBeforeKill > 1, "progress heard on " + survivor.node() + " before the kill: " + heard);
        assertTrue(heard.size() > heardBeforeKill + 1, "progress heard after the kill");
        assertTrue(heard.stream().anyMatch(m -> m.toString().contains("filtering_complete") && m.toString().contains(id)),
                "completion heard: " + heard);
        System.out.printf("failover: completed %.1f s after the SIGKILL (lease %d s)%n", (System.currentTimeMillis() - killedAt) / 1e3,
                LEASE_SECONDS);
    }
}
