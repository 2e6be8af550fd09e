package io.vitalstream.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded chunks kept for re-use (a preview after a job, a re-run of the same file): a
 * Caffeine cache bounded in bytes by a weigher, evicting by its frequency-aware LRU. Entries
 * above {@code compressAbove} bytes are stored LZ4-compressed (when that saves space).
 * <p>
 * In cluster mode a second tier is shared by the replicas ({@link SharedTier}, Redis): a local
 * miss asks it, and every chunk decoded here is offered to it (LZ4-compressed, in the
 * background, dropped when the tier is slow or away: it is only a cache).
 */
public final class ChunkCache {

    /** A chunk of one source: frames [start, start + count) decoded over {@code frame} lanes. */
    public record Key(String source, long start, int count, int frame) {
    }

    private sealed interface Entry {
        int bytes();
    }

    private record Plain(double[] data) implements Entry {
        public int bytes() {
            return data.length * 8 + 16;
        }
    }

    private record Compressed(byte[] lz4, int doubles) implements Entry {
        public int bytes() {
            return lz4.length + 16;
        }
    }

    private static final LZ4Factory LZ4 = LZ4Factory.fastestJavaInstance();

    /** A cache the replicas share: LZ4 entries by key, bounded and expiring on its side; failures are misses. */
    public interface SharedTier {
        byte[] get(String key);

        void put(String key, byte[] value);
    }

    private volatile SharedTier shared;
    private final AtomicLong sharedHits = new AtomicLong();
    private final java.util.concurrent.ThreadPoolExecutor sharing = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
            java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(16), r -> {
                Thread t = new Thread(r, "chunk-cache-share");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());

    private final Cache<Key, Entry> cache;
    private final long compressAbove;
    private final long maxBytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong compressedEntries = new AtomicLong();

    public ChunkCache(long maxBytes, long compressAbove) {
        this.maxBytes = maxBytes;
        this.compressAbove = compressAbove;
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((Key k, Entry e) -> e.bytes()).build();
    }

    /** Cluster mode: the tier shared with the other replicas. */
    public void shareWith(SharedTier tier) {
        shared = tier;
    }

    /** Local misses the shared tier answered. */
    public long sharedHits() {
        return sharedHits.get();
    }

    /** The key in the shared tier: a source is a file path and stamp, the same on every replica of a shared data dir. */
    static String sharedKey(Key key) {
        return key.source() + "|" + key.start() + "|" + key.count() + "|" + key.frame();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Copies the cached chunk into dest[0..) and returns true, or returns false on a miss. */
    public boolean get(Key key, double[] dest) {
        Entry e = cache.getIfPresent(key);
        if (e == null && shared != null) {
            e = fromShared(key);
        }
        if (e == null) {
            misses.incrementAndGet();
            return false;
        }
        hits.incrementAndGet();
        switch (e) {
            case Plain p -> System.arraycopy(p.data(), 0, dest, 0, p.data().length);
            case Compressed c -> {
                LZ4FastDecompressor d = LZ4.fastDecompressor();
                byte[] raw = new byte[c.doubles() * 8];
                d.decompress(c.lz4(), 0, raw, 0, raw.length);
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(dest, 0, c.doubles());
            }
        }
        return true;
    }

    private Entry fromShared(Key key) {
        byte[] v;
        try {
            v = shared.get(sharedKey(key));
        } catch (RuntimeException unreachable) {
            return null;
        }
        if (v == null || v.length < 4) {
            return null;
        }
        int doubles = ByteBuffer.wrap(v, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Entry e = new Compressed(java.util.Arrays.copyOfRange(v, 4, v.length), doubles);
        sharedHits.incrementAndGet();
        cache.put(key, e);
        return e;
    }

    public void put(Key key, double[] data, int length) {
        long bytes = length * 8L;
        SharedTier tier = shared;
        if (tier != null) {
            double[] copy = java.util.Arrays.copyOf(data, length);
            sharing.execute(() -> {
                try {
                    ByteBuffer raw = ByteBuffer.allocate(copy.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    raw.asDoubleBuffer().put(copy);
                    byte[] packed = LZ4.fastCompressor().compress(raw.array());
                    byte[] v = new byte[packed.length + 4];
                    ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putInt(copy.length).put(packed);
                    tier.put(sharedKey(key), v);
                } catch (RuntimeException unreachable) {
                    // only a cache
                }
            });
        }
        if (bytes > maxBytes / 4) {
            return; // one entry may not crowd out the rest
        }
        if (bytes > compressAbove) {
            ByteBuffer raw = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            raw.asDoubleBuffer().put(data, 0, length);
            LZ4Compressor c = LZ4.fastCompressor();
            byte[] packed = c.compress(raw.array());
            if (packed.length < bytes * 0.9) {
                compressedEntries.incrementAndGet();
                cache.put(key, new Compressed(packed, length));
                return;
            }
        }
        cache.put(key, new Plain(java.util.Arrays.copyOf(data, length)));
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public long compressedEntries() {
        return compressedEntries.get();
    }

    /** Bytes held now (after pending evictions). */
    public long bytes() {
        cache.cleanUp();
        return cache.policy().eviction().map(ev -> ev.weightedSize().orElse(0)).orElse(0L);
    }

    public void invalidateSource(String source) {
        cache.asMap().keySet().removeIf(k -> k.source().equals(source));
    }
}
