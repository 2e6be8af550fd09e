package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The endpoints behind the web page: examples, frequency response, job quality, the page itself. */
@QuarkusTest
class ToolsEndpointTest {

    @Test
    void examplesBecomeUploadsThatJobsCanFilter() {
        given().get("/api/examples").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItems("ecg-2ch", "ppg-1ch", "eeg-8ch"));
        var created = given().post("/api/uploads/examples/ppg-1ch").then().statusCode(201).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(125.0, created.getDouble("sampling_freq"), 0.0);
        String upload = created.getString("upload_id");
        String id = TestFiles.submit(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 125, "signal_type", "PPG",
                "filter_params", Map.of("filter_type", "bandpass", "low_freq", 0.5, "high_freq", 8.0)));
        TestFiles.waitFor(id, "completed");
        given().get("/api/filtering/jobs/" + id + "/quality/metrics?seconds=60").then().statusCode(200)
                .body("level", notNullValue()).body("segments", hasSize(7)).body("pearson_correlation", notNullValue());
        given().get("/api/filtering/jobs/" + id + "/quality/metrics?channel=3").then().statusCode(400).body("field", equalTo("channel"));
        given().post("/api/uploads/examples/none").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void benchmarkEchoIsOffByDefaultAndHealthSaysWhetherTheEngineIsWarm() {
        given().contentType("application/json").body(Map.of("signal_data", java.util.List.of(1, 2, 3), "sampling_freq", 100))
                .post("/api/bench/echo").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("vitalstream.bench-endpoints"));
        given().post("/api/bench/zero-phase?channels=1").then().statusCode(404).contentType("application/problem+json");
        // the warm-up starts when the HTTP server listens and ends within seconds
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean warm = false;
        while (!warm && System.nanoTime() < deadline) {
            warm = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                    .getBoolean("checks.find { it.name == 'filter-engine' }.data.warmed_up");
            if (!warm) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(warm, "readiness never reported warmed_up");
    }

    @Test
    void theMethodRegistryListsEveryMethodAndParametersAreCheckedAgainstIt() {
        given().get("/api/filtering/methods").then().statusCode(200)
                .body("categories", hasSize(5))
                .body("methods.find { it.name == 'kalman' }.params.find { it.name == 'process_noise' }.aliases", org.hamcrest.Matchers.hasItem("Q"))
                .body("methods.find { it.name == 'median' }.params[0].default_value", equalTo(5))
                .body("methods.name", org.hamcrest.Matchers.hasItems("butter", "cheby1", "cheby2", "ellip", "bessel", "fir", "savgol",
                        "moving_average", "median", "gaussian", "kalman", "lms", "nlms", "rls", "convolution", "attention", "optimization",
                        "gradient_descent", "baseline", "spike", "noise", "powerline", "pca", "ica", "autoencoder", "lstm", "cnn", "mean",
                        "weighted", "bagging", "boosting"));
        double nlmsStep = given().get("/api/filtering/methods").then().extract().jsonPath()
                .getDouble("methods.find { it.name == 'nlms' }.params.find { it.name == 'step_size' }.default_value");
        org.junit.jupiter.api.Assertions.assertEquals(0.5, nlmsStep, 0.0, "NLMS's default step, as the engine applies it");
        java.util.List<Double> x = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            x.add(Math.sin(i * 0.1));
        }
        // a misspelt parameter names itself and what the method takes
        given().contentType("application/json").body(Map.of("signal_data", x, "sampling_freq", 100,
                        "filter_params", Map.of("method", "kalman", "proces_noise", 0.5)))
                .post("/api/filtering/filter").then().statusCode(400).body("field", equalTo("proces_noise"))
                .body("detail", containsString("process_noise (Q)"));
        // vitalDSP's Q is kalman's process noise: Q = -1 is refused as the process noise it is
        given().contentType("application/json").body(Map.of("signal_data", x, "sampling_freq", 100,
                        "filter_params", Map.of("method", "kalman", "Q", -1)))
                .post("/api/filtering/filter").then().statusCode(400).body("field", equalTo("process_noise"));
        given().contentType("application/json").body(Map.of("signal_data", x, "sampling_freq", 100,
                        "filter_params", Map.of("method", "kalman", "Q", 0.5, "R", 2)))
                .post("/api/filtering/filter").then().statusCode(200);
        // another method's parameter, inside an ensemble member too
        given().contentType("application/json").body(Map.of("signal_data", x, "sampling_freq", 100,
                        "filter_params", Map.of("category", "ensemble", "method", "mean", "members",
                                java.util.List.of(Map.of("method", "kalman", "window_size", 5)))))
                .post("/api/filtering/filter").then().statusCode(400).body("field", equalTo("window_size"));
    }

    @Test
    void openApiDescribesTheResponsesWithSchemas() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, Object> schemas = doc.getMap("components.schemas");
        for (String name : java.util.List.of("JobAccepted", "Cancelled", "Design", "Preview", "PreviewSide", "Example", "UploadCreated",
                "Methods", "Entry", "Param", "FilterResponse", "JobStatus", "Snapshot")) {
            org.junit.jupiter.api.Assertions.assertTrue(schemas.containsKey(name), "no schema " + name + " in " + schemas.keySet());
        }
    }

    @Test
    void designAnswersTheFrequencyResponseOrSaysWhyNot() {
        var r = given().contentType("application/json").body(Map.of("sampling_freq", 500, "points", 101,
                        "filter_params", Map.of("filter_type", "lowpass", "high_freq", 40, "zero_phase", false)))
                .post("/api/filtering/design").then().statusCode(200)
                .body("frequencies", hasSize(101)).body("magnitude_db", hasSize(101)).body("phase_deg", hasSize(101))
                .body("sos", hasSize(2)).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(0.0, r.getDouble("magnitude_db[0]"), 1e-6, "a low-pass passes DC");
        org.junit.jupiter.api.Assertions.assertTrue(r.getDouble("magnitude_db[100]") < -100, "and stops Nyquist");
        given().contentType("application/json").body(Map.of("sampling_freq", 500, "filter_params", Map.of("filter_family", "median")))
                .post("/api/filtering/design").then().statusCode(400).body("detail", containsString("no fixed frequency response"));
        given().contentType("application/json").body(Map.of("filter_params", Map.of("filter_type", "lowpass", "high_freq", 40)))
                .post("/api/filtering/design").then().statusCode(400).body("field", equalTo("sampling_freq"));
    }

    @Test
    void thePageAndItsPlottingLibraryAreServed() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html")).body(containsString("VitalStream"));
        given().get("/js/main.js").then().statusCode(200);
        for (String module : java.util.List.of("state", "http", "params", "upload", "job", "plots", "history")) {
            given().get("/js/" + module + ".js").then().statusCode(200);
        }
        given().get("/vendor/uplot/uPlot.iife.min.js").then().statusCode(200);
    }
}
