package io.vitalstream.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The committed OpenAPI document (docs/openapi.json: what the build generates its client from,
 * and what a user may read without starting the service) is the one the service serves, and
 * every response of every operation has a schema. After an API change, regenerate it with
 * {@code mvn test -Dtest=OpenApiDocumentTest -Dopenapi.snapshot.write=true}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("docs/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theCommittedDocumentIsTheServedOne() throws Exception {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode doc = JSON.readTree(served);
        if (Boolean.getBoolean("openapi.snapshot.write")) {
            Files.writeString(COMMITTED, JSON.writeValueAsString(JSON.treeToValue(doc, Object.class)) + "\n");
        }
        assertEquals(JSON.readTree(Files.readString(COMMITTED)), doc,
                "docs/openapi.json differs from /q/openapi: regenerate it with -Dopenapi.snapshot.write=true (see this test's comment)");
    }

    @Test
    void everyResponseOfEveryOperationHasASchema() throws Exception {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().extract().asString());
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                operations++;
                for (Map.Entry<String, JsonNode> response : op.getValue().path("responses").properties()) {
                    int code = Integer.parseInt(response.getKey());
                    if (code >= 300) {
                        continue; // errors are problem+json, described once by the problem mapper
                    }
                    JsonNode content = response.getValue().path("content");
                    boolean typed = content.size() > 0;
                    for (JsonNode media : content) {
                        typed &= media.has("schema");
                    }
                    if (!typed && code != 204) {
                        missing.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + code);
                    }
                }
            }
        }
        assertTrue(operations >= 15, "operations: " + operations);
        assertEquals(List.of(), missing, "responses without a schema");
    }
}
