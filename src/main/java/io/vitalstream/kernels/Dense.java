package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense-layer loops of the neural filters: dot products and y += a x, on the Vector API
 * with a scalar tail, each beside its scalar reference. The vector dot keeps lane-wise partial
 * sums (eight, whatever the vector width), so it may differ from the scalar one in the last
 * bits; it adds them in order
 * ({@link #dotInLaneOrder} says how), never with {@code reduceLanes(ADD)}, whose order the JDK
 * leaves to the compiler (the interpreter, C2 and a native image gave results 5e-16 apart), so
 * the neural filters give the same bits in every run, JIT state and native image.
 */
public final class Dense {

    private static final VectorSpecies<Double> S = ImageBuild.DOUBLES;

    private Dense() {
    }

    /**
     * Partial sums of {@link #dot}: eight whatever the vector width (one 8-double vector, two
     * 4-double ones, or the scalar form), so a dot product has the same bits on AVX2, on
     * AVX-512 and in a native image (which runs 4-double vectors on any CPU).
     */
    static final int PARTIALS = 8;

    static int lanes() {
        return PARTIALS;
    }

    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        int lanes = S.length();
        if (lanes != 8 && lanes != 4) {
            return dotInLaneOrder(a, aOff, b, bOff, n, PARTIALS);
        }
        int i = 0;
        double s = 0;
        if (lanes == 8) {
            DoubleVector acc = DoubleVector.zero(S);
            for (; i <= n - 8; i += 8) {
                acc = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), acc);
            }
            for (int k = 0; k < 8; k++) {
                s += acc.lane(k);
            }
        } else {
            // partial sums 0-3 in lo, 4-7 in hi: the same eight sums as one 8-double vector
            DoubleVector lo = DoubleVector.zero(S);
            DoubleVector hi = DoubleVector.zero(S);
            for (; i <= n - 8; i += 8) {
                lo = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), lo);
                hi = DoubleVector.fromArray(S, a, aOff + i + 4).fma(DoubleVector.fromArray(S, b, bOff + i + 4), hi);
            }
            for (int k = 0; k < 4; k++) {
                s += lo.lane(k);
            }
            for (int k = 0; k < 4; k++) {
                s += hi.lane(k);
            }
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
