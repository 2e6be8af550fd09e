package io.vitalstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20 jobs submitted at once and 500 concurrent synchronous requests: all finish correctly,
 * and the live heap (after collections) stays within the configured memory budget.
 */
@QuarkusTest
class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/filtering/filter")
    URI filter;

    @ConfigProperty(name = "vitalstream.max-memory-mb")
    int budgetMb;

    /** Largest heap in use just after a collection, sampled every 5 ms. */
    static final class LiveHeap implements AutoCloseable {
        final AtomicLong peak = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread sampler;

        LiveHeap() {
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
            sampler = new Thread(() -> {
                while (running.get()) {
                    long live = pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
                    peak.accumulateAndGet(live, Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }

    private static double[] values(JsonNode array) {
        double[] y = new double[array.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = array.get(i).asDouble();
        }
        return y;
    }

    @Test
    void twentyJobsAtOnceAndFiveHundredConcurrentRequestsAllFinishCorrectlyWithinTheBudget() throws Exception {
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try (LiveHeap heap = new LiveHeap()) {
            // 20 jobs submitted concurrently, over 20 small files
            byte[] npy = TestFiles.npy(20_000, 2, 21);
            String upload = TestFiles.upload(npy, "load.npy");
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<String>> submitted = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String strategy = List.of("standard", "chunked", "memory_mapped", "progressive").get(i % 4);
                submitted.add(pool.submit(() -> TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500,
                        "filter_params", Map.of("filter_type", "lowpass", "high_freq", 40.0), "strategy", strategy))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : submitted) {
                ids.add(f.get());
            }
            pool.shutdown();

            // meanwhile, 500 synchronous requests in flight at once: 10 s of 500 Hz "ECG"
            double[] ecg = new double[5000];
            for (int i = 0; i < ecg.length; i++) {
                double t = i / 500.0;
                ecg[i] = Math.exp(-Math.pow((t % 0.8 - 0.4) / 0.02, 2)) + 0.1 * Math.sin(2 * Math.PI * 50 * t);
            }
            String body = JSON.writeValueAsString(Map.of("signal_data", ecg, "sampling_freq", 500, "signal_type", "ECG"));
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            HttpRequest request = HttpRequest.newBuilder(filter).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            // the reference answer first; then each concurrent answer is checked as it lands and dropped,
            // so the test's own bookkeeping does not weigh on the heap being measured
            String reference = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            double[] filtered = values(JSON.readTree(reference).get("filtered_signal"));
            assertEquals(5000, filtered.length);
            String expected = JSON.writeValueAsString(JSON.readTree(reference).get("filtered_signal"));
            List<CompletableFuture<Boolean>> inFlight = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    try {
                        return r.statusCode() == 200
                                && JSON.writeValueAsString(JSON.readTree(r.body()).get("filtered_signal")).equals(expected);
                    } catch (Exception e) {
                        return false;
                    }
                }));
            }
            int ok = 0;
            for (CompletableFuture<Boolean> f : inFlight) {
                ok += f.get() ? 1 : 0;
            }
            assertEquals(500, ok, "every concurrent request answered 200 with the same filtered signal");

            byte[] first = null;
            for (String id : ids) {
                TestFiles.waitFor(id, "completed");
                byte[] result = given().get("/api/filtering/jobs/" + id + "/result").asByteArray();
                if (first == null) {
                    first = result;
                } else {
                    assertArrayEquals(first, result, "every strategy's result is the same file");
                }
            }
            heap.close();
            long grownMb = (heap.peak.get() - baseline) >> 20;
            System.out.printf("load: live heap peak %d MB over a %d MB baseline (budget %d MB)%n",
                    heap.peak.get() >> 20, baseline >> 20, budgetMb);
            assertTrue(grownMb <= budgetMb, "live heap grew " + grownMb + " MB, over the " + budgetMb + " MB budget");
        }
    }
}
