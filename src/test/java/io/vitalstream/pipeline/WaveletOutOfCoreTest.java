package io.vitalstream.pipeline;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.methods.Wavelet;
import io.vitalstream.dsp.methods.WaveletDenoise;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wavelet shrinkage of a recording beyond a job's share, level by level through scratch files
 * with the exact median: the in-memory bits, for even and odd lengths (the odd-length
 * extension at every level), shallow and deep levels, short and long wavelets, soft and hard,
 * the universal and a given threshold, small and large chunks.
 */
class WaveletOutOfCoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "db4, 3, true, , 100000, 65536",
            "db4, 3, true, , 100003, 2048",
            "haar, 1, false, , 99999, 65536",
            "sym8, 8, true, , 100001, 65536",
            "coif5, 5, false, 0.3, 100000, 65536",
            "db10, 8, true, , 100007, 8192"})
    void theInMemoryBits(String wavelet, int level, boolean soft, Double threshold, int frames, long chunkBytes) throws Exception {
        Random rnd = new Random(frames);
        double[][] x = new double[2][frames];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                x[c][i] = Math.sin(2 * Math.PI * i / (300.0 + 200 * c)) + 0.4 * rnd.nextGaussian() + 3 * c;
            }
        }
        WaveletDenoise method = new WaveletDenoise(Wavelet.named(wavelet), level, soft, threshold);
        List<String> messages = new ArrayList<>();
        try (OutOfCoreRuns runs = new OutOfCoreRuns(dir)) {
            double[][] y = runs.run(runs.write("in.npy", x), 250, new FilterSpec.Whole("wavelet", method), OutOfCoreRuns.smallShare(chunkBytes),
                    new RunControl((done, total, message) -> messages.add(message)));
            assertTrue(messages.get(messages.size() - 1).contains("wavelet level 1 up"), messages.get(messages.size() - 1));
            assertEquals(messages.size(), Integer.parseInt(messages.get(0).replaceAll(".*chunk 1/(\\d+).*", "$1")));
            double[][] expected = method.apply(x);
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(expected[c], y[c], 0.0, wavelet + " level " + level + ", " + frames + " frames, channel " + c);
            }
        }
        try (Stream<Path> left = Files.exists(dir.resolve("scratch")) ? Files.list(dir.resolve("scratch")) : Stream.empty()) {
            assertEquals(0, left.count(), "the levels' scratch files are removed");
        }
    }
}
