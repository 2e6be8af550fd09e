package io.vitalstream.dsp.design;

import java.util.Arrays;

/**
 * Second-order sections, scipy's sos array: row s is [b0, b1, b2, a0, a1, a2] with a0 = 1,
 * H(z) = prod_s (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2).
 */
public record Sos(double[][] sections) {

    public Sos {
        if (sections.length == 0) {
            throw new IllegalArgumentException("a filter needs at least one section");
        }
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            if (sections[s].length != 6) {
                throw new IllegalArgumentException("a second-order section has 6 coefficients");
            }
            copy[s] = normalise(sections[s]);
        }
        sections = copy;
    }

    private static double[] normalise(double[] row) {
        double a0 = row[3];
        if (a0 == 1.0) {
            return row.clone();
        }
        if (a0 == 0.0) {
            throw new IllegalArgumentException("a section's a0 must not be zero");
        }
        double[] out = new double[6];
        for (int i = 0; i < 6; i++) {
            out[i] = row[i] / a0;
        }
        return out;
    }

    public int count() {
        return sections.length;
    }

    public double[] section(int s) {
        return sections[s].clone();
    }

    /** Coefficients as one row-major array of count() * 6 values. */
    public double[] flat() {
        double[] out = new double[sections.length * 6];
        for (int s = 0; s < sections.length; s++) {
            System.arraycopy(sections[s], 0, out, s * 6, 6);
        }
        return out;
    }

    /**
     * The length of the odd extension sosfiltfilt pads with by default:
     * 3 * (2 * sections + 1 - min(#(b2 == 0), #(a2 == 0))), as scipy.
     */
    public int defaultPadLength() {
        int b2zero = 0;
        int a2zero = 0;
        for (double[] row : sections) {
            if (row[2] == 0) {
                b2zero++;
            }
            if (row[5] == 0) {
                a2zero++;
            }
        }
        return 3 * (2 * sections.length + 1 - Math.min(b2zero, a2zero));
    }

    /** H(e^{i w}) at normalised angular frequency w (radians per sample): {re, im}. */
    public double[] response(double w) {
        double re = 1;
        double im = 0;
        for (double[] row : sections) {
            double c1 = Math.cos(w), s1 = -Math.sin(w), c2 = Math.cos(2 * w), s2 = -Math.sin(2 * w);
            double nr = row[0] + row[1] * c1 + row[2] * c2;
            double ni = row[1] * s1 + row[2] * s2;
            double dr = row[3] + row[4] * c1 + row[5] * c2;
            double di = row[4] * s1 + row[5] * s2;
            double den = dr * dr + di * di;
            double hr = (nr * dr + ni * di) / den;
            double hi = (ni * dr - nr * di) / den;
            double r = re * hr - im * hi;
            im = re * hi + im * hr;
            re = r;
        }
        return new double[] {re, im};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sos other && Arrays.deepEquals(sections, other.sections);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sections);
    }

    @Override
    public String toString() {
        return "Sos" + Arrays.deepToString(sections);
    }
}
