package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Running medians of width 3 and 5 by min/max selection networks, vectorised along time:
 * lane i of a vector holds output i, computed from five shifted loads of the input. The
 * network is the same as the scalar reference's, operation for operation (Math.min/max
 * semantics for NaN and signed zeros), so both select the same value.
 */
public final class MedianKernel {

    static final VectorSpecies<Double> SPECIES = ImageBuild.DOUBLES;

    private MedianKernel() {
    }

    /** out[o + k] = median of x[i + k - w/2 .. i + k + w/2] for k in [0, count); every index inside x. */
    public static void interior(double[] x, int i, int window, double[] out, int o, int count) {
        int lanes = SPECIES.length();
        int h = window / 2;
        int k = 0;
        if (window == 3) {
            for (; k + lanes <= count; k += lanes) {
                int b = i + k - h;
                DoubleVector a = DoubleVector.fromArray(SPECIES, x, b);
                DoubleVector bb = DoubleVector.fromArray(SPECIES, x, b + 1);
                DoubleVector c = DoubleVector.fromArray(SPECIES, x, b + 2);
                median3(a, bb, c).intoArray(out, o + k);
            }
        } else if (window == 5) {
            for (; k + lanes <= count; k += lanes) {
                int b = i + k - h;
                DoubleVector a = DoubleVector.fromArray(SPECIES, x, b);
                DoubleVector bb = DoubleVector.fromArray(SPECIES, x, b + 1);
                DoubleVector c = DoubleVector.fromArray(SPECIES, x, b + 2);
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, b + 3);
                DoubleVector e = DoubleVector.fromArray(SPECIES, x, b + 4);
                DoubleVector lo = a.lanewise(VectorOperators.MIN, bb).lanewise(VectorOperators.MAX, c.lanewise(VectorOperators.MIN, d));
                DoubleVector hi = a.lanewise(VectorOperators.MAX, bb).lanewise(VectorOperators.MIN, c.lanewise(VectorOperators.MAX, d));
                median3(lo, hi, e).intoArray(out, o + k);
            }
        } else {
            throw new IllegalArgumentException("selection networks are for widths 3 and 5, not " + window);
        }
        scalar(x, i + k, window, out, o + k, count - k);
    }

    private static DoubleVector median3(DoubleVector a, DoubleVector b, DoubleVector c) {
        return a.lanewise(VectorOperators.MIN, b).lanewise(VectorOperators.MAX, a.lanewise(VectorOperators.MAX, b).lanewise(VectorOperators.MIN, c));
    }

    /** The scalar reference (and the vector loop's tail). */
    public static void scalar(double[] x, int i, int window, double[] out, int o, int count) {
        int h = window / 2;
        for (int k = 0; k < count; k++) {
            int b = i + k - h;
            out[o + k] = window == 3 ? median3(x[b], x[b + 1], x[b + 2]) : median5(x[b], x[b + 1], x[b + 2], x[b + 3], x[b + 4]);
        }
    }

    public static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** The median of five: drop the smaller of the two pair minima and the larger of the two pair maxima. */
    public static double median5(double a, double b, double c, double d, double e) {
        double lo1 = Math.min(a, b);
        double hi1 = Math.max(a, b);
        double lo2 = Math.min(c, d);
        double hi2 = Math.max(c, d);
        // the smaller of lo1, lo2 and the larger of hi1, hi2 cannot be the median of five
        double lo = Math.max(lo1, lo2);
        double hi = Math.min(hi1, hi2);
        return median3(lo, hi, e);
    }
}
