package io.vitalstream.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With vitalstream.api-token set, every API and WebSocket call without the token gets 401. */
@QuarkusTest
@TestProfile(BearerTokenTest.WithToken.class)
class BearerTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitalstream.api-token", "s3cret-token");
        }
    }

    @TestHTTPResource("/ws/filtering-progress")
    URI socket;

    @Test
    void apiCallsNeedTheToken() {
        given().get("/api/filtering/statistics").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer")).body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Bearer wrong").get("/api/filtering/statistics").then().statusCode(401)
                .body("detail", containsString("not valid"));
        given().header("Authorization", "Bearer s3cret-token").get("/api/filtering/statistics").then().statusCode(200);
        given().queryParam("access_token", "s3cret-token").get("/api/filtering/jobs").then().statusCode(200);
        given().contentType("application/octet-stream").body(new byte[] {1, 2, 3}).post("/api/uploads").then().statusCode(401);
        given().contentType("application/json").body("{\"signal_data\":[1,2,3],\"sampling_freq\":100}")
                .post("/api/filtering/filter").then().statusCode(401);
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void webSocketHandshakeNeedsTheToken() throws Exception {
        URI ws = URI.create(socket.toString().replaceFirst("^http", "ws"));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(ws, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        java.net.http.WebSocketHandshakeException handshake = (java.net.http.WebSocketHandshakeException) refused.getCause();
        org.junit.jupiter.api.Assertions.assertEquals(401, handshake.getResponse().statusCode());
        WebSocket ok = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(ws + "?access_token=s3cret-token"), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        ok.abort();
    }
}
