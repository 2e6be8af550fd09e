package io.vitalstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * /ws/filtering-progress: every client hears every job; {"subscribe": "<request_id>"} narrows
 * it to one job, {"subscribe": null} or {"unsubscribe": true} widens it again. Messages are
 * sent by {@link ProgressBroadcaster}.
 */
@WebSocket(path = "/ws/filtering-progress")
public class ProgressSocket {

    static final UserData.TypedKey<String> SUBSCRIPTION = UserData.TypedKey.forString("vitalstream.subscription");
    static final UserData.TypedKey<AtomicInteger> PENDING = new UserData.TypedKey<>("vitalstream.pending");

    @Inject
    ObjectMapper json;

    @OnOpen
    public Responses.SocketMessage open(WebSocketConnection connection) {
        connection.userData().put(PENDING, new AtomicInteger());
        return new Responses.SocketMessage(Responses.SocketReply.connected, "send {\"subscribe\": \"<request_id>\"} to follow one job; all jobs otherwise", null, null);
    }

    @OnTextMessage
    public Responses.SocketMessage message(String text, WebSocketConnection connection) {
        JsonNode msg;
        try {
            msg = json.readTree(text);
        } catch (Exception e) {
            return new Responses.SocketMessage(Responses.SocketReply.error, null, null, "messages are JSON, e.g. {\"subscribe\": \"<request_id>\"}");
        }
        if (msg == null || !msg.isObject()) {
            return new Responses.SocketMessage(Responses.SocketReply.error, null, null, "messages are JSON objects, e.g. {\"subscribe\": \"<request_id>\"}");
        }
        if (msg.has("unsubscribe") || (msg.has("subscribe") && msg.get("subscribe").isNull())) {
            connection.userData().remove(SUBSCRIPTION);
            return new Responses.SocketMessage(Responses.SocketReply.subscribed, null, "*", null);
        }
        if (msg.hasNonNull("subscribe") && msg.get("subscribe").isTextual()) {
            String id = msg.get("subscribe").asText();
            connection.userData().put(SUBSCRIPTION, id);
            return new Responses.SocketMessage(Responses.SocketReply.subscribed, null, id, null);
        }
        return new Responses.SocketMessage(Responses.SocketReply.error, null, null, "unknown message; send {\"subscribe\": \"<request_id>\"} or {\"unsubscribe\": true}");
    }
}
