package io.vitalstream.kernels.fft;

/**
 * A real-to-complex transform of fixed size n and its inverse, FFTW's conventions:
 * forward writes n/2+1 bins interleaved (re, im) into 2*(n/2+1) doubles; inverse is
 * unnormalised (inverse(forward(x)) = n * x). One instance is not thread-safe.
 */
public interface RealFft extends AutoCloseable {

    int size();

    void forward(double[] in, double[] out);

    void inverse(double[] in, double[] out);

    @Override
    void close();
}
