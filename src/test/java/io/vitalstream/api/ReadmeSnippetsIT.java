package io.vitalstream.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's client examples, run as a user would run them, against the packaged service:
 * the fenced block under each {@code <!-- run: python -->} / {@code <!-- run: node -->} marker.
 */
@QuarkusIntegrationTest
class ReadmeSnippetsIT {

    private static final Pattern BLOCK = Pattern.compile("<!-- run: (\\w+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static String snippet(String language) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            if (m.group(1).equals(language)) {
                return m.group(2);
            }
        }
        throw new AssertionError("README.md has no <!-- run: " + language + " --> block");
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "timed out: " + out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    private static boolean python(String modules) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + modules).redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void thePythonExampleRuns() throws Exception {
        boolean present = python("requests, websockets, numpy");
        // bin/test installs them; only a run outside CI may lack them
        Assumptions.assumeTrue(present || System.getenv("CI") != null, "python3-requests/websockets/numpy are not installed");
        Path file = dir.resolve("client.py");
        Files.writeString(file, snippet("python"));
        String out = run(List.of("/usr/bin/python3", file.toString(), base()));
        assertTrue(out.contains("result (5000, 2) float32"), out);
        Matcher hum = Pattern.compile("hum left: ([0-9.e-]+)").matcher(out);
        assertTrue(hum.find(), out);
        assertTrue(Double.parseDouble(hum.group(1)) < 0.05, "the 50 Hz hum is filtered out: " + out);
    }

    @Test
    void theNodeExampleRuns() throws Exception {
        Path file = dir.resolve("client.mjs");
        Files.writeString(file, snippet("node"));
        // Node 20 needs the flag for its WebSocket; 22 and later have it built in (and may drop the flag)
        Process v = new ProcessBuilder("node", "-p", "process.versions.node.split('.')[0]").start();
        int major = Integer.parseInt(new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        List<String> command = major < 22 ? List.of("node", "--experimental-websocket", file.toString(), base())
                : List.of("node", file.toString(), base());
        String out = run(command);
        assertTrue(out.contains("completed"), out); // and the snippet itself checks the result's size
    }

    @Test
    void thePythonLiveStreamExampleRuns() throws Exception {
        boolean present = python("websockets, numpy");
        Assumptions.assumeTrue(present || System.getenv("CI") != null, "python3-websockets/numpy are not installed");
        Path file = dir.resolve("live.py");
        Files.writeString(file, snippet("python_live"));
        String out = run(List.of("/usr/bin/python3", file.toString(), base()));
        assertTrue(out.contains("stream_ready latency 0 samples") && out.contains("filtered (2500, 2)"), out);
        Matcher hum = Pattern.compile("hum left: ([0-9.e-]+)").matcher(out);
        assertTrue(hum.find(), out);
        assertTrue(Double.parseDouble(hum.group(1)) < 0.01, "the 50 Hz hum is filtered out live: " + out);
    }

    @Test
    void theNodeLiveStreamExampleRuns() throws Exception {
        Path file = dir.resolve("live.mjs");
        Files.writeString(file, snippet("node_live"));
        Process v = new ProcessBuilder("node", "-p", "process.versions.node.split('.')[0]").start();
        int major = Integer.parseInt(new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        String out = run(major < 22 ? List.of("node", "--experimental-websocket", file.toString(), base())
                : List.of("node", file.toString(), base()));
        assertTrue(out.contains("500 frames filtered"), out);
    }
}
