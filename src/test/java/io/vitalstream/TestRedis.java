package io.vitalstream;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for a test, on a free loopback port, without persistence (a
 * restart starts empty, as an outage without AOF would). {@code bin/test} installs Debian's.
 */
public final class TestRedis {

    public final int port;
    private Process process;

    private TestRedis(int port) {
        this.port = port;
    }

    /** Whether redis-server is on the PATH; under CI (the variable CI set) its absence is an error, not a skip. */
    public static boolean installed() {
        boolean have = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "redis-server")));
        if (!have && System.getenv("CI") != null) {
            throw new AssertionError("redis-server is missing (bin/test installs it)");
        }
        return have;
    }

    /** A server on a free port, answering when this returns. */
    public static TestRedis start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TestRedis r = new TestRedis(port);
        r.restart();
        return r;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port (empty). */
    public void restart() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("redis-server did not start on port " + port);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server (SIGKILL: no last save, clients see the connection drop). */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
