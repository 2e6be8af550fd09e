package io.vitalstream.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.NotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Uploads under {@code <data-dir>/uploads/}: bytes stream into {@code .incoming/<id>.part};
 * only when the body is complete is the file moved to {@code <id>/<filename>} and its
 * {@code upload.json} written (atomically), which is what makes the id valid. An aborted
 * upload leaves nothing under a valid id; leftovers are swept at start-up.
 */
public final class UploadStore {

    private static final Pattern ID = Pattern.compile("[0-9a-f\\-]{36}");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._\\-]");

    private final Path root;
    private final Path incoming;
    private final java.time.Duration sweepAge;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The uploads of one replica's data dir: leftovers of earlier runs are swept now. */
    public UploadStore(Path dataDir) {
        this(dataDir, java.time.Duration.ZERO);
    }

    /**
     * @param sweepAge leftovers older than this are swept at start-up; a data dir that replicas
     *                 share keeps younger ones, which may be another replica's upload in progress
     */
    public UploadStore(Path dataDir, java.time.Duration sweepAge) {
        this.sweepAge = sweepAge;
        this.root = dataDir.resolve("uploads");
        this.incoming = root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
            sweep();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new upload id and the part file its bytes go to. */
    public Map.Entry<String, Path> begin() {
        String id = UUID.randomUUID().toString();
        return Map.entry(id, incoming.resolve(id + ".part"));
    }

    /** Publishes a complete part file under its id. */
    public Upload complete(String id, Path part, String filename, long bytes, String sha256) {
        String name = safeName(filename);
        Path dir = root.resolve(id);
        try {
            // the user-named file in a folder of its own: no name can reach the metadata files
            Files.createDirectories(dir.resolve(FILES));
            Path file = dir.resolve(FILES).resolve(name);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            Upload u = new Upload(id, name, bytes, sha256, Instant.now(), file);
            Path tmp = dir.resolve("upload.json.tmp");
            json.writeValue(tmp.toFile(), Map.of("upload_id", id, "filename", name, "bytes", bytes, "sha256", sha256,
                    "created_at", u.createdAt().toString()));
            Files.move(tmp, dir.resolve("upload.json"), StandardCopyOption.ATOMIC_MOVE);
            return u;
        } catch (IOException e) {
            JobStore.deleteTree(dir);
            throw new UncheckedIOException(e);
        }
    }

    public void abort(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Upload find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new NotFoundException("no upload with id '" + id + "'");
        }
        Path meta = root.resolve(id).resolve("upload.json");
        if (!Files.isRegularFile(meta)) {
            throw new NotFoundException("no upload with id '" + id + "' (it never completed, or was removed)");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(meta.toFile(), Map.class);
            String name = (String) m.get("filename");
            Path file = root.resolve(id).resolve(FILES).resolve(name);
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                file = root.resolve(id).resolve(name); // uploads made before the files folder
            }
            return new Upload(id, name, ((Number) m.get("bytes")).longValue(), (String) m.get("sha256"),
                    Instant.parse((String) m.get("created_at")), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of an upload that holds the user-named file (the metadata sits beside it). */
    static final String FILES = "file";

    /** A file name without directories or odd characters (the upload's own folder holds it). */
    static String safeName(String filename) {
        String base = filename == null ? "" : filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = UNSAFE.matcher(base).replaceAll("_");
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.equals("upload.json")) {
            base = "upload.bin";
        }
        if (base.length() > 120) {
            base = base.substring(base.length() - 120);
        }
        return base;
    }

    public static void requireFilename(String filename) {
        if (filename != null && filename.length() > 1000) {
            throw new InvalidParameterException("filename", "filename is too long");
        }
    }

    /** Removes part files and folders without metadata (uploads that never completed). */
    private void sweep() throws IOException {
        try (Stream<Path> parts = Files.list(incoming)) {
            for (Path p : parts.toList()) {
                if (stale(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> Files.isDirectory(p) && ID.matcher(p.getFileName().toString()).matches()).toList()) {
                if (!Files.isRegularFile(d.resolve("upload.json")) && stale(d)) {
                    JobStore.deleteTree(d);
                }
            }
        }
    }

    private boolean stale(Path p) throws IOException {
        return sweepAge.isZero()
                || Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(sweepAge));
    }
}
