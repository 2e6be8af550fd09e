package io.vitalstream.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.jobs.UploadStore;
import io.vitalstream.jobs.Upload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * POST /api/uploads: the raw body streams to disk with back-pressure (the request pauses
 * while the file's write queue is full), hashed with SHA-256 on the way, never held whole in
 * memory. Over {@code vitalstream.upload-max-mb} it is refused (413) and the partial file
 * removed; a dropped connection removes it too. Only a complete body gets an upload id.
 * A Vert.x route rather than a JAX-RS resource, because Quarkus REST would buffer the body.
 */
@ApplicationScoped
public class UploadRoute {

    private static final Logger LOG = Logger.getLogger(UploadRoute.class);

    @Inject
    UploadStore uploads;
    @Inject
    VitalStreamConfig config;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper json;

    void routes(@Observes Router router) {
        router.post("/api/uploads").order(-1000).handler(this::upload);
    }

    /**
     * The Content-Types a browser may send cross-site without asking first (a form or a
     * no-cors fetch): an upload in one of them, or with none, could come from a page on
     * another site filling the disk, so uploads must declare their bytes explicitly.
     */
    static boolean crossSiteSafe(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("text/plain") || type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data");
    }

    private void upload(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (crossSiteSafe(req.getHeader("Content-Type"))) {
            fail(ctx, 415, "unsupported-media-type", "send the file's bytes with Content-Type: application/octet-stream (got "
                    + (req.getHeader("Content-Type") == null ? "none" : req.getHeader("Content-Type")) + ")", null);
            return;
        }
        long limit = config.uploadMaxMb() * (1L << 20);
        String length = req.getHeader("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if (declared > limit) {
                    fail(ctx, 413, "too-large", "the upload is " + declared + " bytes; vitalstream.upload-max-mb allows " + limit, null);
                    return;
                }
                if (declared == 0) {
                    fail(ctx, 400, "invalid-parameter", "the upload body is empty: send the file's bytes as application/octet-stream", null);
                    return;
                }
            } catch (NumberFormatException e) {
                fail(ctx, 400, "invalid-parameter", "Content-Length is not a number", null);
                return;
            }
        }
        String filename = req.getParam("filename");
        if (filename != null && filename.length() > 1000) {
            fail(ctx, 400, "invalid-parameter", "filename is too long (at most 1000 characters)", "filename");
            return;
        }
        Map.Entry<String, Path> target = uploads.begin();
        String id = target.getKey();
        Path part = target.getValue();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        req.pause();
        AtomicBoolean done = new AtomicBoolean();
        long[] count = {0};
        vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                .onFailure(err -> {
                    LOG.errorf(err, "cannot create %s", part);
                    fail(ctx, 500, "internal-error", "the upload could not be stored: " + err.getMessage(), null);
                })
                .onSuccess(file -> {
                    Runnable abort = () -> {
                        if (done.compareAndSet(false, true)) {
                            file.close().onComplete(x -> vertx.executeBlocking(() -> {
                                uploads.abort(part);
                                return null;
                            }));
                        }
                    };
                    req.exceptionHandler(err -> abort.run());
                    req.connection().closeHandler(v -> abort.run());
                    req.handler(buf -> {
                        if (done.get()) {
                            return;
                        }
                        count[0] += buf.length();
                        if (count[0] > limit) {
                            abort.run();
                            fail(ctx, 413, "too-large", "the upload exceeds vitalstream.upload-max-mb (" + limit + " bytes); nothing was kept", null);
                            return;
                        }
                        sha.update(buf.getBytes());
                        file.write(buf);
                        if (file.writeQueueFull()) {
                            req.pause();
                            file.drainHandler(v -> req.resume());
                        }
                    });
                    req.endHandler(v -> finish(ctx, file, id, part, count[0], sha, done, req.getParam("filename")));
                    req.resume();
                });
    }

    private void finish(RoutingContext ctx, AsyncFile file, String id, Path part, long bytes, MessageDigest sha, AtomicBoolean done,
                        String filename) {
        if (done.get()) {
            return;
        }
        file.flush().compose(v -> file.close()).onComplete(closed -> {
            if (closed.failed() || !done.compareAndSet(false, true)) {
                vertx.executeBlocking(() -> {
                    uploads.abort(part);
                    return null;
                });
                if (closed.failed()) {
                    fail(ctx, 500, "internal-error", "the upload could not be written: " + closed.cause().getMessage(), null);
                }
                return;
            }
            if (bytes == 0) {
                vertx.executeBlocking(() -> {
                    uploads.abort(part);
                    return null;
                });
                fail(ctx, 400, "invalid-parameter", "the upload body is empty: send the file's bytes as application/octet-stream", null);
                return;
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            vertx.executeBlocking(() -> uploads.complete(id, part, filename, bytes, digest)).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ctx, 500, "internal-error", "the upload could not be stored: " + ar.cause().getMessage(), null);
                    return;
                }
                Upload u = ar.result();
                try {
                    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                            .putHeader("Location", "/api/uploads/" + u.uploadId())
                            .end(json.writeValueAsString(new Responses.UploadCreated(u.uploadId(), u.bytes(), u.sha256(), u.filename(), null)));
                } catch (Exception e) {
                    fail(ctx, 500, "internal-error", e.getMessage(), null);
                }
            });
        });
    }

    static void fail(RoutingContext ctx, int status, String type, String detail, String field) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        StringBuilder body = new StringBuilder("{\"type\":\"https://vitalstream.dev/problems/").append(type)
                .append("\",\"title\":").append(quote(io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase()))
                .append(",\"status\":").append(status).append(",\"detail\":").append(quote(detail))
                .append(",\"instance\":").append(quote(ctx.request().path()));
        if (field != null) {
            body.append(",\"field\":").append(quote(field));
        }
        body.append('}');
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 413) {
            ctx.response().putHeader("Connection", "close");
        }
        ctx.response().end(Buffer.buffer(body.toString()));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
