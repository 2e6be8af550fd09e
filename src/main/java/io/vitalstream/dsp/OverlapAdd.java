package io.vitalstream.dsp;

import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.RealFft;

import java.util.function.IntFunction;

/**
 * FIR filtering by FFT overlap-add (scipy.signal.oaconvolve): the input is cut into blocks
 * of L samples at fixed positions (multiples of L from the first sample), each block is
 * convolved with the taps in the frequency domain (FFT size a power of two >= L + M - 1),
 * and the tails are added into the next block's output. Returns the window
 * full[delay, delay + n) of the full convolution: delay 0 is lfilter(h, 1, x), delay
 * (M - 1) / 2 is oaconvolve(x, h, mode='same').
 */
public final class OverlapAdd {

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

    public double[] apply(double[] x, int delay) {
        int n = x.length;
        int m = taps.length;
        double[] out = new double[n];
        int bins = 2 * (fftSize / 2 + 1);
        try (RealFft fft = transforms.apply(fftSize)) {
            double[] h = new double[fftSize];
            System.arraycopy(taps, 0, h, 0, m);
            double[] hf = new double[bins];
            fft.forward(h, hf);
            double[] buf = new double[fftSize];
            double[] spec = new double[bins];
            double scale = 1.0 / fftSize;
            // full[k] for k in [delay, delay + n) receives block b's output when
            // b*L <= k < b*L + L + M - 1
            int firstBlock = Math.max(0, (delay - m + 1) / block);
            for (int start = firstBlock * block; start < n && start < delay + n; start += block) {
                int len = Math.min(block, n - start);
                java.util.Arrays.fill(buf, 0.0);
                System.arraycopy(x, start, buf, 0, len);
                fft.forward(buf, spec);
                for (int k = 0; k < bins; k += 2) {
                    double re = spec[k] * hf[k] - spec[k + 1] * hf[k + 1];
                    double im = spec[k] * hf[k + 1] + spec[k + 1] * hf[k];
                    spec[k] = re;
                    spec[k + 1] = im;
                }
                fft.inverse(spec, buf);
                int produced = len + m - 1;
                for (int i = 0; i < produced; i++) {
                    int o = start + i - delay;
                    if (o >= 0 && o < n) {
                        out[o] += buf[i] * scale;
                    }
                }
            }
        }
        return out;
    }
}
