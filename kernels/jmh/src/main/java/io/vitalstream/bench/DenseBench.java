package io.vitalstream.bench;

import io.vitalstream.kernels.Dense;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/** The neural filters' dot and axpy loops, scalar against vector, from L1-sized to memory-sized vectors. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DenseBench {

    @Param({"64", "4096", "4194304"})
    int n;

    double[] a;
    double[] b;

    @Setup
    public void setUp() {
        Random r = new Random(2);
        a = new double[n];
        b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
        }
    }

    @Benchmark
    public double dotScalar() {
        return Dense.dotScalar(a, 0, b, 0, n);
    }

    @Benchmark
    public double dotVector() {
        return Dense.dot(a, 0, b, 0, n);
    }

    @Benchmark
    public void axpyScalar() {
        Dense.axpyScalar(1e-9, a, 0, b, 0, n);
    }

    @Benchmark
    public void axpyVector() {
        Dense.axpy(1e-9, a, 0, b, 0, n);
    }
}
