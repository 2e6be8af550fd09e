package io.vitalstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.live.LiveFilter;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.VitalStreamException;
import io.vitalstream.jobs.Statistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * /ws/filter-stream (SPEC section 4b): a device streams a signal as it records it and gets
 * each block back filtered, with the filter's state kept per connection ({@link LiveFilter}).
 * A Vert.x WebSocket rather than a WebSockets Next endpoint, for flow control: the socket is
 * paused while a block is filtered and while its answer cannot be written (the client is not
 * reading), so a client that sends faster than it reads is slowed by TCP, and a stream holds
 * at most one block and the socket's write queue. WebSockets Next (Quarkus 3.33) reads on and
 * queues every message it cannot yet deliver.
 */
@ApplicationScoped
public class FilterStreamRoute {

    private static final Logger LOG = Logger.getLogger(FilterStreamRoute.class);
    private static final Set<String> CONFIG_FIELDS = Set.of("sampling_freq", "channels", "signal_type", "filter_params", "filter_chain", "format");
    /** Close code 1013 (try again later): the server is at its stream limit. */
    static final short TRY_AGAIN_LATER = 1013;

    @Inject
    VitalStreamConfig config;
    @Inject
    Statistics statistics;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;

    /** A WebSocket message (one block) of up to this many bytes reaches the stream; a larger one closes it with 1009. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;
    /** Messages up to this size are filtered on the event loop (microseconds of work); larger ones on a worker. */
    static final int INLINE_BYTES = 64 << 10;

    void routes(@Observes Router router) {
        router.get("/ws/filter-stream").order(-1000).handler(this::upgrade);
    }

    /** Vert.x's WebSocket frame and message limits (64 KiB and 256 KiB by default) raised to the stream's. */
    @ApplicationScoped
    static class MessageLimits implements io.quarkus.vertx.http.HttpServerOptionsCustomizer {
        @Override
        public void customizeHttpServer(io.vertx.core.http.HttpServerOptions options) {
            options.setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES).setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES);
        }
    }

    private void upgrade(RoutingContext ctx) {
        int max = config.live().maxStreams();
        boolean admitted = statistics.liveOpened(max);
        ctx.request().toWebSocket().onSuccess(ws -> {
            if (!admitted) {
                statistics.liveRefused();
                ws.close(TRY_AGAIN_LATER, "live stream limit reached (" + max + " open, vitalstream.live.max-streams); try again later");
                return;
            }
            new Stream(ws).start();
        }).onFailure(e -> {
            if (admitted) {
                statistics.liveClosed();
            }
        });
    }

    /** The configuration message. */
    record Config(Double samplingFreq, Integer channels, String signalType, FilterParameters filterParams, List<ChainStage> filterChain,
                  String format) {
    }

    /** One connection: its filter (after the configuration message) and its format. */
    private final class Stream {
        private final ServerWebSocket ws;
        private final String id = UUID.randomUUID().toString();
        private LiveFilter filter;
        private boolean binary;
        private long frames;
        private boolean closed;

        Stream(ServerWebSocket ws) {
            this.ws = ws;
        }

        void start() {
            ws.textMessageHandler(text -> handle(text, null));
            ws.binaryMessageHandler(bytes -> handle(null, bytes));
            ws.exceptionHandler(e -> LOG.debugf(e, "live stream %s", id));
            ws.closeHandler(v -> {
                if (!closed) {
                    closed = true;
                    filter = null;
                    statistics.liveClosed();
                }
            });
        }

        /**
         * One message at a time, in order. A small block (up to {@link #INLINE_BYTES}: a device's
         * 0.1 s) is filtered at once on the event loop, which costs less than handing it to a
         * worker; a larger one goes to a worker thread with the socket paused until its answer is
         * written. Either way the socket stays paused while its write queue is full.
         */
        private void handle(String text, Buffer bytes) {
            int size = text != null ? text.length() : bytes.length();
            if (size <= INLINE_BYTES) {
                Object answer;
                try {
                    answer = text != null ? onText(text) : onBinary(bytes);
                } catch (RuntimeException e) {
                    answer = Responses.LiveMessage.internal(e);
                }
                reply(answer);
                if (ws.writeQueueFull()) {
                    ws.pause();
                    ws.drainHandler(v -> ws.resume());
                }
                return;
            }
            ws.pause();
            vertx.<Object>executeBlocking(() -> text != null ? onText(text) : onBinary(bytes), false).onComplete(r -> {
                if (closed) {
                    return;
                }
                reply(r.succeeded() ? r.result() : Responses.LiveMessage.internal(r.cause()));
                if (ws.writeQueueFull()) {
                    ws.drainHandler(v -> ws.resume());
                } else {
                    ws.resume();
                }
            });
        }

        private void reply(Object answer) {
            if (closed) {
                return;
            }
            if (answer instanceof Buffer b) {
                ws.writeBinaryMessage(b);
            } else {
                ws.writeTextMessage(encode(answer));
            }
        }

        private Object onText(String text) {
            JsonNode msg;
            try {
                msg = json.readTree(text);
            } catch (Exception e) {
                return error("messages are JSON: the configuration, {\"samples\": [[...], ...]} or {\"type\": \"reset\"}", null);
            }
            if (msg == null || !msg.isObject()) {
                return error("messages are JSON objects", null);
            }
            if (msg.has("type") && "reset".equals(msg.get("type").asText())) {
                if (filter != null) {
                    filter.reset();
                }
                frames = 0;
                return new Responses.LiveMessage(Responses.LiveReply.reset, id, null, null, null, null, 0L, null, "state reset", null);
            }
            if (filter == null) {
                return configure(msg);
            }
            if (!msg.has("samples")) {
                return error("a data message is {\"samples\": [[ch0, ch1, ...], ...]} (frames of " + filter.channels() + " values)", "samples");
            }
            if (binary) {
                return error("this stream was opened with format f32le: send binary messages", "format");
            }
            JsonNode samples = msg.get("samples");
            int ch = filter.channels();
            if (!samples.isArray() || samples.isEmpty()) {
                return error("samples is a non-empty array of frames", "samples");
            }
            int count = samples.size();
            if (count > config.live().maxBlockFrames()) {
                return refused("a block holds at most " + config.live().maxBlockFrames() + " frames (vitalstream.live.max-block-frames), got " + count);
            }
            double[] data = new double[count * ch];
            for (int i = 0; i < count; i++) {
                JsonNode f = samples.get(i);
                if (!f.isArray() || f.size() != ch) {
                    return refused("frame " + i + " has " + (f.isArray() ? f.size() : 0) + " values; this stream has " + ch + " channels");
                }
                for (int c = 0; c < ch; c++) {
                    JsonNode v = f.get(c);
                    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                        return refused("frame " + i + ", channel " + c + " is not a finite number");
                    }
                    data[i * ch + c] = v.asDouble();
                }
            }
            long first = frames;
            filter.process(data, count);
            frames += count;
            statistics.liveFiltered(count);
            double[][] out = new double[count][ch];
            for (int i = 0; i < count; i++) {
                System.arraycopy(data, i * ch, out[i], 0, ch);
            }
            return new Responses.LiveMessage(Responses.LiveReply.filtered, null, null, null, null, null, first, out, null, null);
        }

        private Object onBinary(Buffer bytes) {
            if (filter == null) {
                return error("send the configuration (a JSON text message) first", null);
            }
            if (!binary) {
                return error("this stream was opened with format json: send {\"samples\": ...} text messages", "format");
            }
            int ch = filter.channels();
            int len = bytes.length();
            if (len == 0 || len % (4 * ch) != 0) {
                return refused("a binary block is whole frames of " + ch + " little-endian float32 values (" + 4 * ch + " bytes each); got "
                        + len + " bytes");
            }
            int count = len / (4 * ch);
            if (count > config.live().maxBlockFrames()) {
                return refused("a block holds at most " + config.live().maxBlockFrames() + " frames (vitalstream.live.max-block-frames), got " + count);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes.getBytes()).order(ByteOrder.LITTLE_ENDIAN);
            double[] data = new double[count * ch];
            for (int k = 0; k < data.length; k++) {
                float v = in.getFloat();
                if (!Float.isFinite(v)) {
                    return refused("frame " + k / ch + ", channel " + k % ch + " is " + v + ": samples are finite numbers");
                }
                data[k] = v;
            }
            filter.process(data, count);
            frames += count;
            statistics.liveFiltered(count);
            ByteBuffer out = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : data) {
                out.putFloat((float) v);
            }
            return Buffer.buffer(out.array());
        }

        private Object configure(JsonNode msg) {
            for (Iterator<String> names = msg.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!CONFIG_FIELDS.contains(name)) {
                    return error("unknown field '" + name + "' in the configuration; it takes " + String.join(", ", new java.util.TreeSet<>(CONFIG_FIELDS)),
                            name);
                }
            }
            try {
                Config c = json.treeToValue(msg, Config.class);
                if (c.samplingFreq() == null || !(c.samplingFreq() > 0) || c.samplingFreq() > 1e7) {
                    return error("sampling_freq is required: a positive number of Hz (at most 1e7)", "sampling_freq");
                }
                if (c.channels() == null || c.channels() < 1 || c.channels() > config.live().maxChannels()) {
                    return error("channels is required: 1 to " + config.live().maxChannels(), "channels");
                }
                String format = c.format() == null ? "json" : c.format();
                if (!format.equals("json") && !format.equals("f32le")) {
                    return error("format is json or f32le, got " + format, "format");
                }
                LiveFilter f = LiveFilter.of(FilterDesigner.designChain(c.samplingFreq(), c.signalType(), c.filterParams(), c.filterChain()),
                        c.channels());
                filter = f;
                binary = format.equals("f32le");
                frames = 0;
                return new Responses.LiveMessage(Responses.LiveReply.stream_ready, id, f.latency(), c.channels(), format,
                        config.live().maxBlockFrames(), null, null, null, null);
            } catch (VitalStreamException e) {
                return error(e.getMessage(), e instanceof InvalidParameterException p ? p.field() : null);
            } catch (Exception e) {
                return error("the configuration is {\"sampling_freq\", \"channels\", \"filter_params\" or \"filter_chain\", \"format\": \"json\" | \"f32le\"}: "
                        + rootMessage(e), null);
            }
        }

        private Responses.LiveMessage refused(String message) {
            statistics.liveRefused();
            return error(message, "samples");
        }

        private Responses.LiveMessage error(String message, String field) {
            return Responses.LiveMessage.error(message, field);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof VitalStreamException v) {
            return v.getMessage();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.split("\n", 2)[0];
    }

    private String encode(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (Exception e) {
            return "{\"type\":\"error\",\"message\":\"could not encode the answer\"}";
        }
    }
}
