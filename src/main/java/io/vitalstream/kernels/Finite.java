package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Whether a range of doubles is all finite, in one vector pass without a branch per sample:
 * {@code v - v} is 0 for a finite v and NaN for NaN or an infinity, and NaN survives the sum.
 * Callers that must say where the first bad sample is look for it only when this says no
 * (decoding a recording spent more time in a per-sample check than in filtering it).
 */
public final class Finite {

    private static final VectorSpecies<Double> S = ImageBuild.DOUBLES;

    private Finite() {
    }

    /** Whether a[from, to) holds no NaN and no infinity. */
    public static boolean all(double[] a, int from, int to) {
        int lanes = S.length();
        int i = from;
        DoubleVector acc = DoubleVector.zero(S);
        for (; i <= to - lanes; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(S, a, i);
            acc = acc.add(v.sub(v));
        }
        double tail = 0;
        for (; i < to; i++) {
            tail += a[i] - a[i];
        }
        // only zeros or NaN are summed, so the order of the lanes cannot matter
        return acc.reduceLanes(VectorOperators.ADD) + tail == 0;
    }

    /** The scalar reference: the same answer with a test per sample. */
    static boolean allScalar(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }
}
