package io.vitalstream.kernels.fft;

/** The single-precision twin of {@link RealFft}, same conventions. */
public interface FloatRealFft extends AutoCloseable {

    int size();

    void forward(float[] in, float[] out);

    void inverse(float[] in, float[] out);

    @Override
    void close();
}
