package io.vitalstream.jobs;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.NotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a job's input lives: an upload, or a path inside the data dir. Anything that leaves
 * the data dir — absolute paths, '..', symbolic links pointing out — is refused.
 */
final class InputResolver {

    private final Path dataDir;
    private final UploadStore uploads;

    InputResolver(Path dataDir, UploadStore uploads) {
        this.dataDir = dataDir;
        this.uploads = uploads;
    }

    /**
     * The file to open. Companion uploads (e.g. a WFDB .dat) are linked beside the main
     * upload's file in the job's own input folder, under their original names.
     */
    Path resolve(JobSpec spec, Path jobInputDir) {
        boolean byUpload = spec.uploadId() != null && !spec.uploadId().isBlank();
        boolean byPath = spec.path() != null && !spec.path().isBlank();
        if (byUpload == byPath) {
            throw new InvalidParameterException("input", "input needs exactly one of upload_id or path");
        }
        if (byPath) {
            return insideDataDir(spec.path());
        }
        Upload main = uploads.find(spec.uploadId());
        List<String> companions = spec.companionUploads() == null ? List.of() : spec.companionUploads();
        if (companions.isEmpty()) {
            return main.file();
        }
        try {
            Files.createDirectories(jobInputDir);
            Path mainLink = link(main, jobInputDir);
            for (String id : companions) {
                link(uploads.find(id), jobInputDir);
            }
            return mainLink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path link(Upload u, Path dir) throws IOException {
        Path target = dir.resolve(u.filename());
        if (!Files.exists(target)) {
            try {
                Files.createLink(target, u.file());
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(u.file(), target);
            }
        }
        return target;
    }

    Path insideDataDir(String relative) {
        Path p;
        try {
            p = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new InvalidParameterException("input.path", "input.path is not a valid path: " + e.getMessage());
        }
        if (p.isAbsolute()) {
            throw new InvalidParameterException("input.path", "input.path must be relative to the data dir, not absolute: " + relative);
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw new InvalidParameterException("input.path", "input.path may not leave the data dir ('..' in " + relative + ")");
            }
        }
        try {
            Path root = dataDir.toRealPath();
            Path candidate = root.resolve(p).normalize();
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("no file '" + relative + "' in the data dir");
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new NotFoundException("input.path '" + relative + "' is a link to nothing (" + e.getMessage() + ")");
            }
            if (!real.startsWith(root)) {
                throw new InvalidParameterException("input.path", "input.path '" + relative + "' leads outside the data dir (through a link)");
            }
            if (!Files.isRegularFile(real)) {
                throw new InvalidParameterException("input.path", "input.path '" + relative + "' is not a regular file");
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
