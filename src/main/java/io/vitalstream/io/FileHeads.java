package io.vitalstream.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads the first bytes of a file, where formats keep their headers. */
final class FileHeads {

    private FileHeads() {
    }

    static byte[] read(FileChannel channel, long max) throws IOException {
        int n = (int) Math.min(max, Math.min(channel.size(), Integer.MAX_VALUE - 16));
        ByteBuffer buf = ByteBuffer.allocate(n);
        long pos = 0;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        byte[] out = new byte[buf.position()];
        System.arraycopy(buf.array(), 0, out, 0, out.length);
        return out;
    }
}
