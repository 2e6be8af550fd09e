package io.vitalstream.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web page in a real browser (src/test/ui/ui-test.mjs: playwright-core driving Debian's
 * chromium, headless) against this service with its token enabled: upload, invalid field,
 * a job to 100 %, both traces drawn, frequency response, quality, a cancelled job, keyboard,
 * phone width. Screenshots go to target/ui-screenshots. bin/test installs chromium and the
 * npm package; elsewhere the test is skipped unless CI is set.
 */
@QuarkusTest
@TestProfile(WebPageBrowserTest.WithToken.class)
class WebPageBrowserTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitalstream.api-token", "ui-secret", "vitalstream.chunk-delay-ms", "150");
        }
    }

    @TestHTTPResource("/")
    URL page;

    @Test
    void theWebPageRunsAJobCancelsAnotherAndPlotsBothTraces() throws Exception {
        boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isDirectory(Path.of("src/test/ui/node_modules/playwright-core"));
        if (System.getenv("CI") == null) {
            assumeTrue(ready, "chromium or playwright-core missing (bin/test installs them)");
        }
        Path input = Path.of("target/ui-input.npy");
        Files.write(input, TestFiles.npy(60_000, 2, 77));
        Process p = new ProcessBuilder("node", "src/test/ui/ui-test.mjs", page.toString(), "ui-secret", "target/ui-screenshots",
                input.toString()).redirectErrorStream(true).redirectOutput(Path.of("target/ui-test.log").toFile()).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String log = Files.readString(Path.of("target/ui-test.log"));
        System.out.println(log);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, log);
    }
}
