package io.vitalstream.io;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.pipeline.ChunkWorkers;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Pipeline;
import io.vitalstream.pipeline.PipelineJob;
import io.vitalstream.pipeline.PipelineResult;
import io.vitalstream.pipeline.PipelineSettings;
import io.vitalstream.pipeline.RunControl;
import io.vitalstream.pipeline.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every output format read back: npy and raw exactly, CSV to its printed precision, EDF to its 16-bit quantisation. */
class WritersTest {

    @TempDir
    Path dir;

    private double[][] filterTo(OutputFormat format, Path in, List<FilterSpec> stages, double fs) throws Exception {
        try (ChunkWorkers workers = new ChunkWorkers(1)) {
            Pipeline p = new Pipeline(PipelineSettings.defaults(), null, workers);
            Path out = dir.resolve("result." + format.extension());
            PipelineResult r = p.run(new PipelineJob(in, null, null, null, fs, f -> stages, Strategy.MEMORY_MAPPED, format, out,
                    dir.resolve("scratch-" + format)), new RunControl(null), i -> { }, l -> { });
            RawLayout raw = format == OutputFormat.RAW ? new RawLayout(r.outputType(), r.channels(), ByteOrder.LITTLE_ENDIAN) : null;
            try (SignalSource s = SignalFiles.open(out, null, raw, null, Access.MAPPED, dir.resolve("csv-" + format + ".f64"))) {
                if (format == OutputFormat.EDF || format == OutputFormat.CSV) {
                    assertEquals(fs, s.samplingRate().orElseThrow(), 1e-9);
                    assertEquals(List.of("ecg", "ppg"), s.channelNames());
                }
                double[] buf = new double[(int) s.frames() * s.channels()];
                s.read(0, (int) s.frames(), buf, 0, s.channels());
                double[][] cols = new double[s.channels()][(int) r.samples()];
                for (int i = 0; i < r.samples(); i++) {
                    for (int c = 0; c < s.channels(); c++) {
                        cols[c][i] = buf[i * s.channels() + c];
                    }
                }
                return cols;
            }
        }
    }

    @Test
    void everyOutputFormatReadsBackToTheFilteredSignal() throws Exception {
        int n = 2560;
        double fs = 256;
        Path in = dir.resolve("in.csv");
        StringBuilder csv = new StringBuilder("time,ecg,ppg\n");
        for (int i = 0; i < n; i++) {
            csv.append(i / fs).append(',').append(Math.sin(i * 0.05) * 3).append(',').append(40 + 10 * Math.cos(i * 0.01)).append('\n');
        }
        Files.writeString(in, csv);
        var sos = IirDesign.design(IirFamily.BUTTER, Response.LOWPASS, 2, new double[] {30}, fs, 1, 40);
        List<FilterSpec> stages = List.of(new FilterSpec.Iir(sos, true));
        double[][] npy = filterTo(OutputFormat.NPY, in, stages, fs);
        double[][] raw = filterTo(OutputFormat.RAW, in, stages, fs);
        double[][] text = filterTo(OutputFormat.CSV, in, stages, fs);
        double[][] edf = filterTo(OutputFormat.EDF, in, stages, fs);
        for (int c = 0; c < 2; c++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : npy[c]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double quantum = (hi - lo) / 65535 * 1.01 + 1e-6;
            for (int i = 0; i < n; i++) {
                assertEquals(npy[c][i], raw[c][i], 0.0);
                assertEquals(npy[c][i], text[c][i], 0.0, "csv prints doubles in full (CSV input is float64)");
                assertEquals(npy[c][i], edf[c][i], quantum, "edf channel " + c + " sample " + i);
            }
        }
        assertTrue(Files.size(dir.resolve("result.edf")) > 256 * 3);
    }
}
