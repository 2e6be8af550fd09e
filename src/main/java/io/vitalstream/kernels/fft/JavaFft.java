package io.vitalstream.kernels.fft;

/**
 * Pure-Java radix-2 FFT (iterative Cooley-Tukey with precomputed twiddles) for power-of-two
 * sizes: the fallback when libfftw3 is absent. The real transforms run as complex ones of
 * half the size on packed even/odd samples, then split (the standard real-FFT identity).
 */
public final class JavaFft implements RealFft {

    private final int n;
    private final int half;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;
    private final double[] re;
    private final double[] im;

    public JavaFft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("the Java FFT needs a power-of-two size >= 2, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        this.cos = new double[n / 2 + 1];
        this.sin = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        this.bitReverse = new int[half];
        int bits = Integer.numberOfTrailingZeros(half);
        for (int i = 0; i < half; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        this.re = new double[half];
        this.im = new double[half];
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public void forward(double[] in, double[] out) {
        for (int k = 0; k < half; k++) {
            re[k] = in[2 * k];
            im[k] = in[2 * k + 1];
        }
        complex(re, im, false);
        // X[k] = (Z[k] + conj Z[h-k]) / 2 - i e^{-2 pi i k / n} (Z[k] - conj Z[h-k]) / 2
        for (int k = 0; k <= half; k++) {
            int a = k % half;
            int b = (half - k) % half;
            double zr = re[a], zi = im[a], cr = re[b], ci = -im[b];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or = 0.5 * (zr - cr), oi = 0.5 * (zi - ci);
            // multiply (or + i oi) by -i e^{-i theta} = -i (cos - i sin) = -sin - i cos
            double wr = -sin[k], wi = -cos[k];
            out[2 * k] = er + or * wr - oi * wi;
            out[2 * k + 1] = ei + or * wi + oi * wr;
        }
    }

    @Override
    public void inverse(double[] in, double[] out) {
        // rebuild Z[k] = E[k] + i e^{+2 pi i k / n} O[k] from the half spectrum, then invert
        for (int k = 0; k < half; k++) {
            double xr = in[2 * k], xi = in[2 * k + 1];
            double yr = in[2 * (half - k)], yi = -in[2 * (half - k) + 1];
            double er = xr + yr, ei = xi + yi;
            double dr = xr - yr, di = xi - yi;
            // i e^{i theta} = i (cos + i sin) = -sin + i cos
            double wr = -sin[k], wi = cos[k];
            re[k] = er + dr * wr - di * wi;
            im[k] = ei + dr * wi + di * wr;
        }
        complex(re, im, true);
        for (int k = 0; k < half; k++) {
            out[2 * k] = re[k];
            out[2 * k + 1] = im[k];
        }
    }

    /** In-place complex FFT of size n/2 using the size-n twiddle table at stride 2. */
    private void complex(double[] xr, double[] xi, boolean inverse) {
        for (int i = 0; i < half; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = xr[i]; xr[i] = xr[j]; xr[j] = t;
                t = xi[i]; xi[i] = xi[j]; xi[j] = t;
            }
        }
        for (int len = 2; len <= half; len <<= 1) {
            int step = n / len;
            int h = len / 2;
            for (int i = 0; i < half; i += len) {
                for (int j = 0; j < h; j++) {
                    double wr = cos[j * step];
                    double wi = inverse ? sin[j * step] : -sin[j * step];
                    int a = i + j, b = a + h;
                    double tr = xr[b] * wr - xi[b] * wi;
                    double ti = xr[b] * wi + xi[b] * wr;
                    xr[b] = xr[a] - tr;
                    xi[b] = xi[a] - ti;
                    xr[a] += tr;
                    xi[a] += ti;
                }
            }
        }
    }

    @Override
    public void close() {
        // heap only
    }
}
