package io.vitalstream.jobs;

import io.vitalstream.pipeline.ChunkCache;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The chunk cache's shared tier in Redis (cluster mode): entries {@code vs:cache:<sha-256 of the
 * chunk key>} with a TTL, an index {@code vs:cache:index} (member {@code <key>:<bytes>}, score the
 * time stored) and a byte count {@code vs:cache:bytes}; a store that takes the count above the
 * bound evicts the oldest entries, and entries past their TTL leave the index and the count.
 * Several replicas storing at once may overshoot the bound by their entries in flight.
 */
final class RedisChunkTier implements ChunkCache.SharedTier {

    private static final String INDEX = "vs:cache:index";
    private static final String BYTES = "vs:cache:bytes";
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final Redis redis;
    private final long maxBytes;
    private final long ttlSeconds;

    RedisChunkTier(Redis redis, long maxBytes, long ttlSeconds) {
        this.redis = redis;
        this.maxBytes = maxBytes;
        this.ttlSeconds = ttlSeconds;
    }

    private Response send(Request r) {
        return redis.send(r).await().atMost(WAIT);
    }

    static String redisKey(String chunkKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(chunkKey.getBytes(StandardCharsets.UTF_8));
            return "vs:cache:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(String key) {
        Response r = send(Request.cmd(Command.GET).arg(redisKey(key)));
        return r == null ? null : r.toBytes();
    }

    @Override
    public void put(String key, byte[] value) {
        if (value.length > maxBytes / 4) {
            return; // one entry may not crowd out the rest
        }
        String k = redisKey(key);
        long now = System.currentTimeMillis();
        send(Request.cmd(Command.SET).arg(k).arg(value).arg("EX").arg(ttlSeconds));
        send(Request.cmd(Command.ZADD).arg(INDEX).arg(now).arg(k + ":" + value.length));
        long total = send(Request.cmd(Command.INCRBY).arg(BYTES).arg(value.length)).toLong();
        // entries past their TTL are gone from Redis: out of the index and the count
        Response expired = send(Request.cmd(Command.ZRANGEBYSCORE).arg(INDEX).arg("-inf").arg(now - ttlSeconds * 1000));
        for (int i = 0; expired != null && i < expired.size(); i++) {
            total = drop(expired.get(i).toString(), false);
        }
        while (total > maxBytes) {
            Response oldest = send(Request.cmd(Command.ZPOPMIN).arg(INDEX));
            if (oldest == null || oldest.size() == 0) {
                break;
            }
            total = drop(oldest.get(0).toString(), true);
        }
    }

    /** Removes an index member's entry and its bytes from the count; the count after. */
    private long drop(String member, boolean popped) {
        int colon = member.lastIndexOf(':');
        String k = member.substring(0, colon);
        long bytes = Long.parseLong(member.substring(colon + 1));
        if (!popped) {
            send(Request.cmd(Command.ZREM).arg(INDEX).arg(member));
        }
        send(Request.cmd(Command.DEL).arg(k));
        return send(Request.cmd(Command.DECRBY).arg(BYTES).arg(bytes)).toLong();
    }
}
