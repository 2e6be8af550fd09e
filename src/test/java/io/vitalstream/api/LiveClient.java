package io.vitalstream.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of /ws/filter-stream (or another of the service's WebSockets) on the JDK's
 * WebSocket: whole messages in a queue; optionally one that never reads.
 */
final class LiveClient implements WebSocket.Listener, AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final boolean reads;
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    WebSocket ws;

    private LiveClient(boolean reads) {
        this.reads = reads;
    }

    static LiveClient open(URI base, boolean reads) {
        return open(base, "/ws/filter-stream", reads);
    }

    static LiveClient open(URI base, String path, boolean reads) {
        LiveClient c = new LiveClient(reads);
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
        c.ws = HTTP.newWebSocketBuilder().buildAsync(uri, c).orTimeout(20, TimeUnit.SECONDS).join();
        return c;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        if (reads) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            messages.add(ByteBuffer.wrap(binary.toByteArray()));
            binary = new java.io.ByteArrayOutputStream();
        }
        if (reads) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }

    String text(String message) throws Exception {
        ws.sendText(message, true).get(20, TimeUnit.SECONDS);
        return nextText();
    }

    String nextText() throws Exception {
        Object m = messages.poll(30, TimeUnit.SECONDS);
        if (!(m instanceof String s)) {
            throw new AssertionError("expected a text message, got " + m + (closed.isDone() ? " (closed: " + closed.getNow("") + ")" : ""));
        }
        return s;
    }

    ByteBuffer binary(ByteBuffer block) throws Exception {
        ws.sendBinary(block, true).get(20, TimeUnit.SECONDS);
        Object m = messages.poll(30, TimeUnit.SECONDS);
        if (!(m instanceof ByteBuffer b)) {
            throw new AssertionError("expected a binary message, got " + m);
        }
        return b;
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        ws.abort();
    }
}
