package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense-layer loops of the neural filters: dot products and y += a x, on the Vector API
 * with a scalar tail, each beside its scalar reference. The vector dot keeps lane-wise partial
 * sums, so it may differ from the scalar one in the last bits; it adds the lanes in lane order
 * ({@link #dotInLaneOrder} says how), never with {@code reduceLanes(ADD)}, whose order the JDK
 * leaves to the compiler (the interpreter, C2 and a native image gave results 5e-16 apart), so
 * the neural filters give the same bits in every run, JIT state and native image.
 */
public final class Dense {

    private static final VectorSpecies<Double> S = ImageBuild.DOUBLES;

    private Dense() {
    }

    /** Doubles per vector (the preferred species). */
    static int lanes() {
        return S.length();
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        int lanes = S.length();
        int i = 0;
        DoubleVector acc = DoubleVector.zero(S);
        for (; i <= n - lanes; i += lanes) {
            acc = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), acc);
        }
        double s = 0;
        for (int k = 0; k < lanes; k++) {
            s += acc.lane(k);
        }
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /**
     * What {@link #dot} computes, written out in scalar code: lane k accumulates
     * fma(a[i], b[i], partial) over i = k, k + lanes, ... below the last whole vector; the lanes
     * are added in order, then the tail.
     */
    static double dotInLaneOrder(double[] a, int aOff, double[] b, int bOff, int n, int lanes) {
        int whole = n / lanes * lanes;
        double[] partial = new double[lanes];
        for (int i = 0; i < whole; i++) {
            partial[i % lanes] = Math.fma(a[aOff + i], b[bOff + i], partial[i % lanes]);
        }
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        for (int i = whole; i < n; i++) {
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
