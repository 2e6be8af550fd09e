package io.vitalstream.dsp.design;

import java.util.List;

/** A transfer function as zeros, poles and gain: H(s) = k * prod(s - z) / prod(s - p). */
public record Zpk(List<Complex> zeros, List<Complex> poles, double gain) {

    public Zpk {
        zeros = List.copyOf(zeros);
        poles = List.copyOf(poles);
    }

    /** Excess of poles over zeros. */
    public int relativeDegree() {
        int degree = poles.size() - zeros.size();
        if (degree < 0) {
            throw new IllegalArgumentException("improper transfer function: more zeros than poles");
        }
        return degree;
    }

    static Complex product(List<Complex> values, boolean negate) {
        Complex acc = Complex.ONE;
        for (Complex v : values) {
            acc = acc.times(negate ? v.negate() : v);
        }
        return acc;
    }
}
