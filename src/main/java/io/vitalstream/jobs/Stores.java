package io.vitalstream.jobs;

import io.vitalstream.config.VitalStreamConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data dir and the stores kept in it (uploads, job records), made once and injected where needed. */
@Singleton
public class Stores {

    private final Path dataDir;
    private final UploadStore uploads;
    private final JobStore jobs;
    private final InputResolver inputs;

    @Inject
    Stores(VitalStreamConfig config) {
        dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + dataDir, e);
        }
        // replicas share the data dir in cluster mode: only leftovers an hour old are swept then
        uploads = new UploadStore(dataDir, config.cluster().redisUrl().isPresent() ? java.time.Duration.ofHours(1)
                : java.time.Duration.ZERO);
        jobs = new JobStore(dataDir);
        inputs = new InputResolver(dataDir, uploads);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Produces
    @Singleton
    UploadStore uploads() {
        return uploads;
    }

    @Produces
    @Singleton
    JobStore jobStore() {
        return jobs;
    }

    @Produces
    @Singleton
    InputResolver inputs() {
        return inputs;
    }
}
