package io.vitalstream.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstream.dsp.Fixtures;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.MalformedInputException;
import io.vitalstream.error.NotFoundException;
import io.vitalstream.error.UnsupportedFormatException;
import io.vitalstream.error.VitalStreamException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every reader against files from an independent writer (numpy, EDFlib, PhysioNet's tools), and against corrupt files. */
class ReadersTest {

    @TempDir
    Path tmp;

    private Path copy(String resource) throws IOException {
        Path p = tmp.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = ReadersTest.class.getResourceAsStream("/fixtures/" + resource)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static double[][] readAll(SignalSource s) {
        int n = (int) s.frames();
        int ch = s.channels();
        double[] buf = new double[n * ch];
        // in two uneven pieces, to exercise windowed reads
        int first = n / 3;
        s.read(0, first, buf, 0, ch);
        s.read(first, n - first, buf, first * ch, ch);
        double[][] out = new double[n][ch];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                out[i][c] = buf[i * ch + c];
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> numpyWrittenFilesDecodeExactly() {
        JsonNode expected = Fixtures.load("formats/expected.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                JsonNode meta = e.getValue();
                Path p = copy("formats/" + e.getKey());
                RawLayout raw = meta.get("format").asText().equals("raw")
                        ? new RawLayout(SampleType.parse(meta.get("dtype").asText()), meta.get("channels").asInt(), ByteOrder.LITTLE_ENDIAN)
                        : null;
                for (Access access : Access.values()) {
                    try (SignalSource s = SignalFiles.open(p, null, raw, null, access, tmp.resolve("csv-" + access + ".f64"))) {
                        assertEquals(meta.get("frames").asLong(), s.frames());
                        assertEquals(meta.get("channels").asInt(), s.channels());
                        double[] want = Fixtures.doubles(meta.get("values"));
                        double[][] got = readAll(s);
                        for (int i = 0; i < got.length; i++) {
                            for (int c = 0; c < got[i].length; c++) {
                                assertEquals(want[i * s.channels() + c], got[i][c], 0.0, e.getKey() + " frame " + i + " channel " + c);
                            }
                        }
                        if (meta.has("fs")) {
                            assertEquals(meta.get("fs").asDouble(), s.samplingRate().orElseThrow(), 1e-9);
                            assertEquals(List.of("ecg", "ppg", "resp"), s.channelNames());
                        }
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void channelSubsetPicksColumnsInTheGivenOrder() throws IOException {
        Path p = copy("formats/v2_f8_2d.npy");
        try (SignalSource all = SignalFiles.open(p, null, null, null, Access.MAPPED, null);
             SignalSource some = SignalFiles.open(p, null, null, new int[] {2, 0}, Access.MAPPED, null)) {
            double[][] a = readAll(all);
            double[][] s = readAll(some);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i][2], s[i][0], 0.0);
                assertEquals(a[i][0], s[i][1], 0.0);
            }
        }
    }

    @Test
    void edfPlusFromEdflibDecodesToItsPhysicalValuesPerRateGroup() throws IOException {
        Path p = copy("edf/edfplus_mixed_rates.edf");
        JsonNode expected = Fixtures.load("edf/edfplus_mixed_rates.json").get("signals");
        try (SignalSource s = SignalFiles.open(p, null, null, null, Access.MAPPED, null)) {
            // the largest group of one rate: ECG and PPG at 256 Hz; the annotation signal is skipped
            assertEquals(2, s.channels());
            assertEquals(256.0, s.samplingRate().orElseThrow(), 0.0);
            assertEquals(List.of("ECG", "PPG"), s.channelNames());
            assertEquals(1024, s.frames());
            double[][] got = readAll(s);
            for (int c = 0; c < 2; c++) {
                double[] want = Fixtures.doubles(expected.get(c).get("values"));
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i][c], 1e-12 * Math.max(1, Math.abs(want[i])), "signal " + c + " sample " + i);
                }
            }
        }
        try (SignalSource resp = SignalFiles.open(p, null, null, new int[] {2}, Access.MAPPED, null)) {
            assertEquals(64.0, resp.samplingRate().orElseThrow(), 0.0);
            double[] want = Fixtures.doubles(expected.get(2).get("values"));
            double[][] got = readAll(resp);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i][0], 1e-12, "RESP sample " + i);
            }
        }
        InvalidParameterException mixed = assertThrows(InvalidParameterException.class,
                () -> SignalFiles.open(p, null, null, new int[] {0, 2}, Access.MAPPED, null));
        assertTrue(mixed.getMessage().contains("different sampling rates"), mixed.getMessage());
    }

    @Test
    void wfdbRecordsDecodeAsThePhysioNetReferenceDoes() throws IOException {
        JsonNode expected = Fixtures.load("wfdb/expected.json").get("records");
        for (String rec : List.of("100", "a01", "mgh001", "3000003_0001")) {
            Path hea = copy("wfdb/" + rec + ".hea");
            copy("wfdb/" + rec + ".dat");
            try (SignalSource s = SignalFiles.open(hea, null, null, null, Access.MAPPED, null)) {
                JsonNode rows = expected.get(rec);
                assertEquals(rows.size(), s.frames(), rec + " frames");
                assertEquals(rows.get(0).size(), s.channels(), rec + " channels");
                double[][] got = readAll(s);
                for (int i = 0; i < rows.size(); i++) {
                    for (int c = 0; c < s.channels(); c++) {
                        double want = rows.get(i).get(c).asDouble();
                        assertEquals(want, got[i][c], 1e-9 * Math.max(1, Math.abs(want)), rec + " frame " + i + " signal " + c);
                    }
                }
            }
        }
        try (SignalSource s = SignalFiles.open(tmp.resolve("mgh001.hea"), null, null, null, Access.MAPPED, null)) {
            assertEquals(360.0, s.samplingRate().orElseThrow(), 0.0);
        }
    }

    // ---- corrupt and unsupported inputs: each refused with an error that names the problem ----

    private void refuses(Class<? extends VitalStreamException> type, String phrase, Executable open) {
        VitalStreamException e = assertThrows(type, open);
        assertTrue(e.getMessage().contains(phrase), () -> "expected '" + phrase + "' in: " + e.getMessage());
    }

    private SignalSource open(Path p) {
        return SignalFiles.open(p, null, null, null, Access.MAPPED, tmp.resolve("scratch.f64"));
    }

    @Test
    void truncatedAndMalformedNpyAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(copy("formats/v1_f4_2d.npy"));
        Path cut = tmp.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(good, good.length - 7));
        refuses(MalformedInputException.class, "truncated", () -> open(cut));
        Path header = tmp.resolve("header.npy");
        Files.write(header, Arrays.copyOf(good, 40));
        refuses(MalformedInputException.class, "truncated inside the .npy header", () -> open(header));
        Path magic = tmp.resolve("magic.npy");
        byte[] bad = good.clone();
        bad[1] = 'X';
        Files.write(magic, bad);
        refuses(UnsupportedFormatException.class, "cannot tell the format", () -> open(magic));
        Path complex = tmp.resolve("complex.npy");
        Files.write(complex, new String(good, StandardCharsets.ISO_8859_1).replace("'<f4'", "'<c8'").getBytes(StandardCharsets.ISO_8859_1));
        refuses(UnsupportedFormatException.class, "dtype '<c8'", () -> open(complex));
        Path cube = tmp.resolve("cube.npy");
        Files.write(cube, new String(good, StandardCharsets.ISO_8859_1).replace("(50, 3)", "(5,10,3)").getBytes(StandardCharsets.ISO_8859_1));
        refuses(UnsupportedFormatException.class, "shape (5,10,3)", () -> open(cube));
        Path empty = tmp.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        refuses(MalformedInputException.class, "empty", () -> open(empty));
    }

    @Test
    void rawOfTheWrongSizeIsRefused() throws IOException {
        Path p = copy("formats/interleaved_i2_3ch.raw");
        refuses(MalformedInputException.class, "not a whole number of frames", () -> SignalFiles.open(p, null,
                new RawLayout(SampleType.INT32, 7, ByteOrder.LITTLE_ENDIAN), null, Access.MAPPED, null));
        refuses(InvalidParameterException.class, "raw_layout", () -> SignalFiles.open(p, InputFormat.RAW, null, null, Access.MAPPED, null));
    }

    @Test
    void truncatedAndMalformedEdfAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(copy("edf/edfplus_mixed_rates.edf"));
        Path cut = tmp.resolve("cut.edf");
        Files.write(cut, Arrays.copyOf(good, good.length - 100));
        refuses(MalformedInputException.class, "truncated: its header declares 4 data records", () -> open(cut));
        Path garbled = tmp.resolve("garbled.edf");
        byte[] bad = good.clone();
        System.arraycopy("ab  ".getBytes(StandardCharsets.US_ASCII), 0, bad, 252, 4);
        Files.write(garbled, bad);
        refuses(MalformedInputException.class, "number of signals is 'ab'", () -> open(garbled));
        Path shortHeader = tmp.resolve("short.edf");
        Files.write(shortHeader, Arrays.copyOf(good, 300));
        refuses(MalformedInputException.class, "truncated inside its header", () -> open(shortHeader));
        Path bdf = tmp.resolve("x.bdf");
        Files.write(bdf, good);
        refuses(UnsupportedFormatException.class, "BDF", () -> open(bdf));
    }

    @Test
    void truncatedAndUnsupportedWfdbAreRefused() throws IOException {
        Path hea = copy("wfdb/100.hea");
        Path dat = copy("wfdb/100.dat");
        Files.write(dat, Arrays.copyOf(Files.readAllBytes(dat), 20));
        refuses(MalformedInputException.class, "100.dat is truncated", () -> open(hea));
        Files.delete(dat);
        refuses(NotFoundException.class, "not next to it", () -> open(hea));
        Path fmt = tmp.resolve("fmt.hea");
        Files.writeString(fmt, "fmt 1 250 10\nfmt.dat 310 200 12 0 0 0 0 ECG\n");
        refuses(UnsupportedFormatException.class, "format 310", () -> open(fmt));
        Path garbled = tmp.resolve("garbled.hea");
        Files.writeString(garbled, "garbled x 250\n");
        refuses(MalformedInputException.class, "number of signals is 'x'", () -> open(garbled));
    }

    @Test
    void malformedCsvIsRefusedWithLineAndColumn() throws IOException {
        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "time,ecg\n0,1.0\n0.004,abc\n");
        refuses(MalformedInputException.class, "line 3, column 'ecg': 'abc' is not a number", () -> open(text));
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        refuses(MalformedInputException.class, "line 3 has 1 columns", () -> open(ragged));
        Path headerOnly = tmp.resolve("header.csv");
        Files.writeString(headerOnly, "a,b\n");
        refuses(MalformedInputException.class, "no rows", () -> open(headerOnly));
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "a\n1\nNaN\n");
        refuses(MalformedInputException.class, "is not a finite number", () -> open(nan));
    }

    @Test
    void unknownFormatsAskForTheFormat() throws IOException {
        Path p = tmp.resolve("mystery.xyz");
        Files.write(p, new byte[] {1, 2, 3, 4});
        refuses(UnsupportedFormatException.class, "give format", () -> open(p));
    }
}
