package io.vitalstream.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The start-up warm-up runs every path it names (in memory, and the time-parallel job path on
 * 8- and 1-channel files, chunked and memory-mapped) without an error, and leaves nothing in
 * its scratch directory.
 */
class EngineWarmupTest {

    @TempDir
    Path dir;

    @Test
    void runsEveryPathAndCleansUp() throws IOException {
        EngineWarmup.run(dir);
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the warm-up's files are deleted");
        }
    }
}
