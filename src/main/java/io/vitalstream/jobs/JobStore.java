package io.vitalstream.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Job folders under {@code <data-dir>/jobs/<id>/}: {@code job.json} (the record, replaced
 * atomically), {@code result.<ext>} once published, {@code scratch/} while running.
 */
public final class JobStore {

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public JobStore(Path dataDir) {
        this.root = dataDir.resolve("jobs");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path folder(String id) {
        return root.resolve(id);
    }

    public Path scratch(String id) {
        return folder(id).resolve("scratch");
    }

    public synchronized void save(JobRecord record) {
        Path dir = folder(record.requestId());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("job.json.tmp");
            json.writeValue(tmp.toFile(), record);
            Files.move(tmp, dir.resolve("job.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of one job, if its folder has one. */
    public java.util.Optional<JobRecord> load(String id) {
        Path f = folder(id).resolve("job.json");
        if (!Files.isRegularFile(f)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(json.readValue(f.toFile(), JobRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record as its job.json holds it (what the cluster store keeps too). */
    String toJson(JobRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JobRecord fromJson(String text) {
        try {
            return json.readValue(text, JobRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every persisted record (unreadable ones are skipped and reported). */
    public List<JobRecord> loadAll(List<String> problems) {
        List<JobRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path f = d.resolve("job.json");
                if (Files.isRegularFile(f)) {
                    try {
                        out.add(json.readValue(f.toFile(), JobRecord.class));
                    } catch (IOException e) {
                        problems.add(f + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Removes the scratch folder and any unpublished {@code .part} file of a job. */
    public void clearPartial(String id) {
        Path dir = folder(id);
        if (!Files.isDirectory(dir)) {
            return;
        }
        deleteTree(scratch(id));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
