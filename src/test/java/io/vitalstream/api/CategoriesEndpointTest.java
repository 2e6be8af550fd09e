package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vitalstream.dsp.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

/** Every category and method through the synchronous endpoint and through a job; bad method parameters get 400. */
@QuarkusTest
class CategoriesEndpointTest {

    static Stream<Map<String, Object>> methods() {
        return Stream.of(
                Map.of("category", "advanced", "method", "kalman"),
                Map.of("category", "advanced", "method", "kalman", "model", "constant_velocity", "process_noise", 0.01),
                Map.of("category", "advanced", "method", "adaptive"),
                Map.of("category", "advanced", "method", "lms", "reference_channel", 1),
                Map.of("category", "advanced", "method", "nlms"),
                Map.of("category", "advanced", "method", "rls", "filter_order", 8),
                Map.of("category", "advanced", "method", "convolution", "kernel", "sharpening", "kernel_size", 5),
                Map.of("category", "advanced", "method", "attention", "attention_type", "gaussian"),
                Map.of("category", "advanced", "method", "optimization", "loss", "huber"),
                Map.of("category", "advanced", "method", "gradient_descent"),
                Map.of("category", "artifact", "method", "baseline"),
                Map.of("category", "artifact", "method", "spike"),
                Map.of("category", "artifact", "method", "noise", "wavelet", "sym5", "level", 4, "threshold_mode", "hard"),
                Map.of("category", "artifact", "method", "powerline", "powerline_freq", 60),
                Map.of("category", "artifact", "method", "pca"),
                Map.of("category", "artifact", "method", "ica"),
                Map.of("category", "neural", "method", "autoencoder", "complexity", "1", "epochs", 2),
                Map.of("category", "neural", "method", "lstm", "complexity", "low", "epochs", 2),
                Map.of("category", "neural", "method", "cnn", "complexity", "1", "epochs", 2),
                Map.of("category", "ensemble"),
                Map.of("category", "ensemble", "method", "median", "members", List.of(
                        Map.of("filter_type", "lowpass", "high_freq", 40), Map.of("filter_family", "median", "window_size", 5),
                        Map.of("category", "advanced", "method", "kalman"))),
                Map.of("category", "ensemble", "method", "weighted"),
                Map.of("category", "ensemble", "method", "bagging"),
                Map.of("category", "ensemble", "method", "boosting"),
                Map.of("category", "ensemble", "method", "stacking"),
                Map.of("category", "smoothing", "filter_family", "gaussian", "sigma", 2),
                Map.of("method", "kalman"));
    }

    private static double[][] twoChannels(int n) {
        double[] ecg = TestSignals.noisy(TestSignals.syntheticEcg(n, 500), 15, 1);
        double[] other = TestSignals.noisy(TestSignals.syntheticEcg(n, 500), 10, 2);
        return new double[][] {ecg, other};
    }

    @ParameterizedTest
    @MethodSource("methods")
    void everyMethodAnswersTheSyncEndpoint(Map<String, Object> params) {
        given().contentType("application/json")
                .body(Map.of("signal_data", twoChannels(3000), "sampling_freq", 500, "signal_type", "ECG", "filter_params", params))
                .post("/api/filtering/filter").then().log().ifValidationFails().statusCode(200)
                .body("filtered_signal", hasSize(2)).body("filtered_signal[0]", hasSize(3000));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void everyMethodRunsAsAJob(Map<String, Object> params) {
        String upload = TestFiles.upload(TestFiles.npy(3000, 2, 5), "methods.npy");
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 500, "filter_params", params,
                "strategy", "memory_mapped"));
        Response r = TestFiles.waitFor(id, "completed", "failed");
        r.then().log().ifValidationFails().body("state", equalTo("completed"));
        given().get("/api/filtering/jobs/" + id + "/result").then().statusCode(200);
        if (params.get("method") instanceof String m && (m.equals("pca") || m.equals("ica"))) {
            // fitted methods say what they were fitted on and what they found
            r.then().body("notes", hasSize(1)).body("notes[0]", org.hamcrest.Matchers.allOf(
                    org.hamcrest.Matchers.startsWith(m + ": "), org.hamcrest.Matchers.containsString("fitted on all 3000 frames")));
        }
        if ("neural".equals(params.get("category"))) {
            r.then().body("notes", hasSize(1)).body("notes[0]", org.hamcrest.Matchers.endsWith(": trained on all 3000 frames"));
        }
    }

    @Test
    void badMethodParametersGet400NamingTheField() {
        Map<String, Map<String, Object>> cases = new HashMap<>();
        cases.put("kernel_size", Map.of("category", "advanced", "method", "convolution", "kernel_size", 4));
        cases.put("kernel", Map.of("category", "advanced", "method", "convolution", "kernel", "blur"));
        cases.put("measurement_noise", Map.of("category", "advanced", "method", "kalman", "measurement_noise", -1));
        cases.put("step_size", Map.of("category", "advanced", "method", "lms", "step_size", 5));
        cases.put("loss", Map.of("category", "advanced", "method", "optimization", "loss", "cubic"));
        cases.put("wavelet", Map.of("category", "artifact", "method", "noise", "wavelet", "db99"));
        cases.put("powerline_freq", Map.of("category", "artifact", "method", "powerline", "powerline_freq", 400));
        cases.put("complexity", Map.of("category", "neural", "method", "cnn", "complexity", "9"));
        cases.put("method", Map.of("category", "ensemble", "method", "democracy"));
        cases.put("members[0].high_freq", Map.of("category", "ensemble", "members", List.of(Map.of("filter_type", "lowpass", "high_freq", 900))));
        cases.forEach((field, params) -> given().contentType("application/json")
                .body(Map.of("signal_data", twoChannels(1000), "sampling_freq", 500, "filter_params", params))
                .post("/api/filtering/filter").then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field.trim())));
        given().contentType("application/json")
                .body(Map.of("signal_data", twoChannels(1000)[0], "sampling_freq", 500, "filter_params", Map.of("category", "artifact", "method", "pca")))
                .post("/api/filtering/filter").then().statusCode(400).body("detail", containsString("at least 2 channels"));
    }

    @Test
    void qualityAssessmentReportsLevelScoreSegmentsAndMetrics() {
        double[] ecg = TestSignals.noisy(TestSignals.syntheticEcg(15_000, 500), 20, 4);
        given().contentType("application/json")
                .body(Map.of("signal_data", ecg, "sampling_freq", 500, "signal_type", "ECG", "quality_assessment", true))
                .post("/api/filtering/filter").then().statusCode(200)
                .body("quality.level", oneOf("excellent", "good", "fair", "poor", "unusable")).body("quality.score", notNullValue())
                .body("quality.segments", hasSize(3)).body("quality.segments[0].level", notNullValue())
                .body("quality.snr_improvement_db", notNullValue()).body("quality.pearson_correlation", notNullValue())
                .body("quality.spectral_centroid_hz", notNullValue()).body("quality.statistics.kurtosis", notNullValue())
                .body("quality.zero_crossing_rate", notNullValue());
        given().contentType("application/json")
                .body(Map.of("signal_data", twoChannels(6000), "sampling_freq", 500, "signal_type", "ECG", "quality_assessment", true))
                .post("/api/filtering/filter").then().statusCode(200).body("channel_quality", hasSize(2));
    }
}
