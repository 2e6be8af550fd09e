package io.vitalstream.bench;

import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.kernels.SosKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Four-section band-pass biquads: the scalar reference against the lane kernel, per channel-sample. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SosKernelBench {

    @Param({"1", "8", "32"})
    int channels;

    /** 4096 frames stay in cache; 1 M frames of 32 channels (256 MB) do not. */
    @Param({"4096", "1048576"})
    int frames;

    double[] sos;
    double[] data;
    double[] zi;
    int frame;

    @Setup(Level.Trial)
    public void setUp() {
        sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, 1000, 1, 40).flat();
        int lanes = SosKernel.SPECIES.length();
        frame = (channels + lanes - 1) / lanes * lanes;
        data = new double[frames * frame];
        Random r = new Random(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextGaussian() * 1e-3;
        }
        zi = new double[sos.length / 3 * frame];
    }

    @Benchmark
    public void scalarReference() {
        double[] state = new double[sos.length / 3];
        for (int c = 0; c < channels; c++) {
            SosKernel.forward(sos, state, data, c, data, c, frames, frame);
        }
    }

    @Benchmark
    public void vectorLanes() {
        SosKernel.lanes(sos, zi, data, 0, frames, frame, false);
    }

    @Benchmark
    public void dispatched() {
        SosKernel.run(sos, zi, data, 0, frames, frame, channels, false);
    }
}
