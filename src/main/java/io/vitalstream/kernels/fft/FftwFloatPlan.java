package io.vitalstream.kernels.fft;

import java.lang.foreign.MemorySegment;

/** An FFTW r2c/c2r transform of one size in float precision (libfftw3f), over its own {@link FftwPlanPair}. */
public final class FftwFloatPlan implements FloatRealFft {

    private final FftwPlanPair plans;

    public FftwFloatPlan(int n) {
        this.plans = new FftwPlanPair(FftwPlanPair.Precision.SINGLE, n);
    }

    @Override
    public int size() {
        return plans.n;
    }

    @Override
    public void forward(float[] in, float[] out) {
        plans.forward(MemorySegment.ofArray(in), MemorySegment.ofArray(out));
    }

    @Override
    public void inverse(float[] in, float[] out) {
        plans.inverse(MemorySegment.ofArray(in), MemorySegment.ofArray(out));
    }

    @Override
    public void close() {
        plans.close();
    }
}
