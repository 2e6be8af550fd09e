package io.vitalstream.kernels.fft;

import io.vitalstream.kernels.ImageBuild;

import io.vitalstream.kernels.fftw.bindings.Fftw3;
import io.vitalstream.kernels.fftw.bindings.Fftw3f;

import java.lang.foreign.MemorySegment;

/**
 * Which FFT this process uses: FFTW when libfftw3.so.3 loads (and the system property
 * {@code vitalstream.fft} is not {@code java}), else the pure-Java radix-2 FFT. Plans are
 * made with FFTW_MEASURE: measured once per size, and kept in a pool for reuse.
 */
public final class Fftw {

    /**
     * FFTW's planner is not thread-safe: every plan and destroy holds this lock. The native
     * library is one per process, but this class can be loaded more than once (the test JVM
     * runs the Quarkus application's class loader beside the plain tests'), so the lock must be
     * one object for every class loader: a string literal is, the JVM interns it once (and
     * nothing else locks on this text). A CI run crashed in fftw_plan_dft_r2c_1d while the lock
     * was a plain static field, one per class loader.
     */
    static final Object PLANNER = "io.vitalstream.kernels.fft.Fftw.PLANNER";

    private static final System.Logger LOG = System.getLogger(Fftw.class.getName());
    private static final boolean DOUBLE_AVAILABLE = probe(true);
    private static final boolean FLOAT_AVAILABLE = probe(false);

    static {
        LOG.log(System.Logger.Level.INFO, "FFT backend: {0}", backend());
    }

    private Fftw() {
    }

    public static boolean available() {
        return DOUBLE_AVAILABLE;
    }

    public static boolean floatAvailable() {
        return FLOAT_AVAILABLE;
    }

    /** "fftw" or "java": what {@link #realFft(int)} returns for power-of-two sizes. */
    public static String backend() {
        return DOUBLE_AVAILABLE ? "fftw (libfftw3.so.3 via FFM)" : "java (pure-Java radix-2; FFTW not loaded, disabled by -Dvitalstream.fft=java, or a native image)";
    }

    /**
     * A transform of size n on the process's backend (n a power of two for the fallback);
     * FFTW plans come from a pool of idle plans, so only the first use of a size plans.
     */
    public static RealFft realFft(int n) {
        return DOUBLE_AVAILABLE && !nativeImage() ? PlanPool.take(n) : new JavaFft(n);
    }

    /**
     * Whether this runs as a native executable ({@link ImageBuild}, a constant there): a native
     * image never compiles the FFTW paths, because the bindings' SymbolLookup.libraryLookup
     * does not work there (native/README.md); the pure-Java FFT serves.
     */
    static boolean nativeImage() {
        return ImageBuild.NATIVE;
    }

    private static boolean probe(boolean doublePrecision) {
        if (nativeImage() || "java".equalsIgnoreCase(System.getProperty("vitalstream.fft", ""))) {
            return false;
        }
        try {
            if (doublePrecision) {
                Fftw3.fftw_alignment_of(MemorySegment.NULL);
            } else {
                Fftw3f.fftwf_alignment_of(MemorySegment.NULL);
            }
            return true;
        } catch (Throwable unavailable) { // UnsatisfiedLinkError, ExceptionInInitializerError, IllegalArgumentException
            return false;
        }
    }
}
