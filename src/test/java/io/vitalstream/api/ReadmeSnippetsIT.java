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

    /** Runs a README Python block with /usr/bin/python3 (its Debian modules installed by bin/test; only a run outside CI may lack them). */
    private String runPython(String block, String modules) throws Exception {
        Assumptions.assumeTrue(python(modules) || System.getenv("CI") != null, "python3 modules missing: " + modules);
        Path file = dir.resolve(block + ".py");
        Files.writeString(file, snippet(block));
        return run(List.of("/usr/bin/python3", file.toString(), base()));
    }

    /** Runs a README Node block: Node 20 needs the flag for its WebSocket; 22 and later have it built in (and may drop the flag). */
    private String runNode(String block) throws Exception {
        Path file = dir.resolve(block + ".mjs");
        Files.writeString(file, snippet(block));
        Process v = new ProcessBuilder("node", "-p", "process.versions.node.split('.')[0]").start();
        int major = Integer.parseInt(new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        return run(major < 22 ? List.of("node", "--experimental-websocket", file.toString(), base()) : List.of("node", file.toString(), base()));
    }

    private static double humLeft(String out) {
        Matcher hum = Pattern.compile("hum left: ([0-9.e-]+)").matcher(out);
        assertTrue(hum.find(), out);
        return Double.parseDouble(hum.group(1));
    }

    @Test
    void thePythonExampleRuns() throws Exception {
        String out = runPython("python", "requests, websockets, numpy");
        assertTrue(out.contains("result (5000, 2) float32"), out);
        assertTrue(humLeft(out) < 0.05, "the 50 Hz hum is filtered out: " + out);
    }

    @Test
    void theNodeExampleRuns() throws Exception {
        String out = runNode("node");
        assertTrue(out.contains("completed"), out); // and the snippet itself checks the result's size
    }

    @Test
    void thePythonLiveStreamExampleRuns() throws Exception {
        String out = runPython("python_live", "websockets, numpy");
        assertTrue(out.contains("stream_ready latency 0 samples") && out.contains("filtered (2500, 2)"), out);
        assertTrue(humLeft(out) < 0.01, "the 50 Hz hum is filtered out live: " + out);
    }

    @Test
    void theNodeLiveStreamExampleRuns() throws Exception {
        String out = runNode("node_live");
        assertTrue(out.contains("500 frames filtered"), out);
    }
}
