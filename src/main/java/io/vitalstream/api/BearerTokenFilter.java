package io.vitalstream.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vitalstream.config.VitalStreamConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Optional bearer-token auth ({@code vitalstream.api-token}; off when unset). Every /api and
 * /ws call must carry {@code Authorization: Bearer <token>}, or {@code access_token=<token>}
 * in the query (browsers cannot set headers on WebSocket handshakes or download links).
 * Runs first on the router, so REST, uploads and WebSocket upgrades are all covered.
 */
@ApplicationScoped
public class BearerTokenFilter {

    @Inject
    VitalStreamConfig config;

    void routes(@Observes Router router) {
        config.apiToken().filter(t -> !t.isBlank()).ifPresent(token -> {
            byte[] expected = token.getBytes(StandardCharsets.UTF_8);
            router.route().order(-10_000).handler(ctx -> check(ctx, expected));
        });
    }

    private static void check(RoutingContext ctx, byte[] expected) {
        String path = ctx.normalizedPath();
        // the method registry is public metadata (the web page builds its form from it before a token is entered)
        if (!(path.startsWith("/api/") || path.startsWith("/ws/")) || path.equals("/api/filtering/methods")) {
            ctx.next();
            return;
        }
        String given = null;
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).trim();
        } else if (ctx.request().getParam("access_token") != null) {
            given = ctx.request().getParam("access_token");
        }
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vitalstream\"");
        UploadRoute.fail(ctx, 401, "unauthorized", given == null
                ? "this service requires a token: send Authorization: Bearer <token> (or access_token=<token> in the query)"
                : "the token is not valid", null);
    }
}
