package io.vitalstream.dsp.design;

/**
 * Double-double arithmetic (Dekker, Knuth): a value is hi + lo with |lo| at most half an ulp
 * of hi, about 32 significant digits. Used where a result is a small difference of large
 * terms: the time-parallel IIR's transition maps and scans, the Bessel polynomial near its
 * roots. Results are {hi, lo}.
 */
public final class DoubleDouble {

    private DoubleDouble() {
    }

    public static double[] add(double ah, double al, double bh, double bl) {
        double s = ah + bh;
        double bb = s - ah;
        double e = (ah - (s - bb)) + (bh - bb) + al + bl;
        double hi = s + e;
        return new double[] {hi, e - (hi - s)};
    }

    public static double[] add(double[] a, double bh, double bl) {
        return add(a[0], a[1], bh, bl);
    }

    public static double[] add(double[] a, double[] b) {
        return add(a[0], a[1], b[0], b[1]);
    }

    public static double[] mul(double ah, double al, double bh, double bl) {
        double p = ah * bh;
        double e = Math.fma(ah, bh, -p) + (ah * bl + al * bh);
        double hi = p + e;
        return new double[] {hi, e - (hi - p)};
    }
}
