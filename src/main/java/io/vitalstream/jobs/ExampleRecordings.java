package io.vitalstream.jobs;

import io.vitalstream.error.NotFoundException;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Built-in example recordings, synthesised on request and stored as ordinary uploads, so a
 * new user can try the service without a file: realistic enough to show what the filters do
 * (baseline wander, mains hum, noise), not clinical data.
 */
public final class ExampleRecordings {

    /** What an example is: its description, sampling rate, channel count and duration. */
    public record Spec(String description, double samplingFreq, int channels, int seconds) {
    }

    /** name -> spec, in the order the page lists them. */
    public static final Map<String, Spec> CATALOG = new LinkedHashMap<>();

    static {
        CATALOG.put("ecg-2ch", new Spec("2-lead ECG, 500 Hz, 5 min, with 0.3 Hz baseline wander, 50 Hz mains and noise", 500.0, 2, 300));
        CATALOG.put("ppg-1ch", new Spec("PPG, 125 Hz, 10 min, with motion drift and noise", 125.0, 1, 600));
        CATALOG.put("eeg-8ch", new Spec("8-channel EEG, 256 Hz, 5 min: alpha rhythm, blinks, 50 Hz mains", 256.0, 8, 300));
    }

    private ExampleRecordings() {
    }

    public static Upload create(String name, UploadStore uploads) {
        Spec spec = spec(name);
        int channels = spec.channels();
        int n = (int) (spec.samplingFreq() * spec.seconds());
        double[] data = samples(name, n);
        Map.Entry<String, Path> target = uploads.begin();
        try (BinaryWriter w = BinaryWriter.npy(target.getValue(), SampleType.FLOAT32, channels, n, channels == 1)) {
            w.write(0, n, data, 0, channels);
        }
        try {
            byte[] bytes = Files.readAllBytes(target.getValue());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return uploads.complete(target.getKey(), target.getValue(), "example-" + name + ".npy", bytes.length, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Spec spec(String name) {
        Spec spec = CATALOG.get(name);
        if (spec == null) {
            throw new NotFoundException("no example '" + name + "'; examples are " + String.join(", ", CATALOG.keySet()));
        }
        return spec;
    }

    /** The first n frames of an example, interleaved (the same values its upload holds, before float32 rounding). */
    public static double[] samples(String name, int n) {
        Spec spec = spec(name);
        double fs = spec.samplingFreq();
        int channels = spec.channels();
        double[] data = new double[n * channels];
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        for (int i = 0; i < n; i++) {
            double t = i / fs;
            for (int c = 0; c < channels; c++) {
                data[i * channels + c] = switch (name) {
                    case "ecg-2ch" -> ecg(t) * (c == 0 ? 1 : 0.6) + 0.4 * Math.sin(2 * Math.PI * 0.3 * t + c)
                            + 0.15 * Math.sin(2 * Math.PI * 50 * t) + 0.05 * rnd.nextGaussian();
                    case "ppg-1ch" -> ppg(t) + 0.5 * Math.sin(2 * Math.PI * 0.05 * t) + 0.03 * rnd.nextGaussian();
                    default -> 20 * Math.sin(2 * Math.PI * 10 * t + c) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 0.1 * t))
                            + (c < 2 ? 150 * blink(t) : 0) + 5 * Math.sin(2 * Math.PI * 50 * t) + 8 * rnd.nextGaussian();
                };
            }
        }
        return data;
    }

    private static double ecg(double t) {
        double p = (t % (60.0 / 72)) / (60.0 / 72) * 0.833;
        double[][] waves = {{0.25, 0.15, 0.025}, {0.40, -0.12, 0.008}, {0.42, 1.2, 0.010}, {0.44, -0.25, 0.008}, {0.65, 0.3, 0.04}};
        double v = 0;
        for (double[] w : waves) {
            double d = (p - w[0]) / w[2];
            v += w[1] * Math.exp(-0.5 * d * d);
        }
        return v;
    }

    private static double ppg(double t) {
        double p = t % 0.8;
        return Math.exp(-Math.pow((p - 0.15) / 0.08, 2)) + 0.4 * Math.exp(-Math.pow((p - 0.4) / 0.1, 2));
    }

    private static double blink(double t) {
        double p = t % 7.3;
        return Math.exp(-Math.pow((p - 3) / 0.15, 2));
    }
}
