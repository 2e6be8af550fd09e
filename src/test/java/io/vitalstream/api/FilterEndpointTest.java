package io.vitalstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.vitalstream.dsp.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FilterEndpointTest {

    private static final JsonNode FIXTURES = Fixtures.load("applications.json");

    static {
        io.restassured.RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void bandpassOfARealEcgEqualsScipySosfiltfilt() {
        double[] ecg = Fixtures.doubles(FIXTURES.get("signals").get("ecg_mitbih").get("samples"));
        JsonNode expectedCase = findCase("ecg_mitbih", "sosfiltfilt", "butter", "bandpass", 4);
        double[] expected = Fixtures.doubles(expectedCase.get("output"));
        Map<String, Object> params = Map.of("filter_type", "bandpass", "filter_family", "butter",
                "low_freq", 0.5, "high_freq", 40.0, "filter_order", 4);
        Response r = given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", ecg, "sampling_freq", 360.0, "signal_type", "ECG", "filter_params", params))
                .post("/api/filtering/filter");
        r.then().statusCode(200).body("success", equalTo(true)).body("strategy", equalTo("standard"))
                .body("request_id", notNullValue()).body("sampling_freq", equalTo(360.0))
                .body("processing_time_ms", notNullValue());
        List<Double> got = r.jsonPath().getList("filtered_signal", Double.class);
        assertEquals(expected.length, got.size());
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(got.get(i) - expected[i]));
        }
        assertTrue(worst <= 1e-9 * Fixtures.peak(ecg), "max error " + worst);
    }

    @Test
    void causalFilterMatchesScipySosfilt() {
        double[] x = Fixtures.doubles(FIXTURES.get("signals").get("synthetic").get("samples"));
        double[] expected = Fixtures.doubles(findCase("synthetic", "sosfilt", "ellip", "highpass", 4).get("output"));
        Map<String, Object> params = Map.of("filter_type", "high", "filter_family", "ellip", "low_freq", 0.5,
                "filter_order", 4, "zero_phase", false, "ripple_db", 1.0, "stopband_db", 40.0);
        List<Double> got = given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", x, "sampling_freq", 500.0, "filter_params", params))
                .post("/api/filtering/filter").then().statusCode(200).extract().jsonPath().getList("filtered_signal", Double.class);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got.get(i), 1e-9 * Fixtures.peak(x), "sample " + i);
        }
    }

    @Test
    void multiChannelKeepsShapeAndFiltersEachChannel() {
        double[] a = new double[500];
        double[] b = new double[500];
        for (int i = 0; i < 500; i++) {
            a[i] = Math.sin(i * 0.05);
            b[i] = 3.0;
        }
        Response r = given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", List.of(a, b), "sampling_freq", 250.0,
                        "filter_params", Map.of("filter_type", "lowpass", "high_freq", 30.0)))
                .post("/api/filtering/filter");
        r.then().statusCode(200).body("filtered_signal", hasSize(2)).body("filtered_signal[0]", hasSize(500))
                .body("filtered_signal[1]", hasSize(500));
        // a constant through a zero-phase low-pass stays that constant (odd padding, steady-state start)
        List<Double> flat = r.jsonPath().getList("filtered_signal[1]", Double.class);
        for (Double v : flat) {
            assertEquals(3.0, v, 1e-6);
        }
    }

    @ParameterizedTest
    @CsvSource({"butter,bandpass", "cheby1,lowpass", "cheby2,highpass", "ellip,bandstop", "bessel,bandpass",
            "fir,bandpass", "savgol,", "moving_average,", "median,", "gaussian,"})
    void everyTraditionalFamilyIsReachable(String family, String type) {
        Map<String, Object> params = new HashMap<>(Map.of("filter_family", family));
        if (type != null) {
            // the cut-offs only where the family takes them: another method's parameter is a 400
            params.put("filter_type", type);
            params.put("low_freq", 1.0);
            params.put("high_freq", 40.0);
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", sine(2000), "sampling_freq", 500.0, "filter_params", params))
                .post("/api/filtering/filter").then().statusCode(200).body("filtered_signal", hasSize(2000));
    }

    @Test
    void notchAndSignalTypeDefaultsWork() {
        given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", sine(1000), "sampling_freq", 500.0,
                        "filter_params", Map.of("filter_type", "notch", "notch_freq", 50.0, "quality_factor", 30.0)))
                .post("/api/filtering/filter").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", sine(1000), "sampling_freq", 100.0, "signal_type", "PPG"))
                .post("/api/filtering/filter").then().statusCode(200).body("filtered_signal", hasSize(1000));
    }

    @Test
    void filterChainRunsStagesInOrder() {
        given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", sine(1000), "sampling_freq", 500.0, "filter_chain", List.of(
                        Map.of("filter_params", Map.of("filter_type", "highpass", "low_freq", 0.5), "iterations", 1),
                        Map.of("filter_params", Map.of("filter_family", "median", "window_size", 5), "iterations", 2))))
                .post("/api/filtering/filter").then().statusCode(200).body("filtered_signal", hasSize(1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"filter_type\":\"lowpass\",\"high_freq\":200}|high_freq|high_freq 200 Hz must be below the Nyquist frequency 180 Hz",
            "{\"filter_type\":\"bandpass\",\"low_freq\":40,\"high_freq\":5}|low_freq|low_freq 40 Hz must be below high_freq 5 Hz",
            "{\"filter_type\":\"lowpass\",\"high_freq\":40,\"filter_order\":0}|filter_order|filter_order must be between 1 and 10, got 0",
            "{\"filter_type\":\"lowpass\",\"high_freq\":40,\"filter_order\":11}|filter_order|filter_order must be between 1 and 10, got 11",
            "{\"filter_type\":\"lowpass\",\"high_freq\":-5}|high_freq|must be above 0 Hz",
            "{\"filter_type\":\"bandpass\",\"low_freq\":1}|high_freq|needs both low_freq and high_freq",
            "{\"filter_family\":\"chebyshev7\",\"high_freq\":40}|filter_family|unknown filter_family 'chebyshev7'",
            "{\"filter_type\":\"wobble\",\"high_freq\":40}|filter_type|unknown filter_type 'wobble'",
            "{\"category\":\"neural\",\"method\":\"transformer\"}|method|unknown neural method 'transformer'",
            "{\"category\":\"quantum\"}|category|unknown category 'quantum'",
            "{\"filter_family\":\"fir\",\"filter_type\":\"highpass\",\"low_freq\":1,\"num_taps\":100}|num_taps|num_taps must be odd",
            "{\"filter_family\":\"median\",\"window_size\":4}|window_size|must be odd",
            "{\"filter_family\":\"savgol\",\"window_size\":11,\"polyorder\":11}|polyorder|polyorder must be between 0 and 10",
            "{\"filter_family\":\"gaussian\",\"sigma\":0}|sigma|sigma must be above 0, got 0",
            "{\"filter_family\":\"ellip\",\"high_freq\":40,\"ripple_db\":50,\"stopband_db\":40}|ripple_db|ripple_db must be between 0 and 30, got 50",
            "{\"filter_type\":\"notch\",\"notch_freq\":400}|notch_freq|notch_freq 400 Hz must be below the Nyquist frequency 180 Hz",
    })
    void badParametersGetProblemJsonNamingTheField(String params, String field, String detail) {
        given().contentType(ContentType.JSON)
                .body("{\"signal_data\":" + java.util.Arrays.toString(sine(400)) + ",\"sampling_freq\":360,\"filter_params\":" + params + "}")
                .post("/api/filtering/filter").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("field", equalTo(field)).body("detail", containsString(detail))
                .body("title", equalTo("Bad Request")).body("type", containsString("invalid-parameter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sampling_freq\":360}",
            "{\"signal_data\":[1,2,3]}",
            "{\"signal_data\":[],\"sampling_freq\":360}",
            "{\"signal_data\":[1,\"a\",3],\"sampling_freq\":360}",
            "{\"signal_data\":[1,\"NaN\",3],\"sampling_freq\":360}",
            "{\"signal_data\":[1,null,3],\"sampling_freq\":360}",
            "{\"signal_data\":[[1,2],[3]],\"sampling_freq\":360}",
            "{\"signal_data\":[[1,2],3],\"sampling_freq\":360}",
            "{\"signal_data\":[1,2,3],\"sampling_freq\":0}",
            "{\"signal_data\":[1,2,3],\"sampling_freq\":-360}",
            "{\"signal_data\":[1,1e400,3],\"sampling_freq\":360}",
            "{\"signal_data\":\"hello\",\"sampling_freq\":360}",
            "{\"signal_data\":[1,2,3],\"sampling_freq\":360,\"filter_params\":{\"filter_type\":\"lowpass\",\"high_freq\":40}}",
            "{\"signal_data\":[1,2,3,NaN],\"sampling_freq\":360}",
            "{\"signal_data\":[1,2,3",
            "not json at all",
            "",
    })
    void malformedOrUnusableBodiesGet400ProblemJson(String body) {
        given().contentType(ContentType.JSON).body(body).log().ifValidationFails()
                .post("/api/filtering/filter").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", not(startsWith("HTTP 400")));
    }

    @Test
    void overTheSyncLimitGets413PointingToJobs() {
        double[] big = new double[100_001];
        given().contentType(ContentType.JSON)
                .body(Map.of("signal_data", big, "sampling_freq", 360.0))
                .post("/api/filtering/filter").then().log().ifValidationFails().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("/api/filtering/jobs"));
    }

    @Test
    void unknownRouteIsProblemJson() {
        given().get("/api/filtering/nowhere").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/filtering/filter"));
    }

    private static double[] sine(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(2 * Math.PI * 5 * i / 500.0) + 0.2 * Math.sin(2 * Math.PI * 50 * i / 500.0);
        }
        return x;
    }

    private static JsonNode findCase(String signal, String kind, String family, String response, int order) {
        for (JsonNode c : FIXTURES.get("cases")) {
            JsonNode p = c.get("params");
            if (c.get("signal").asText().equals(signal) && c.get("kind").asText().equals(kind)
                    && p.path("family").asText().equals(family) && p.path("response").asText().equals(response)
                    && p.path("order").asInt() == order) {
                return c;
            }
        }
        throw new IllegalStateException("no fixture " + kind + " " + family + " " + response);
    }
}
