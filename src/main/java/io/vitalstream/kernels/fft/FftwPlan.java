package io.vitalstream.kernels.fft;

import java.lang.foreign.MemorySegment;

/** An FFTW r2c/c2r transform of one size in double precision (libfftw3), over its own {@link FftwPlanPair}. */
public final class FftwPlan implements RealFft {

    private final FftwPlanPair plans;

    public FftwPlan(int n) {
        this.plans = new FftwPlanPair(FftwPlanPair.Precision.DOUBLE, n);
    }

    @Override
    public int size() {
        return plans.n;
    }

    @Override
    public void forward(double[] in, double[] out) {
        plans.forward(MemorySegment.ofArray(in), MemorySegment.ofArray(out));
    }

    @Override
    public void inverse(double[] in, double[] out) {
        plans.inverse(MemorySegment.ofArray(in), MemorySegment.ofArray(out));
    }

    @Override
    public void close() {
        plans.close();
    }
}
