package io.vitalstream.kernels.fft;

import io.vitalstream.kernels.fftw.bindings.Fftw3f;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The single-precision twin of {@link FftwPlan} (libfftw3f), same ownership rules. */
public final class FftwFloatPlan implements FloatRealFft {

    private final int n;
    private final Arena arena;
    private final MemorySegment real;
    private final MemorySegment spectrum;
    private final MemorySegment forwardPlan;
    private final MemorySegment inversePlan;

    public FftwFloatPlan(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be positive");
        }
        this.n = n;
        this.arena = Arena.ofShared();
        try {
            long realBytes = 4L * n;
            long spectrumBytes = 8L * (n / 2 + 1);
            this.real = Fftw3f.fftwf_malloc(realBytes).reinterpret(realBytes, arena, Fftw3f::fftwf_free);
            this.spectrum = Fftw3f.fftwf_malloc(spectrumBytes).reinterpret(spectrumBytes, arena, Fftw3f::fftwf_free);
            synchronized (Fftw.PLANNER) {
                this.forwardPlan = Fftw3f.fftwf_plan_dft_r2c_1d(n, real, spectrum, Fftw3f.FFTW_MEASURE());
                this.inversePlan = Fftw3f.fftwf_plan_dft_c2r_1d(n, spectrum, real, Fftw3f.FFTW_MEASURE());
            }
            if (forwardPlan.equals(MemorySegment.NULL) || inversePlan.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("FFTW could not plan a float transform of size " + n);
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
    public void forward(float[] in, float[] out) {
        MemorySegment.copy(in, 0, real, ValueLayout.JAVA_FLOAT, 0, n);
        Fftw3f.fftwf_execute(forwardPlan);
        MemorySegment.copy(spectrum, ValueLayout.JAVA_FLOAT, 0, out, 0, 2 * (n / 2 + 1));
    }

    @Override
    public void inverse(float[] in, float[] out) {
        MemorySegment.copy(in, 0, spectrum, ValueLayout.JAVA_FLOAT, 0, 2 * (n / 2 + 1));
        Fftw3f.fftwf_execute(inversePlan);
        MemorySegment.copy(real, ValueLayout.JAVA_FLOAT, 0, out, 0, n);
    }

    @Override
    public void close() {
        synchronized (Fftw.PLANNER) {
            Fftw3f.fftwf_destroy_plan(forwardPlan);
            Fftw3f.fftwf_destroy_plan(inversePlan);
        }
        arena.close();
    }
}
