package io.vitalstream.dsp;

import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.RealFft;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * FIR filtering by FFT overlap-add (scipy.signal.oaconvolve): the input is cut into blocks
 * of L samples at fixed positions (multiples of L from the first sample), each block is
 * convolved with the taps in the frequency domain (FFT size a power of two >= L + M - 1),
 * and the tails are added into the following outputs. Output sample o is
 * full[o + delay] of the full convolution: delay 0 is lfilter(h, 1, x), delay (M - 1) / 2
 * is oaconvolve(x, h, mode='same'). Because blocks sit at fixed positions and each output
 * sums its blocks in increasing order from zero, any window of the output computed alone
 * ({@link #applyRange}) equals the same window of the whole, bit for bit.
 */
public final class OverlapAdd {

    /** Reads samples [start, start + count) of the input into dest[0..count). */
    @FunctionalInterface
    public interface Samples {
        void read(long start, int count, double[] dest);
    }

    private final double[] taps;
    private final int fftSize;
    private final int block;
    private final IntFunction<RealFft> transforms;

    /** On the process's FFT backend (FFTW when present). */
    public OverlapAdd(double[] taps) {
        this(taps, Fftw::realFft);
    }

    /** On a given FFT implementation (e.g. {@code JavaFft::new}), for tests and benchmarks. */
    public OverlapAdd(double[] taps, IntFunction<RealFft> transforms) {
        this.transforms = transforms;
        if (taps.length == 0) {
            throw new IllegalArgumentException("an FIR filter needs at least one tap");
        }
        this.taps = taps.clone();
        this.fftSize = fftSizeFor(taps.length);
        this.block = fftSize - taps.length + 1;
    }

    /** A power of two about 8 times the taps (at least 64): a good cost per output sample. */
    static int fftSizeFor(int taps) {
        int n = Integer.highestOneBit(Math.max(64, 8 * taps - 1)) << 1;
        while (n - taps + 1 < taps) {
            n <<= 1;
        }
        return n;
    }

    public int blockLength() {
        return block;
    }

    public int taps() {
        return taps.length;
    }

    public double[] apply(double[] x, int delay) {
        double[] out = new double[x.length];
        applyRange((start, count, dest) -> System.arraycopy(x, (int) start, dest, 0, count), x.length, 0, x.length, delay, out);
        return out;
    }

    /**
     * The first input sample that output window [outStart, outStart + outLength) depends on,
     * rounded down to its block: callers reading a window of input may start there.
     */
    public long firstInput(long outStart, int delay) {
        long k = Math.max(0, outStart + delay - (taps.length - 1));
        return k / block * block;
    }

    /** One past the last input sample the window's blocks read (whole blocks, capped at n). */
    public long endInput(long outStart, int outLength, int delay, long n) {
        long last = outStart + outLength + delay; // blocks starting before this contribute
        long blocks = (last + block - 1) / block;
        return Math.min(n, blocks * block);
    }

    /** out[0..outLength) = full[outStart + delay ...] of the convolution of the n-sample input with the taps. */
    public void applyRange(Samples input, long n, long outStart, int outLength, int delay, double[] out) {
        int m = taps.length;
        Arrays.fill(out, 0, outLength, 0.0);
        int bins = 2 * (fftSize / 2 + 1);
        try (RealFft fft = transforms.apply(fftSize)) {
            double[] h = new double[fftSize];
            System.arraycopy(taps, 0, h, 0, m);
            double[] hf = new double[bins];
            fft.forward(h, hf);
            double[] buf = new double[fftSize];
            double[] spec = new double[bins];
            double scale = 1.0 / fftSize;
            long end = Math.min(n, outStart + outLength + delay);
            for (long start = firstInput(outStart, delay); start < end; start += block) {
                int len = (int) Math.min(block, n - start);
                Arrays.fill(buf, 0.0);
                input.read(start, len, buf);
                fft.forward(buf, spec);
                for (int k = 0; k < bins; k += 2) {
                    double re = spec[k] * hf[k] - spec[k + 1] * hf[k + 1];
                    double im = spec[k] * hf[k + 1] + spec[k + 1] * hf[k];
                    spec[k] = re;
                    spec[k + 1] = im;
                }
                fft.inverse(spec, buf);
                int produced = len + m - 1;
                // full[start + i] lands on output o = start + i - delay
                long first = Math.max(0, outStart + delay - start);
                long last = Math.min(produced, outStart + outLength + delay - start);
                for (long i = first; i < last; i++) {
                    out[(int) (start + i - delay - outStart)] += buf[(int) i] * scale;
                }
            }
        }
    }
}
