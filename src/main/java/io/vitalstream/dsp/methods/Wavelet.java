package io.vitalstream.dsp.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An orthogonal wavelet's decomposition filters (Daubechies db1-db10, symlets sym2-sym10,
 * coiflets coif1-coif5, haar), tabulated from PyWavelets by src/test/fixtures/make_fixtures.py
 * into wavelets/coefficients.json.
 */
public record Wavelet(String name, double[] decLo, double[] decHi) {

    private static final Map<String, Wavelet> TABLE = load();

    public static Wavelet named(String name) {
        Wavelet w = TABLE.get(name == null ? "db4" : name.toLowerCase(java.util.Locale.ROOT));
        if (w == null) {
            throw new IllegalArgumentException("unknown wavelet '" + name + "'; use one of " + String.join(", ", TABLE.keySet()));
        }
        return w;
    }

    public int length() {
        return decLo.length;
    }

    private static Map<String, Wavelet> load() {
        try (InputStream in = Wavelet.class.getResourceAsStream("/wavelets/coefficients.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Wavelet> m = new TreeMap<>();
            root.properties().forEach(e -> {
                if (e.getValue().has("dec_lo")) {
                    m.put(e.getKey(), new Wavelet(e.getKey(), doubles(e.getValue().get("dec_lo")), doubles(e.getValue().get("dec_hi"))));
                }
            });
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
