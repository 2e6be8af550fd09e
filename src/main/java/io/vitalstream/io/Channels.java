package io.vitalstream.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channel;

/** Closing a file channel where an I/O failure is not the caller's to handle. */
final class Channels {

    private Channels() {
    }

    static void close(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
