package io.vitalstream.dsp;

/**
 * A per-channel filter whose output at sample i depends only on samples within
 * {@link #reach()} of i (and on the signal's length, for its edge handling). It is computed
 * for an output window from a buffer holding x[bufStart, bufStart + buf.length), which
 * covers the window plus the reach (clipped to the signal).
 */
public interface WindowMethod {

    int reach();

    void apply(double[] buf, long bufStart, long n, long outStart, int outLength, double[] out);
}
