package io.vitalstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.live.LiveFilter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /ws/filter-stream against the running app: JSON blocks give the offline causal result's
 * bits, binary float32 blocks the same rounded to float32; reset; bad messages answered with
 * errors while the stream keeps its state; a client that never reads is held back by the
 * server (it stops reading) while the service stays responsive; 200 streams at once; the
 * stream limit's close reason; statistics and metrics.
 */
@QuarkusTest
class FilterStreamTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Object> BANDPASS = Map.of("filter_type", "bandpass", "filter_family", "butter", "low_freq", 0.5,
            "high_freq", 40.0, "zero_phase", false);

    @TestHTTPResource("/")
    URI base;

    static String config(int channels, Map<String, Object> params, String format) throws Exception {
        return JSON.writeValueAsString(Map.of("sampling_freq", 500, "channels", channels, "filter_params", params, "format", format));
    }

    static double[][] signal(int frames, int channels, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[frames][channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                x[i][c] = Math.sin(2 * Math.PI * (1 + c) * i / 500.0) + 0.2 * r.nextGaussian() + 3;
            }
        }
        return x;
    }

    /** The offline causal result: the same filter run over the whole signal at once. */
    static double[] offline(double[][] x, Map<String, Object> params) {
        int ch = x[0].length;
        double[] data = new double[x.length * ch];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, data, i * ch, ch);
        }
        FilterSpec spec = FilterDesigner.design(new ObjectMapper().setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).convertValue(params, FilterParameters.class), 500);
        LiveFilter.of(List.of(spec), ch).process(data, x.length);
        return data;
    }

    /** Sends x in random blocks as JSON and returns the answers, concatenated frame-major. */
    static double[] streamJson(LiveClient c, double[][] x, long seed) throws Exception {
        return streamJson(c, x, seed, 0);
    }

    /** The same, for a stream that has already filtered {@code before} frames. */
    static double[] streamJson(LiveClient c, double[][] x, long seed, long before) throws Exception {
        Random r = new Random(seed);
        int ch = x[0].length;
        double[] out = new double[x.length * ch];
        for (int at = 0; at < x.length; ) {
            int count = Math.min(x.length - at, r.nextBoolean() ? 1 + r.nextInt(3) : 1 + r.nextInt(600));
            double[][] block = java.util.Arrays.copyOfRange(x, at, at + count);
            JsonNode answer = JSON.readTree(c.text(JSON.writeValueAsString(Map.of("samples", block))));
            assertEquals("filtered", answer.get("type").asText(), answer.toString());
            assertEquals(before + at, answer.get("first_frame").asLong());
            JsonNode s = answer.get("samples");
            assertEquals(count, s.size());
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < ch; k++) {
                    out[(at + i) * ch + k] = s.get(i).get(k).asDouble();
                }
            }
            at += count;
        }
        return out;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** Sends x in random blocks as little-endian float32 and returns the answers, concatenated frame-major. */
    static float[] streamBinary(LiveClient c, double[][] x, long seed) throws Exception {
        Random r = new Random(seed);
        int ch = x[0].length;
        float[] out = new float[x.length * ch];
        for (int at = 0; at < x.length; ) {
            int count = Math.min(x.length - at, r.nextBoolean() ? 1 + r.nextInt(3) : 1 + r.nextInt(600));
            ByteBuffer b = ByteBuffer.allocate(4 * ch * count).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < ch; k++) {
                    b.putFloat((float) x[at + i][k]);
                }
            }
            ByteBuffer answer = c.binary(b.flip()).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(4 * ch * count, answer.remaining());
            answer.asFloatBuffer().get(out, at * ch, count * ch);
            at += count;
        }
        return out;
    }

    @Test
    void jsonBlocksGiveTheOfflineCausalResultBitForBitAndResetStartsAgain() throws Exception {
        double[][] x = signal(3000, 3, 1);
        try (LiveClient c = LiveClient.open(base, true)) {
            JsonNode ready = JSON.readTree(c.text(config(3, BANDPASS, "json")));
            assertEquals("stream_ready", ready.get("type").asText(), ready.toString());
            assertEquals(0, ready.get("latency_samples").asInt());
            double[] want = offline(x, BANDPASS);
            assertArrayEquals(want, streamJson(c, x, 3));
            JsonNode reset = JSON.readTree(c.text("{\"type\": \"reset\"}"));
            assertEquals("reset", reset.get("type").asText());
            assertArrayEquals(want, streamJson(c, x, 4), "after a reset the same input gives the same output");
        }
        // the synchronous endpoint, causal, on the same signal: the same bits
        double[][] channels = new double[3][3000];
        for (int i = 0; i < 3000; i++) {
            for (int k = 0; k < 3; k++) {
                channels[k][i] = x[i][k];
            }
        }
        List<List<Double>> sync = given().contentType("application/json")
                .body(Map.of("signal_data", channels, "sampling_freq", 500, "filter_params", BANDPASS))
                .post("/api/filtering/filter").then().statusCode(200).extract().jsonPath(
                        io.restassured.path.json.config.JsonPathConfig.jsonPathConfig().numberReturnType(
                                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE)).getList("filtered_signal");
        double[] want = offline(x, BANDPASS);
        for (int i = 0; i < 3000; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(want[i * 3 + k], sync.get(k).get(i), 0.0, "sample " + i + " channel " + k);
            }
        }
    }

    @Test
    void everyLiveMethodOfTheRegistryStreamsTheWholeSignalsBits() throws Exception {
        for (var m : io.vitalstream.dsp.live.LiveFilterTest.liveMethodParams()) {
            Map<String, Object> p = m.getValue();
            double[][] x = signal(900, 3, m.getKey().hashCode());
            try (LiveClient c = LiveClient.open(base, true)) {
                JsonNode ready = JSON.readTree(c.text(config(3, p, "json")));
                assertEquals("stream_ready", ready.get("type").asText(), m.getKey() + ": " + ready);
                assertArrayEquals(offline(x, p), streamJson(c, x, 17), m.getKey());
            }
            // binary: float32 in, the offline result on those float32 values rounded to float32 out
            for (double[] f : x) {
                for (int k = 0; k < f.length; k++) {
                    f[k] = (float) f[k];
                }
            }
            try (LiveClient c = LiveClient.open(base, true)) {
                assertEquals("stream_ready", JSON.readTree(c.text(config(3, p, "f32le"))).get("type").asText());
                assertArrayEquals(toFloat(offline(x, p)), streamBinary(c, x, 18), m.getKey() + " (f32le)");
            }
        }
    }

    @Test
    void binaryFloat32BlocksOn32ChannelsAreTheOfflineResultRoundedToFloat32() throws Exception {
        int ch = 32;
        double[][] x = signal(2000, ch, 2);
        for (double[] f : x) {
            for (int k = 0; k < ch; k++) {
                f[k] = (float) f[k]; // what travels
            }
        }
        double[] want = offline(x, BANDPASS);
        try (LiveClient c = LiveClient.open(base, true)) {
            assertEquals("stream_ready", JSON.readTree(c.text(config(ch, BANDPASS, "f32le"))).get("type").asText());
            assertArrayEquals(toFloat(want), streamBinary(c, x, 5));
        }
    }

    @Test
    void badMessagesGetErrorsAndTheStreamKeepsItsState() throws Exception {
        double[][] x = signal(400, 2, 3);
        double[] want = offline(x, BANDPASS);
        try (LiveClient c = LiveClient.open(base, true)) {
            JsonNode early = JSON.readTree(c.text("{\"samples\": [[1, 2]]}"));
            assertEquals("error", early.get("type").asText());
            JsonNode zero = JSON.readTree(c.text(config(2, Map.of("filter_type", "lowpass", "filter_family", "butter", "high_freq", 40.0), "json")));
            assertEquals("error", zero.get("type").asText());
            assertTrue(zero.get("message").asText().contains("zero_phase"), zero.toString());
            JsonNode unknown = JSON.readTree(c.text("{\"sampling_freq\": 500, \"channels\": 2, \"filter_params\": {}, \"chanels\": 3}"));
            assertEquals("chanels", unknown.get("field").asText(), unknown.toString());
            assertEquals("stream_ready", JSON.readTree(c.text(config(2, BANDPASS, "json"))).get("type").asText());
            double[] first = streamJson(c, java.util.Arrays.copyOfRange(x, 0, 200), 1);
            for (String bad : new String[] {"not json", "[1, 2]", "{\"samples\": [[1, 2, 3]]}", "{\"samples\": [[1, \"a\"]]}",
                "{\"samples\": []}", "{\"samples\": [[1e400, 2]]}",
                "{\"values\": [[1, 2]]}"}) {
                JsonNode e = JSON.readTree(c.text(bad));
                assertEquals("error", e.get("type").asText(), bad + " -> " + e);
            }
            ByteBuffer bin = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).flip();
            c.ws.sendBinary(bin, true).get(10, TimeUnit.SECONDS);
            assertEquals("error", JSON.readTree(c.nextText()).get("type").asText(), "binary on a json stream");
            StringBuilder big = new StringBuilder("{\"samples\": [");
            for (int i = 0; i < 16_385; i++) {
                big.append(i == 0 ? "" : ",").append("[0,0]");
            }
            JsonNode tooBig = JSON.readTree(c.text(big.append("]}").toString()));
            assertTrue(tooBig.get("message").asText().contains("max-block-frames"), tooBig.toString());
            double[] rest = streamJson(c, java.util.Arrays.copyOfRange(x, 200, 400), 2, 200);
            double[] got = new double[want.length];
            System.arraycopy(first, 0, got, 0, first.length);
            System.arraycopy(rest, 0, got, first.length, rest.length);
            assertArrayEquals(want, got, "errors in between changed nothing");
        }
        try (LiveClient c = LiveClient.open(base, true)) {
            assertEquals("stream_ready", JSON.readTree(c.text(config(2, BANDPASS, "f32le"))).get("type").asText());
            ByteBuffer nan = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).putFloat(2).flip();
            c.ws.sendBinary(nan, true).get(10, TimeUnit.SECONDS);
            JsonNode e = JSON.readTree(c.nextText());
            assertTrue(e.get("message").asText().contains("NaN"), e.toString());
            ByteBuffer odd = ByteBuffer.allocate(6).flip().limit(6);
            c.ws.sendBinary(odd, true).get(10, TimeUnit.SECONDS);
            assertEquals("error", JSON.readTree(c.nextText()).get("type").asText());
        }
    }

    @Test
    void aClientThatNeverReadsIsHeldBackAndTheServiceStaysResponsive() throws Exception {
        try (LiveClient lazy = LiveClient.open(base, false)) {
            lazy.ws.sendText(config(8, BANDPASS, "f32le"), true).get(10, TimeUnit.SECONDS);
            ByteBuffer block = ByteBuffer.allocate(4 * 8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            int sent = 0;
            boolean stalled = false;
            while (sent < 20_000) {
                CompletableFuture<?> f = lazy.ws.sendBinary(block.duplicate(), true);
                try {
                    f.get(3, TimeUnit.SECONDS);
                    sent++;
                } catch (TimeoutException e) {
                    stalled = true;
                    break;
                }
            }
            assertTrue(stalled, "the server kept reading " + sent + " blocks of 128 KiB from a client that reads nothing");
            // what is in flight then: the socket buffers both ways and one block at the server (62-66 blocks, 8 MiB, measured)
            assertTrue(sent < 200, "sent " + sent + " blocks of 128 KiB before the server stopped reading");
            // the rest of the service is unaffected: another stream and the REST API answer
            try (LiveClient other = LiveClient.open(base, true)) {
                assertEquals("stream_ready", JSON.readTree(other.text(config(1, BANDPASS, "json"))).get("type").asText());
                assertEquals("filtered", JSON.readTree(other.text("{\"samples\": [[1.0]]}")).get("type").asText());
            }
            given().get("/api/filtering/statistics").then().statusCode(200);
        }
    }

    @Test
    void twoHundredStreamsAtOnceEachGetTheirOwnResult() throws Exception {
        waitForNoStreams();
        int streams = 200;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<LiveClient> clients = new ArrayList<>();
        try {
            for (int s = 0; s < streams; s++) {
                clients.add(LiveClient.open(base, true));
            }
            List<Future<?>> runs = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                LiveClient c = clients.get(s);
                long seed = 100 + s;
                runs.add(pool.submit(() -> {
                    double[][] x = signal(300, 2, seed);
                    Map<String, Object> p = Map.of("filter_type", "lowpass", "filter_family", "butter", "high_freq", 5.0 + seed % 30,
                            "zero_phase", false);
                    assertEquals("stream_ready", JSON.readTree(c.text(config(2, p, "json"))).get("type").asText());
                    assertArrayEquals(offline(x, p), streamJson(c, x, seed));
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(120, TimeUnit.SECONDS);
            }
            JsonNode stats = JSON.readTree(given().get("/api/filtering/statistics").asString()).get("live_streams");
            assertTrue(stats.get("active").asInt() >= streams, stats.toString());
            // one more than vitalstream.live.max-streams (200 in the test profile) is closed with the reason
            LiveClient extra = LiveClient.open(base, true);
            String reason = extra.closed.get(20, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("1013") && reason.contains("max-streams"), reason);
        } finally {
            clients.forEach(LiveClient::close);
            pool.shutdownNow();
        }
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("vitalstream_live_frames_total"), "live frames in /q/metrics");
        assertTrue(JSON.readTree(given().get("/api/filtering/statistics").asString()).get("live_streams").get("frames_filtered").asLong() >= 200 * 300);
    }

    private static void waitForNoStreams() throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (JSON.readTree(given().get("/api/filtering/statistics").asString()).get("live_streams").get("active").asInt() > 0) {
            assertTrue(System.nanoTime() < deadline, "streams of earlier tests still open");
            Thread.sleep(100);
        }
    }
}
