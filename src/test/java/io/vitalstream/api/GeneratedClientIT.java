package io.vitalstream.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.vitalstream.client.ApiClient;
import io.vitalstream.client.ApiException;
import io.vitalstream.client.api.FilteringResourceApi;
import io.vitalstream.client.api.JobsResourceApi;
import io.vitalstream.client.api.MethodsResourceApi;
import io.vitalstream.client.api.ToolsResourceApi;
import io.vitalstream.client.api.UploadsApi;
import io.vitalstream.client.model.FilterParameters;
import io.vitalstream.client.model.FilterRequest;
import io.vitalstream.client.model.FilterResponse;
import io.vitalstream.client.model.Input;
import io.vitalstream.client.model.JobAccepted;
import io.vitalstream.client.model.JobRequest;
import io.vitalstream.client.model.JobStatus;
import io.vitalstream.client.model.UploadCreated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java client that the build generates from docs/openapi.json (which
 * OpenApiDocumentTest keeps equal to /q/openapi), against the packaged service: it filters a
 * signal, uploads a file, runs a job and downloads its result, so the document is complete
 * enough for a client that knows nothing else.
 */
@QuarkusIntegrationTest
class GeneratedClientIT {

    @TempDir
    Path dir;

    private static ApiClient client() {
        ApiClient c = new ApiClient();
        c.updateBaseUri(RestAssured.baseURI + ":" + RestAssured.port);
        return c;
    }

    private static FilterParameters lowpass() {
        return new FilterParameters().filterType("lowpass").highFreq(20.0).filterOrder(4);
    }

    @Test
    void theGeneratedClientFiltersASignal() throws Exception {
        List<Object> signal = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            signal.add(Math.sin(2 * Math.PI * 1.2 * i / 500) + 0.5 * Math.sin(2 * Math.PI * 50 * i / 500));
        }
        FilterResponse r = new FilteringResourceApi(client())
                .filter(new FilterRequest().signalData(signal).samplingFreq(500.0).filterParams(lowpass()));
        assertEquals(Boolean.TRUE, r.getSuccess());
        assertEquals(5000, r.getFilteredSignal().size());
        double worst = 0;
        for (int i = 500; i < 4500; i++) {
            worst = Math.max(worst, Math.abs(((Number) r.getFilteredSignal().get(i)).doubleValue() - Math.sin(2 * Math.PI * 1.2 * i / 500)));
        }
        assertTrue(worst < 0.05, "the 50 Hz hum is gone: " + worst);
        assertEquals(5, new MethodsResourceApi(client()).methods().getCategories().size());
    }

    @Test
    void theGeneratedClientUploadsRunsAJobAndDownloadsTheResult() throws Exception {
        int frames = 4000;
        byte[] npy = TestFiles.npy(frames, 2, 7);
        Path file = dir.resolve("two.npy");
        Files.write(file, npy);
        // The generator's native library serialises a File body as JSON (its path) whatever the
        // declared media type; the upload operation is used as generated, its body set to the
        // file's bytes through the client's request interceptor.
        ApiClient uploads = client();
        uploads.setRequestInterceptor(b -> {
            try {
                b.POST(java.net.http.HttpRequest.BodyPublishers.ofFile(file));
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        UploadCreated up = new UploadsApi(uploads).upload(file.toFile(), "two.npy");
        assertEquals(npy.length, up.getBytes());

        JobsResourceApi jobs = new JobsResourceApi(client());
        JobAccepted accepted = jobs.submit(new JobRequest().input(new Input().uploadId(up.getUploadId()))
                .samplingFreq(500.0).filterParams(lowpass()));
        assertNotNull(accepted.getRequestId());
        JobStatus status = jobs.status(accepted.getRequestId());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"completed".equals(status.getState()) && System.nanoTime() < deadline) {
            assertTrue(List.of("queued", "running").contains(status.getState()), "job state " + status.getState() + ": " + status.getError());
            Thread.sleep(50);
            status = jobs.status(accepted.getRequestId());
        }
        assertEquals("completed", status.getState());
        File result = jobs.result(accepted.getRequestId(), null);
        float[] filtered = TestFiles.npyData(Files.readAllBytes(result.toPath()));
        assertEquals(frames * 2, filtered.length);

        // the job's output is the synchronous endpoint's on the same channels, rounded to float32
        float[] input = TestFiles.npyData(npy);
        List<Object> channels = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            List<Double> ch = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                ch.add((double) input[i * 2 + c]);
            }
            channels.add(ch);
        }
        FilterResponse sync = new FilteringResourceApi(client())
                .filter(new FilterRequest().signalData(channels).samplingFreq(500.0).filterParams(lowpass()));
        float[] expected = new float[frames * 2];
        for (int c = 0; c < 2; c++) {
            List<?> ch = (List<?>) sync.getFilteredSignal().get(c);
            for (int i = 0; i < frames; i++) {
                expected[i * 2 + c] = ((Number) ch.get(i)).floatValue();
            }
        }
        assertArrayEquals(expected, filtered);

        // errors arrive as ApiException with the problem+json body
        ApiException conflict = assertThrows(ApiException.class, () -> jobs.cancel(accepted.getRequestId()));
        assertEquals(409, conflict.getCode());
        assertTrue(conflict.getResponseBody().contains("already completed"), conflict.getResponseBody());
        assertEquals(500.0, new ToolsResourceApi(client()).example("ecg-2ch").getSamplingFreq());
    }
}
