package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vitalstream.dsp.FilterParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and boundary values for every filter parameter, random nesting of ensembles and
 * chains, random signals, for a bounded time (vitalstream.fuzz.seconds, default 20) against
 * the synchronous filter and the design endpoints: no answer may be a 5xx, every error must
 * be problem+json, and the service must keep serving. The work limit is lowered for this run
 * so that each request is bounded to about a second.
 */
@QuarkusTest
@TestProfile(JsonApiFuzzTest.SmallWork.class)
class JsonApiFuzzTest {

    public static class SmallWork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitalstream.max-work", "1e9", "vitalstream.chunk-delay-ms", "0");
        }
    }

    static final String[] WORDS = {"butter", "cheby1", "cheby2", "ellip", "bessel", "fir", "savgol", "moving_average", "median",
            "gaussian", "lowpass", "highpass", "bandpass", "bandstop", "notch", "low", "high", "band", "traditional", "advanced",
            "artifact", "neural", "ensemble", "smoothing", "kalman", "lms", "nlms", "rls", "adaptive", "convolution", "attention",
            "optimization", "gradient_descent", "baseline", "spike", "noise", "wavelet", "powerline", "pca", "ica", "autoencoder",
            "lstm", "cnn", "mean", "weighted", "bagging", "boosting", "stacking", "voting", "db4", "haar", "sym5", "soft", "hard",
            "hamming", "kaiser", "uniform", "linear", "exponential", "mse", "mae", "huber", "sharpening", "edge_detection",
            "constant_velocity", "reconstruct", "sources", "ECG", "PPG", "EEG", "", "\u0000", "x".repeat(300)};
    static final Object[] NUMBERS = {0, -1, 1, 2, 3, 0.5, 1e-300, -1e-300, 1e300, -1e300, 1e9, Integer.MAX_VALUE, Long.MIN_VALUE,
            0.4999999, 49.9, 50, 250, 1000, 100_001, 1e5, 7, 11, 31, 101};

    final Random rnd = new Random(Long.getLong("vitalstream.fuzz.seed", 2026));

    Object value() {
        return switch (rnd.nextInt(8)) {
            case 0 -> WORDS[rnd.nextInt(WORDS.length)];
            case 1, 2 -> NUMBERS[rnd.nextInt(NUMBERS.length)];
            case 3 -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 6);
            case 4 -> rnd.nextBoolean();
            case 5 -> null;
            case 6 -> List.of(rnd.nextInt(5), rnd.nextInt(5));
            default -> Map.of("x", rnd.nextInt(3));
        };
    }

    Map<String, Object> params(int depth) {
        Map<String, Object> p = new LinkedHashMap<>();
        var components = FilterParameters.class.getRecordComponents();
        int count = rnd.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = snake(components[rnd.nextInt(components.length)].getName());
            p.put(name, name.equals("members") ? members(depth) : value());
        }
        if (rnd.nextInt(3) == 0) {
            p.put("method", WORDS[rnd.nextInt(WORDS.length)]);
        }
        if (rnd.nextInt(3) == 0) {
            p.put("filter_family", WORDS[rnd.nextInt(WORDS.length)]);
        }
        if (rnd.nextInt(10) == 0) {
            p.put("no_such_field_" + rnd.nextInt(10), value());
        }
        return p;
    }

    Object members(int depth) {
        if (depth > 3 || rnd.nextBoolean()) {
            return value();
        }
        List<Object> m = new ArrayList<>();
        for (int i = rnd.nextInt(4); i >= 0; i--) {
            m.add(params(depth + 1));
        }
        return m;
    }

    static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    Object signal() {
        int n = rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 50 + rnd.nextInt(2000);
        int channels = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(5) : 1;
        List<List<Double>> x = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            List<Double> ch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ch.add(rnd.nextInt(200) == 0 ? 1e300 : Math.sin(i * 0.05 * (c + 1)) + rnd.nextGaussian() * 0.1);
            }
            x.add(ch);
        }
        return channels == 1 ? x.get(0) : x;
    }

    @Test
    void randomRequestsNeverAnswer5xx() {
        long end = System.nanoTime() + Long.getLong("vitalstream.fuzz.seconds", 20) * 1_000_000_000L;
        int requests = 0;
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < end) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (rnd.nextInt(8) != 0) {
                body.put("signal_data", signal());
            }
            body.put("sampling_freq", rnd.nextInt(6) == 0 ? value() : List.of(100, 250, 360, 500, 1000).get(rnd.nextInt(5)));
            if (rnd.nextInt(5) == 0) {
                List<Object> chain = new ArrayList<>();
                for (int i = rnd.nextInt(4); i >= 0; i--) {
                    chain.add(Map.of("filter_params", params(0), "iterations", rnd.nextInt(12)));
                }
                body.put("filter_chain", chain);
            } else {
                body.put("filter_params", params(0));
            }
            if (rnd.nextInt(6) == 0) {
                body.put("quality_assessment", true);
            }
            boolean design = rnd.nextInt(5) == 0;
            if (design) {
                body.put("points", NUMBERS[rnd.nextInt(NUMBERS.length)]);
            }
            Response r = given().contentType("application/json").body(body)
                    .post(design ? "/api/filtering/design" : "/api/filtering/filter");
            requests++;
            if (r.statusCode() >= 500 || (r.statusCode() >= 400 && !r.contentType().startsWith("application/problem+json"))) {
                Map<String, Object> shown = new LinkedHashMap<>(body);
                shown.remove("signal_data");
                failures.add(r.statusCode() + " " + r.asString() + " for " + shown);
            }
        }
        System.out.println("fuzz: " + requests + " requests");
        int total = requests;
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers of " + total + ", e.g. " + failures.get(0));
        HostileRequestsTest.stillServes();
    }
}
