package io.vitalstream.kernels.fft;

import io.vitalstream.kernels.fftw.bindings.Fftw3;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The one owner of a double-precision FFTW r2c/c2r plan pair and its SIMD-aligned
 * buffers, all freed when its arena closes. Planning goes through {@link Fftw#PLANNER}
 * because FFTW's planner is not thread-safe; executing is free.
 */
public final class FftwPlan implements RealFft {

    private final int n;
    private final Arena arena;
    private final MemorySegment real;
    private final MemorySegment spectrum;
    private final MemorySegment forwardPlan;
    private final MemorySegment inversePlan;

    public FftwPlan(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be positive");
        }
        this.n = n;
        this.arena = Arena.ofShared();
        try {
            long realBytes = 8L * n;
            long spectrumBytes = 16L * (n / 2 + 1);
            this.real = Fftw3.fftw_malloc(realBytes).reinterpret(realBytes, arena, Fftw3::fftw_free);
            this.spectrum = Fftw3.fftw_malloc(spectrumBytes).reinterpret(spectrumBytes, arena, Fftw3::fftw_free);
            synchronized (Fftw.PLANNER) {
                this.forwardPlan = Fftw3.fftw_plan_dft_r2c_1d(n, real, spectrum, Fftw3.FFTW_MEASURE());
                this.inversePlan = Fftw3.fftw_plan_dft_c2r_1d(n, spectrum, real, Fftw3.FFTW_MEASURE());
            }
            if (forwardPlan.equals(MemorySegment.NULL) || inversePlan.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("FFTW could not plan a transform of size " + n);
            }
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void forward(double[] in, double[] out) {
        MemorySegment.copy(in, 0, real, ValueLayout.JAVA_DOUBLE, 0, n);
        Fftw3.fftw_execute(forwardPlan);
        MemorySegment.copy(spectrum, ValueLayout.JAVA_DOUBLE, 0, out, 0, 2 * (n / 2 + 1));
    }

    @Override
    public void inverse(double[] in, double[] out) {
        MemorySegment.copy(in, 0, spectrum, ValueLayout.JAVA_DOUBLE, 0, 2 * (n / 2 + 1));
        Fftw3.fftw_execute(inversePlan); // c2r destroys its input; ours is a scratch copy
        MemorySegment.copy(real, ValueLayout.JAVA_DOUBLE, 0, out, 0, n);
    }

    @Override
    public void close() {
        synchronized (Fftw.PLANNER) {
            Fftw3.fftw_destroy_plan(forwardPlan);
            Fftw3.fftw_destroy_plan(inversePlan);
        }
        arena.close();
    }
}
