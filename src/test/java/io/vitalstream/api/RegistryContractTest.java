package io.vitalstream.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The method registry is the contract: for every method it lists, every parameter it lists
 * (sent with its listed default) is accepted by the synchronous endpoint and by job
 * submission, and a name it does not list is refused by both with a 400 naming that field.
 */
@QuarkusTest
class RegistryContractTest {

    private static final int FRAMES = 1500;

    private static List<List<Double>> signal() {
        List<List<Double>> channels = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            List<Double> x = new ArrayList<>();
            for (int i = 0; i < FRAMES; i++) {
                x.add(Math.sin(2 * Math.PI * 1.2 * i / 250.0 + c) + 0.2 * Math.sin(2 * Math.PI * 50 * i / 250.0) + 0.05 * Math.cos(i * (c + 3.1)));
            }
            channels.add(x);
        }
        return channels;
    }

    /** filter_params selecting the method, with every listed parameter that has a default set to it. */
    private static Map<String, Object> withDefaults(Map<String, Object> method) {
        Map<String, Object> p = new LinkedHashMap<>();
        String category = (String) method.get("category");
        p.put("category", category);
        p.put(category.equals("traditional") ? "filter_family" : "method", method.get("name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> params = (List<Map<String, Object>>) method.get("params");
        for (Map<String, Object> param : params) {
            Object value = param.get("default_value");
            if (value != null && !"list".equals(param.get("type"))) {
                p.put((String) param.get("name"), value);
            }
        }
        if (category.equals("traditional") && params.stream().anyMatch(q -> q.get("name").equals("low_freq"))) {
            p.putIfAbsent("filter_type", "bandpass");
            p.put("low_freq", 1.0);
            p.put("high_freq", 40.0);
        }
        return p;
    }

    /**
     * The engine's own defaults are the registry's: leaving every parameter out gives the same
     * output as sending each at its listed default.
     */
    @Test
    void theEngineAppliesTheListedDefaults() {
        List<Map<String, Object>> methods = given().get("/api/filtering/methods").then().extract().jsonPath().getList("methods");
        List<String> differ = new ArrayList<>();
        for (Map<String, Object> method : methods) {
            Map<String, Object> explicit = withDefaults(method);
            Map<String, Object> bare = new LinkedHashMap<>();
            for (String key : List.of("category", "filter_family", "method", "filter_type", "low_freq", "high_freq")) {
                if (explicit.containsKey(key) && !(key.equals("filter_type") && !explicit.containsKey("low_freq"))) {
                    bare.put(key, explicit.get(key));
                }
            }
            Object a = given().contentType("application/json")
                    .body(Map.of("signal_data", signal(), "sampling_freq", 250, "filter_params", bare))
                    .post("/api/filtering/filter").then().statusCode(200).extract().path("filtered_signal");
            Object b = given().contentType("application/json")
                    .body(Map.of("signal_data", signal(), "sampling_freq", 250, "filter_params", explicit))
                    .post("/api/filtering/filter").then().statusCode(200).extract().path("filtered_signal");
            if (!a.equals(b)) {
                differ.add(method.get("category") + "/" + method.get("name") + ": " + explicit);
            }
        }
        assertTrue(differ.isEmpty(), "defaults applied by the engine differ from the registry's:\n" + String.join("\n", differ));
    }

    @Test
    void everyListedParameterIsAcceptedAndAnUnlistedOneRefusedBySyncAndJobs() {
        JsonPath registry = given().get("/api/filtering/methods").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> methods = registry.getList("methods");
        assertTrue(methods.size() >= 31, "methods: " + methods.size());
        String upload = TestFiles.upload(TestFiles.npy(FRAMES, 2, 11), "contract.npy");
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> method : methods) {
            String name = method.get("category") + "/" + method.get("name");
            Map<String, Object> params = withDefaults(method);

            int sync = given().contentType("application/json")
                    .body(Map.of("signal_data", signal(), "sampling_freq", 250, "filter_params", params))
                    .post("/api/filtering/filter").then().extract().statusCode();
            if (sync != 200) {
                failures.add(name + ": sync " + sync + " for " + params);
            }
            var job = given().contentType("application/json")
                    .body(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 250, "filter_params", params))
                    .post("/api/filtering/jobs").then().extract();
            if (job.statusCode() != 202) {
                failures.add(name + ": job " + job.statusCode() + " " + job.asString());
            } else {
                given().post("/api/filtering/cancel/" + job.path("request_id")); // accepted is what is checked here
            }

            Map<String, Object> unknown = new HashMap<>(params);
            unknown.put("not_a_parameter", 1);
            given().contentType("application/json")
                    .body(Map.of("signal_data", signal(), "sampling_freq", 250, "filter_params", unknown))
                    .post("/api/filtering/filter").then().statusCode(400).body("field", equalTo("not_a_parameter"));
            given().contentType("application/json")
                    .body(Map.of("input", Map.of("upload_id", upload), "sampling_freq", 250, "filter_params", unknown))
                    .post("/api/filtering/jobs").then().statusCode(400).body("field", equalTo("not_a_parameter"))
                    .body("detail", containsString("not_a_parameter"));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
