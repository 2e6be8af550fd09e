package io.vitalstream.kernels.fft;

import io.vitalstream.kernels.fftw.bindings.Fftw3;
import io.vitalstream.kernels.fftw.bindings.Fftw3f;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The one owner of an FFTW r2c/c2r plan pair of size n and its SIMD-aligned buffers (a real
 * array of n values, a spectrum of n/2+1 complex values), in double or single precision, all
 * freed when its arena closes. Planning goes through {@link Fftw#PLANNER} because FFTW's
 * planner is not thread-safe; executing is free.
 */
final class FftwPlanPair implements AutoCloseable {

    /** A planner of the FFTW API: (n, in, out, flags) -> plan. */
    @FunctionalInterface
    interface Planner {
        MemorySegment plan(int n, MemorySegment in, MemorySegment out, int flags);
    }

    /** The functions of one FFTW library that a plan pair uses. */
    record Functions(LongFunction<MemorySegment> malloc, Consumer<MemorySegment> free, Planner r2c, Planner c2r,
                     Consumer<MemorySegment> execute, Consumer<MemorySegment> destroy) {
    }

    /** The double (libfftw3) and single (libfftw3f) precision libraries: bytes per real value and their functions. */
    enum Precision {
        DOUBLE(8, new Functions(Fftw3::fftw_malloc, Fftw3::fftw_free, Fftw3::fftw_plan_dft_r2c_1d, Fftw3::fftw_plan_dft_c2r_1d,
                Fftw3::fftw_execute, Fftw3::fftw_destroy_plan)),
        SINGLE(4, new Functions(Fftw3f::fftwf_malloc, Fftw3f::fftwf_free, Fftw3f::fftwf_plan_dft_r2c_1d, Fftw3f::fftwf_plan_dft_c2r_1d,
                Fftw3f::fftwf_execute, Fftw3f::fftwf_destroy_plan));

        final int bytes;
        final Functions fftw;

        Precision(int bytes, Functions fftw) {
            this.bytes = bytes;
            this.fftw = fftw;
        }
    }

    final int n;
    private final MemorySegment real;
    private final MemorySegment spectrum;
    private final Precision precision;
    private final Arena arena;
    private final MemorySegment forwardPlan;
    private final MemorySegment inversePlan;

    FftwPlanPair(Precision precision, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be positive");
        }
        this.n = n;
        this.precision = precision;
        this.arena = Arena.ofShared();
        try {
            long realBytes = (long) precision.bytes * n;
            long spectrumBytes = 2L * precision.bytes * (n / 2 + 1);
            this.real = precision.fftw.malloc().apply(realBytes).reinterpret(realBytes, arena, precision.fftw.free());
            this.spectrum = precision.fftw.malloc().apply(spectrumBytes).reinterpret(spectrumBytes, arena, precision.fftw.free());
            synchronized (Fftw.PLANNER) {
                this.forwardPlan = precision.fftw.r2c().plan(n, real, spectrum, Fftw3.FFTW_MEASURE());
                this.inversePlan = precision.fftw.c2r().plan(n, spectrum, real, Fftw3.FFTW_MEASURE());
            }
            if (forwardPlan.equals(MemorySegment.NULL) || inversePlan.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("FFTW could not plan a " + precision.name().toLowerCase(java.util.Locale.ROOT)
                        + "-precision transform of size " + n);
            }
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** in (n real values) -> out (n/2+1 complex values, interleaved), through the plan's own buffers. */
    void forward(MemorySegment in, MemorySegment out) {
        MemorySegment.copy(in, 0, real, 0, real.byteSize());
        precision.fftw.execute().accept(forwardPlan);
        MemorySegment.copy(spectrum, 0, out, 0, spectrum.byteSize());
    }

    /** The inverse, unnormalised (c2r destroys its input, which is the plan's copy here). */
    void inverse(MemorySegment in, MemorySegment out) {
        MemorySegment.copy(in, 0, spectrum, 0, spectrum.byteSize());
        precision.fftw.execute().accept(inversePlan);
        MemorySegment.copy(real, 0, out, 0, real.byteSize());
    }

    @Override
    public void close() {
        synchronized (Fftw.PLANNER) {
            precision.fftw.destroy().accept(forwardPlan);
            precision.fftw.destroy().accept(inversePlan);
        }
        arena.close();
    }
}
