package io.vitalstream.dsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Reads the scipy fixtures written by src/test/fixtures/make_fixtures.py. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " missing: run src/test/fixtures/make_fixtures.py");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonNode array) {
        if (array.isTextual()) {
            ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(array.asText())).order(ByteOrder.LITTLE_ENDIAN);
            double[] out = new double[buf.remaining() / 8];
            buf.asDoubleBuffer().get(out);
            return out;
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }

    /** max |a - b| / scale, failing on length mismatch. */
    public static double maxError(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    public static double peak(double[] x) {
        double p = 0;
        for (double v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
