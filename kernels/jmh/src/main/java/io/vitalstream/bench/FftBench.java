package io.vitalstream.bench;

import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.OverlapAdd;
import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.kernels.fft.FftwPlan;
import io.vitalstream.kernels.fft.JavaFft;
import io.vitalstream.kernels.fft.RealFft;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** FFTW (through FFM) against the pure-Java FFT, and the FIR and median filters built on them. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FftBench {

    @Param({"1024", "65536"})
    int size;

    double[] x;
    double[] spectrum;
    RealFft fftw;
    RealFft java;
    double[] signal;
    double[] taps;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(3);
        x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextGaussian();
        }
        spectrum = new double[size + 2];
        fftw = new FftwPlan(size);
        java = new JavaFft(size);
        signal = new double[1 << 18];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = r.nextGaussian();
        }
        taps = FirDesign.firwin(1001, new double[] {0.5, 40}, Response.BANDPASS, Window.parse("hamming", null), 1000);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fftw.close();
    }

    @Benchmark
    public double[] forwardFftw() {
        fftw.forward(x, spectrum);
        return spectrum;
    }

    @Benchmark
    public double[] forwardJava() {
        java.forward(x, spectrum);
        return spectrum;
    }

    /** 262 144 samples through a 1001-tap FIR (size is ignored here). */
    @Benchmark
    public double[] overlapAdd1001() {
        return new OverlapAdd(taps).apply(signal, 500);
    }

    /** 262 144 samples through a width-5 running median (size is ignored here). */
    @Benchmark
    public double[] median5() {
        return Filtering.apply(new FilterSpec.Median(5), new double[][] {signal})[0];
    }
}
