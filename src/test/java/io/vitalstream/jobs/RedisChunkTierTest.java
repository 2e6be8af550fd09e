package io.vitalstream.jobs;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vitalstream.TestRedis;
import io.vitalstream.pipeline.ChunkCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunk cache's shared tier against a real {@code redis-server}: a chunk one replica's cache
 * decoded is a hit, with the same doubles, in another replica's empty cache; entries expire;
 * the tier stays within its bound; with Redis gone a lookup is a plain miss.
 */
class RedisChunkTierTest {

    private static TestRedis server;
    private static Vertx vertx;
    private static Redis client;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(TestRedis.installed(), "redis-server is not installed");
        server = TestRedis.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, server.url());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.kill();
        }
    }

    private static double[] chunk(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.sin(i / 30.0) + 0.01 * r.nextGaussian();
        }
        return d;
    }

    private static long redisLong(String... cmd) {
        Request r = Request.cmd(io.vertx.mutiny.redis.client.Command.create(cmd[0]));
        for (int i = 1; i < cmd.length; i++) {
            r.arg(cmd[i]);
        }
        var resp = client.sendAndAwait(r);
        return resp == null ? 0 : resp.toLong();
    }

    @Test
    void aChunkDecodedByOneReplicaIsAHitWithTheSameBitsInAnother() throws Exception {
        ChunkCache a = new ChunkCache(64 << 20, 1 << 20);
        ChunkCache b = new ChunkCache(64 << 20, 1 << 20);
        a.shareWith(new RedisChunkTier(client, 16 << 20, 60));
        b.shareWith(new RedisChunkTier(client, 16 << 20, 60));
        ChunkCache.Key key = new ChunkCache.Key("/data/study/rec.npy@123-456", 65_536, 8192, 4);
        double[] data = chunk(8192 * 4, 1);
        a.put(key, data, data.length);
        double[] got = new double[data.length];
        long deadline = System.currentTimeMillis() + 5_000;
        while (!b.get(key, got)) { // the store is in the background
            assertTrue(System.currentTimeMillis() < deadline, "never reached the shared tier");
            Thread.sleep(20);
        }
        assertArrayEquals(data, got);
        assertEquals(1, b.sharedHits());
        long ttl = redisLong("TTL", RedisChunkTier.redisKey("/data/study/rec.npy@123-456|65536|8192|4"));
        assertTrue(ttl > 0 && ttl <= 60, "expires: " + ttl);
        // a different chunk of the same file is a miss
        assertFalse(b.get(new ChunkCache.Key("/data/study/rec.npy@123-456", 0, 8192, 4), got));
    }

    @Test
    void theTierStaysWithinItsBound() throws Exception {
        long bound = 2 << 20;
        RedisChunkTier tier = new RedisChunkTier(client, bound, 60);
        for (int i = 0; i < 40; i++) {
            byte[] v = new byte[200_000 + i];
            new Random(i).nextBytes(v); // incompressible: 200 kB each, 8 MB in all
            tier.put("bound-test|" + i, v);
        }
        long bytes = redisLong("GET", "vs:cache:bytes");
        assertTrue(bytes <= bound && bytes > bound / 2, "bytes held " + bytes);
        assertEquals(0, redisLong("EXISTS", RedisChunkTier.redisKey("bound-test|0")), "the oldest were evicted");
        assertEquals(1, redisLong("EXISTS", RedisChunkTier.redisKey("bound-test|39")));
    }

    @Test
    void withRedisGoneALookupIsAMiss() {
        Vertx v = Vertx.vertx();
        try {
            Redis nowhere = Redis.createClient(v, "redis://127.0.0.1:1");
            ChunkCache c = new ChunkCache(64 << 20, 1 << 20);
            c.shareWith(new RedisChunkTier(nowhere, 16 << 20, 60));
            double[] data = chunk(1000, 2);
            ChunkCache.Key key = new ChunkCache.Key("x", 0, 1000, 1);
            assertFalse(c.get(key, new double[1000]));
            c.put(key, data, data.length); // offered in the background, lost: no error
            assertTrue(c.get(key, new double[1000]), "the local tier still works");
        } finally {
            v.closeAndAwait();
        }
    }
}
