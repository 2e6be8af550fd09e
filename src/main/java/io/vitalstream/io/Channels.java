package io.vitalstream.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channel;

/** File operations whose I/O failure is not the caller's to handle (rethrown unchecked). */
public final class Channels {

    private Channels() {
    }

    /** A file operation that may fail with an IOException. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    public static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(Channel channel) {
        unchecked(channel::close);
    }
}
