package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.io.Access;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lazy chunk manager, the cache, strategy selection, cancellation and the streaming result. */
class ChunkMachineryTest {

    @TempDir
    Path dir;
    private ChunkWorkers workers;
    private Path input;
    private static final int FRAMES = 50_000;

    @BeforeEach
    void setUp() {
        workers = new ChunkWorkers(2);
        input = dir.resolve("in.npy");
        Random rnd = new Random(1);
        double[] data = new double[FRAMES * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextGaussian();
        }
        try (BinaryWriter w = BinaryWriter.npy(input, SampleType.FLOAT64, 2, FRAMES, false)) {
            w.write(0, FRAMES, data, 0, 2);
        }
    }

    @AfterEach
    void tearDown() {
        workers.close();
    }

    @Test
    void managerDeliversChunksInOrderWithBoundedPrefetchAndFeedsTheCache() throws Exception {
        ChunkCache cache = new ChunkCache(64L << 20, 1 << 30);
        try (SignalSource src = SignalFiles.open(input, null, null, null, Access.MAPPED, null)) {
            ChunkPlan plan = new ChunkPlan(FRAMES, 4096);
            double[] direct = new double[4096 * 8];
            for (int pass = 0; pass < 2; pass++) {
                try (LazyChunkManager m = new LazyChunkManager(src, "in", plan, 8, cache, workers, 3)) {
                    for (int i = 0; i < plan.count(); i++) {
                        LazyChunkManager.Chunk c = m.take(i);
                        assertEquals(i, c.index());
                        assertEquals(plan.start(i), c.start());
                        src.read(c.start(), c.count(), direct, 0, 8);
                        for (int k = 0; k < c.count() * 8; k++) {
                            assertEquals(direct[k], c.data()[k], 0.0);
                        }
                        m.release(c);
                    }
                }
            }
            // the second pass was served from the cache
            assertEquals(plan.count(), cache.hits());
            assertTrue(cache.bytes() > 0 && cache.bytes() <= cache.maxBytes());
        }
    }

    @Test
    void cacheStaysWithinItsByteBoundAndCompressesLargeEntries() {
        ChunkCache cache = new ChunkCache(1 << 20, 1024);
        double[] zeros = new double[16_384]; // 128 KiB of zeros: LZ4 packs it tightly
        for (int i = 0; i < 100; i++) {
            cache.put(new ChunkCache.Key("s", i, 16_384, 1), zeros, zeros.length);
        }
        assertTrue(cache.compressedEntries() >= 100);
        double[] back = new double[16_384];
        java.util.Arrays.fill(back, 1);
        assertTrue(cache.get(new ChunkCache.Key("s", 99, 16_384, 1), back));
        assertArrayEquals(zeros, back);
        Random rnd = new Random(3);
        double[] noise = new double[16_384];
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < noise.length; k++) {
                noise[k] = rnd.nextGaussian();
            }
            cache.put(new ChunkCache.Key("n", i, 16_384, 1), noise, noise.length);
        }
        assertTrue(cache.bytes() <= 1 << 20, "cache holds " + cache.bytes() + " bytes");
        assertFalse(cache.get(new ChunkCache.Key("missing", 0, 1, 1), back));
        assertTrue(cache.misses() >= 1);
    }

    @Test
    void workersServePreviewBeforeNextBeforePrefetch() throws Exception {
        try (ChunkWorkers one = new ChunkWorkers(1)) {
            CountDownLatch gate = new CountDownLatch(1);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            one.submit(ChunkWorkers.Priority.NEXT, () -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(50); // the single worker is now blocked; queue the rest behind it
            CountDownLatch done = new CountDownLatch(4);
            one.submit(ChunkWorkers.Priority.PREFETCH, () -> { order.add("prefetch-1"); done.countDown(); });
            one.submit(ChunkWorkers.Priority.NEXT, () -> { order.add("next"); done.countDown(); });
            one.submit(ChunkWorkers.Priority.PREFETCH, () -> { order.add("prefetch-2"); done.countDown(); });
            one.submit(ChunkWorkers.Priority.PREVIEW, () -> { order.add("preview"); done.countDown(); });
            gate.countDown();
            done.await();
            assertEquals(List.of("preview", "next", "prefetch-1", "prefetch-2"), order);
        }
    }

    @Test
    void strategySelectionFollowsSizeAndBudget() {
        PipelineSettings s = PipelineSettings.defaults();
        assertEquals(Strategy.STANDARD, StrategySelector.select(10_000_000, 1_000_000, 1, s, null).strategy());
        // small file but too many decoded samples for the budget
        assertEquals(Strategy.CHUNKED, StrategySelector.select(90_000_000, 22_000_000, 1, s, null).strategy());
        assertEquals(Strategy.CHUNKED, StrategySelector.select(500_000_000, 100_000_000, 1, s, null).strategy());
        assertEquals(Strategy.MEMORY_MAPPED, StrategySelector.select(3_000_000_000L, 750_000_000, 1, s, null).strategy());
        assertEquals(Strategy.PROGRESSIVE, StrategySelector.select(10, 1, 1, s, Strategy.PROGRESSIVE).strategy());
        StrategyChoice refused = StrategySelector.select(3_000_000_000L, 750_000_000, 1, s, Strategy.STANDARD);
        assertEquals(Strategy.CHUNKED, refused.strategy());
        assertTrue(refused.reason().contains("exceeds a job's share of the memory budget"), refused.reason());
    }

    @Test
    void wholeSignalMethodsAreRefusedWhenTheInputExceedsAJobsShare() throws Exception {
        long mib = PipelineSettings.MIB;
        PipelineSettings small = new PipelineSettings(3 * mib, 64 * 1024, 1, 1, mib, 2 * mib, mib, 1);
        Pipeline pipeline = new Pipeline(small, null, workers);
        // every method of the registry streams now; a whole-signal method that says nothing of how refuses
        var wavelet = new FilterSpec.Whole("plain", x -> x);
        PipelineJob job = new PipelineJob(input, null, null, null, 500.0, fs -> List.of(wavelet), Strategy.MEMORY_MAPPED,
                OutputFormat.NPY, dir.resolve("w.npy"), dir.resolve("scratch-w"));
        io.vitalstream.error.TooLargeException e = assertThrows(io.vitalstream.error.TooLargeException.class,
                () -> pipeline.run(job, new RunControl(null), i -> { }, l -> { }));
        assertTrue(e.getMessage().contains("needs the whole signal in memory"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("w.npy")));
    }

    @Test
    void concurrentJobsShareTheBudget() {
        long mib = PipelineSettings.MIB;
        PipelineSettings four = new PipelineSettings(256 * mib, 16 * mib, 2, 2, 100 * mib, 2048 * mib, 32 * mib, 4);
        // every job's chunk buffers (prefetch + 4 chunks) together with the cache stay within the budget
        assertTrue(4 * (four.prefetch() + 4L) * four.effectiveChunkBytes() + four.cacheBytes() <= four.memoryBudget());
        assertEquals(2 * mib, PipelineSettings.defaults().effectiveChunkBytes());
    }

    @Test
    void forcedResultsEqualPageCacheResults() throws Exception {
        var sos = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 4, new double[] {40}, 500, 1, 40);
        PipelineSettings d = PipelineSettings.defaults();
        byte[][] results = new byte[2][];
        for (boolean fsync : new boolean[] {false, true}) {
            PipelineSettings settings = new PipelineSettings(d.memoryBudget(), d.chunkBytes(), d.workers(), d.prefetch(),
                    d.standardMaxBytes(), d.chunkedMaxBytes(), d.cacheBytes(), d.concurrentJobs(), fsync);
            Path result = dir.resolve("fsync-" + fsync + "/result.npy");
            Files.createDirectories(result.getParent());
            new Pipeline(settings, null, workers).run(new PipelineJob(input, null, null, null, 500.0,
                    fs -> List.of(new FilterSpec.Iir(sos, true)), Strategy.MEMORY_MAPPED, OutputFormat.NPY, result,
                    result.resolveSibling("scratch")), new RunControl(null), i -> { }, l -> { });
            assertFalse(Files.exists(result.resolveSibling("result.npy.part")));
            results[fsync ? 1 : 0] = Files.readAllBytes(result);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[1]);
    }

    @Test
    void cancelStopsWithinOneChunkPublishesNothingAndRemovesScratch() throws Exception {
        var sos = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 4, new double[] {40}, 500, 1, 40);
        Pipeline pipeline = new Pipeline(PipelineSettings.defaults().withChunkBytes(1000 * 8 * 8), null, workers);
        Path result = dir.resolve("out/result.npy");
        Files.createDirectories(result.getParent());
        AtomicInteger chunksAfterCancel = new AtomicInteger(-1);
        RunControl[] holder = {null};
        RunControl counting = new RunControl((done, total, message) -> {
            // the first report with work left (how many tasks there are depends on the CPU's
            // vector width: 4 reports with 8-double vectors, 8 with 4-double ones)
            if (chunksAfterCancel.get() < 0 && done >= 1 && done < total) {
                holder[0].cancel();
                chunksAfterCancel.set(0);
            } else if (chunksAfterCancel.get() >= 0) {
                chunksAfterCancel.incrementAndGet();
            }
        });
        holder[0] = counting;
        PipelineJob job = new PipelineJob(input, null, null, null, 500.0, fs -> List.of(new FilterSpec.Iir(sos, true)),
                Strategy.MEMORY_MAPPED, OutputFormat.NPY, result, dir.resolve("scratch"));
        assertThrows(CancelledException.class, () -> pipeline.run(job, counting, i -> { }, l -> { }));
        assertEquals(0, chunksAfterCancel.get(), "no chunk finished after the cancel");
        assertFalse(Files.exists(result));
        assertFalse(Files.exists(dir.resolve("out/result.npy.part")));
        try (Stream<Path> left = Files.list(dir.resolve("scratch"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void causalResultStreamsWhileRunningAndIsPublishedAtomically() throws Exception {
        var sos = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 4, new double[] {40}, 500, 1, 40);
        Pipeline pipeline = new Pipeline(PipelineSettings.defaults().withChunkBytes(2000 * 8 * 8), null, workers);
        Path result = dir.resolve("result.npy");
        AtomicReference<byte[]> streamed = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger seenBeforePublish = new AtomicInteger();
        Thread[] reader = {null};
        PipelineJob job = new PipelineJob(input, null, null, null, 500.0, fs -> List.of(new FilterSpec.Iir(sos, false)),
                Strategy.PROGRESSIVE, OutputFormat.NPY, result, dir.resolve("scratch"));
        RunControl control = new RunControl((done, total, message) -> {
            if (done == total / 2) {
                seenBeforePublish.set(Files.exists(result) ? -1 : 1);
            }
        });
        pipeline.run(job, control, info -> assertEquals(Strategy.PROGRESSIVE, info.strategy().strategy()), live -> {
            reader[0] = new Thread(() -> {
                try (InputStream in = live.openLive()) {
                    streamed.set(in.readAllBytes());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader[0].start();
        });
        reader[0].join(10_000);
        assertEquals(null, failure.get());
        assertEquals(1, seenBeforePublish.get(), "the result was not visible under its name mid-run");
        assertArrayEquals(Files.readAllBytes(result), streamed.get());
    }
}
