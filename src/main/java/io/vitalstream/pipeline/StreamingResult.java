package io.vitalstream.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A result file being written: the output goes to {@code <name>.part}; readers may stream
 * the prefix already committed (causal filters commit chunks in order) while later chunks
 * are still running; only success publishes it under its final name, by atomic rename.
 * A failed or cancelled run deletes the part file, so no partial output is ever visible
 * under the result's name.
 */
public final class StreamingResult {

    private final Path part;
    private final Path target;
    private final long headerBytes;
    private final long frameBytes;
    private long committedFrames;
    private boolean finished;
    private boolean failed;

    public StreamingResult(Path target, long headerBytes, long frameBytes) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.headerBytes = headerBytes;
        this.frameBytes = frameBytes;
    }

    public Path part() {
        return part;
    }

    public Path target() {
        return target;
    }

    synchronized void committed(long frames) {
        if (frames > committedFrames) {
            committedFrames = frames;
            notifyAll();
        }
    }

    public synchronized long committedFrames() {
        return committedFrames;
    }

    /** Moves the part file to its final name atomically, after forcing it to disk when asked. */
    public synchronized void publish(boolean force) {
        if (force) {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finished = true;
        notifyAll();
    }

    public synchronized void discard() {
        failed = true;
        OutOfCore.deleteQuietly(part);
        notifyAll();
    }

    /**
     * The bytes written so far, then more as chunks commit, until the result is published
     * (or fails: the stream then ends with an IOException). A reader that comes after the
     * publish reads the published file: opening and publishing exclude each other, and a
     * channel opened on the part file keeps reading it across the rename.
     */
    public InputStream openLive() throws IOException {
        FileChannel ch;
        synchronized (this) {
            if (failed) {
                throw new IOException("the job did not complete; its result was discarded");
            }
            ch = FileChannel.open(finished ? target : part, StandardOpenOption.READ);
        }
        return new InputStream() {
            private long pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int r = read(one, 0, 1);
                return r < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long available;
                synchronized (StreamingResult.this) {
                    while (true) {
                        if (failed) {
                            throw new IOException("the job did not complete; its result was discarded");
                        }
                        available = finished ? ch.size() : headerBytes + committedFrames * frameBytes;
                        if (pos < available || finished) {
                            break;
                        }
                        try {
                            StreamingResult.this.wait(500);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted");
                        }
                    }
                }
                if (pos >= available) {
                    return -1;
                }
                int n = (int) Math.min(len, available - pos);
                int r = ch.read(ByteBuffer.wrap(b, off, n), pos);
                if (r > 0) {
                    pos += r;
                }
                return r;
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
