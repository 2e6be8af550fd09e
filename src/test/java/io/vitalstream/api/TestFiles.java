package io.vitalstream.api;

import io.restassured.response.Response;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;

/** Small recordings written for the API tests, and helpers to upload and wait for jobs. */
final class TestFiles {

    private TestFiles() {
    }

    /** A float32 (frames, channels) .npy with a 1.2 Hz beat, 50 Hz mains and noise. */
    static byte[] npy(int frames, int channels, long seed) {
        try {
            Path p = Files.createTempFile("vs-test", ".npy");
            Random rnd = new Random(seed);
            double[] data = new double[frames * channels];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    data[i * channels + c] = Math.sin(2 * Math.PI * 1.2 * i / 500.0) * (c + 1)
                            + 0.3 * Math.sin(2 * Math.PI * 50 * i / 500.0) + 0.1 * rnd.nextGaussian();
                }
            }
            try (BinaryWriter w = BinaryWriter.npy(p, SampleType.FLOAT32, channels, frames, false)) {
                w.write(0, frames, data, 0, channels);
            }
            byte[] bytes = Files.readAllBytes(p);
            Files.delete(p);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float32 samples of a (frames, channels) .npy, frame-major. */
    static float[] npyData(byte[] npy) {
        int headerLen = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        ByteBuffer b = ByteBuffer.wrap(npy, 10 + headerLen, npy.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static String upload(byte[] body, String filename) {
        return given().contentType("application/octet-stream").body(body).queryParam("filename", filename)
                .post("/api/uploads").then().statusCode(201).extract().path("upload_id");
    }

    static String submit(Map<String, Object> request) {
        return given().contentType("application/json").body(request).post("/api/filtering/jobs")
                .then().statusCode(202).extract().path("request_id");
    }

    static Response waitFor(String id, String... states) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response r = given().get("/api/filtering/jobs/" + id);
            String state = r.path("state");
            for (String s : states) {
                if (s.equals(state)) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " still " + state + " after 60 s: " + r.asString());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
