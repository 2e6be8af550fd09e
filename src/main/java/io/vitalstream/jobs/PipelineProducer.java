package io.vitalstream.jobs;

import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.pipeline.ChunkCache;
import io.vitalstream.pipeline.ChunkWorkers;
import io.vitalstream.pipeline.Pipeline;
import io.vitalstream.pipeline.PipelineSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The pipeline's shared parts, sized from the configuration. */
@ApplicationScoped
public class PipelineProducer {

    @Produces
    @Singleton
    PipelineSettings settings(VitalStreamConfig config) {
        long mib = PipelineSettings.MIB;
        long budget = config.maxMemoryMb() * mib;
        return new PipelineSettings(budget, config.chunkSizeMb() * mib, config.maxWorkers(), 2,
                config.strategy().standardMaxMb() * mib, config.strategy().chunkedMaxMb() * mib, budget / 8,
                Math.max(1, config.maxConcurrentJobs()), config.fsyncResults(), config.maxWork());
    }

    @Produces
    @Singleton
    ChunkCache cache(PipelineSettings settings) {
        return new ChunkCache(settings.cacheBytes(), 1 << 20);
    }

    @Produces
    @Singleton
    ChunkWorkers workers(PipelineSettings settings) {
        return new ChunkWorkers(settings.workers());
    }

    void close(@Disposes ChunkWorkers workers) {
        workers.close();
    }

    @Produces
    @Singleton
    Pipeline pipeline(PipelineSettings settings, ChunkCache cache, ChunkWorkers workers) {
        return new Pipeline(settings, cache, workers);
    }
}
