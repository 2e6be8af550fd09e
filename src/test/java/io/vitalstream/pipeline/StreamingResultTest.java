package io.vitalstream.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A live reader gets every byte whenever it comes: before, during or after the publish. */
class StreamingResultTest {

    @TempDir
    Path dir;

    private StreamingResult written(byte[] bytes) throws IOException {
        StreamingResult r = new StreamingResult(dir.resolve("result.raw"), 0, 4);
        Files.write(r.part(), bytes);
        return r;
    }

    @Test
    void aReaderOpenedBeforeThePublishReadsAcrossTheRename() throws IOException {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8};
        StreamingResult r = written(bytes);
        try (InputStream in = r.openLive()) {
            r.committed(1);
            assertArrayEquals(new byte[] {1, 2, 3, 4}, in.readNBytes(4));
            r.publish(false);
            assertArrayEquals(new byte[] {5, 6, 7, 8}, in.readAllBytes());
        }
    }

    @Test
    void aReaderOpenedAfterThePublishReadsThePublishedFile() throws IOException {
        byte[] bytes = {9, 8, 7, 6};
        StreamingResult r = written(bytes);
        r.publish(false);
        assertFalse(Files.exists(r.part()));
        try (InputStream in = r.openLive()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void aReaderOfADiscardedResultIsToldSo() throws IOException {
        StreamingResult r = written(new byte[] {1, 2, 3, 4});
        InputStream early = r.openLive();
        r.discard();
        assertThrows(IOException.class, early::readAllBytes);
        early.close();
        assertThrows(IOException.class, r::openLive);
    }
}
