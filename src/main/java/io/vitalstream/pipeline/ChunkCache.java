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

    public long maxBytes() {
        return maxBytes;
    }

    /** Copies the cached chunk into dest[0..) and returns true, or returns false on a miss. */
    public boolean get(Key key, double[] dest) {
        Entry e = cache.getIfPresent(key);
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

    public void put(Key key, double[] data, int length) {
        long bytes = length * 8L;
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
