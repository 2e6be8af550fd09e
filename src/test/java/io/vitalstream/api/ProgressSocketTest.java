package io.vitalstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two WebSocket clients: one hears every job, the other subscribed to one job hears only it. */
@QuarkusTest
class ProgressSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> BANDPASS = Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 40.0);

    @TestHTTPResource("/ws/filtering-progress")
    URI socket;

    /** Collects every text message with its arrival time. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                    arrivals.add(System.nanoTime());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        List<JsonNode> about(String id) {
            return messages.stream().filter(m -> id.equals(m.path("request_id").asText())).toList();
        }

        boolean finished(String id) {
            return about(id).stream().anyMatch(m -> m.path("type").asText().equals("filtering_complete"));
        }
    }

    private WebSocket connect(Client c) throws Exception {
        URI ws = URI.create(socket.toString().replaceFirst("^http", "ws"));
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyoneHearsEveryJobAndASubscriberOnlyItsOwn() throws Exception {
        Client all = new Client();
        Client one = new Client();
        WebSocket wsAll = connect(all);
        WebSocket wsOne = connect(one);
        String upload = TestFiles.upload(TestFiles.npy(120_000, 2, 11), "ws.npy");
        // submit X, subscribe the second client to it, then submit Y
        String x = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS,
                "strategy", "memory_mapped"));
        wsOne.sendText("{\"subscribe\": \"" + x + "\"}", true).get(5, TimeUnit.SECONDS);
        long until = System.currentTimeMillis() + 5000;
        while (one.messages.stream().noneMatch(m -> m.path("type").asText().equals("subscribed")) && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        String y = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", BANDPASS,
                "strategy", "chunked"));
        TestFiles.waitFor(x, "completed");
        TestFiles.waitFor(y, "completed");
        until = System.currentTimeMillis() + 5000;
        while (!(all.finished(x) && all.finished(y) && one.finished(x)) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertTrue(all.finished(x) && all.finished(y), "the unsubscribed client heard both jobs finish");
        assertTrue(one.finished(x), "the subscriber heard its job finish");
        assertTrue(one.about(y).isEmpty(), "the subscriber heard nothing of the other job");

        // at least one message per chunk, with the SPEC's fields
        int chunks = TestFiles.waitFor(x, "completed").path("chunks_total");
        List<JsonNode> progress = one.about(x).stream().filter(m -> m.path("type").asText().equals("filtering_progress")).toList();
        for (int k = 1; k <= chunks; k++) {
            int chunk = k;
            assertTrue(progress.stream().anyMatch(m -> m.path("chunk").asInt() == chunk),
                    "a message for chunk " + chunk + " of " + chunks);
        }
        JsonNode sample = progress.get(progress.size() - 1);
        for (String field : List.of("type", "request_id", "progress", "message", "chunk", "total_chunks", "state")) {
            assertTrue(sample.has(field), "field " + field + " in " + sample);
        }
        assertTrue(sample.path("message").asText().startsWith("Processing chunk "), sample.toString());
        assertEquals("running", sample.path("state").asText());

        // and never more than ~500 ms of silence while it ran (100 ms chunk delay here, so messages are frequent)
        List<Long> times = new java.util.ArrayList<>();
        for (int i = 0; i < one.messages.size(); i++) {
            if (x.equals(one.messages.get(i).path("request_id").asText())) {
                times.add(one.arrivals.get(i));
            }
        }
        for (int i = 1; i < times.size(); i++) {
            long gap = (times.get(i) - times.get(i - 1)) / 1_000_000;
            assertTrue(gap < 700, "gap of " + gap + " ms between messages");
        }
        wsAll.abort();
        wsOne.abort();
    }

    @Test
    void slowOrVanishedClientsDoNotStallJobsAndHeartbeatsFillQuietChunks() throws Exception {
        Client quiet = new Client();
        WebSocket gone = connect(new Client());
        gone.abort(); // vanished without closing properly
        WebSocket ws = connect(quiet);
        String upload = TestFiles.upload(TestFiles.npy(20_000, 1, 12), "hb.npy");
        // one chunk per pass; the 100 ms chunk delay plus filtering leaves gaps the ticker must fill
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params",
                Map.of("filter_family", "median", "window_size", 1001), "strategy", "chunked"));
        TestFiles.waitFor(id, "completed");
        long until = System.currentTimeMillis() + 3000;
        while (!quiet.finished(id) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertTrue(quiet.finished(id));
        assertFalse(quiet.about(id).isEmpty());
        ws.sendText("not json", true).get(5, TimeUnit.SECONDS);
        until = System.currentTimeMillis() + 3000;
        while (quiet.messages.stream().noneMatch(m -> m.path("type").asText().equals("error")) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertTrue(quiet.messages.stream().anyMatch(m -> m.path("type").asText().equals("error")), "bad messages are answered");
        ws.abort();
    }
}
