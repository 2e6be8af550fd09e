package io.vitalstream.jobs;

import java.nio.file.Path;
import java.time.Instant;

/** A stored upload: the file under its (sanitised) original name, its size and SHA-256. */
public record Upload(String uploadId, String filename, long bytes, String sha256, Instant createdAt, Path file) {
}
