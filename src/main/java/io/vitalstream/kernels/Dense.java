package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense-layer loops of the neural filters: dot products and y += a x, on the Vector API
 * with a scalar tail, each beside its scalar reference. The vector dot sums lane-wise partial
 * sums, so it may differ from the scalar one in the last bits; it is deterministic.
 */
public final class Dense {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private Dense() {
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        int lanes = S.length();
        int i = 0;
        DoubleVector acc = DoubleVector.zero(S);
        for (; i <= n - lanes; i += lanes) {
            acc = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    public static double dotScalar(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /** y[yOff + i] += alpha * x[xOff + i]. */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int lanes = S.length();
        int i = 0;
        DoubleVector a = DoubleVector.broadcast(S, alpha);
        for (; i <= n - lanes; i += lanes) {
            DoubleVector.fromArray(S, x, xOff + i).fma(a, DoubleVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    public static void axpyScalar(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }
}
