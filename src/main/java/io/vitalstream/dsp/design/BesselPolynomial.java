package io.vitalstream.dsp.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots of the ordinary Bessel polynomial y_n(x) = sum_k (n+k)! / (2^k k! (n-k)!) x^k, found
 * by Aberth-Ehrlich iteration from Campos-Calderon's starting points, then Newton polishing.
 * The polynomial is evaluated by its three-term recurrence, y_{k+1} = (2k+1) x y_k + y_{k-1}
 * (y_0 = 1, y_1 = 1 + x), not from its power-basis coefficients: at high order those
 * coefficients span 30 decades and cancel near the roots (Horner's rule left the order-10
 * poles 8e-13 off), while the recurrence, like scipy's route through the modified Bessel
 * function K_{n+1/2}(1/x) = sqrt(pi x / 2) e^{-1/x} y_n(x), is well conditioned there.
 */
final class BesselPolynomial {

    private BesselPolynomial() {
    }

    /** (2n)! / (n! 2^n) = 1 * 3 * 5 * ... * (2n-1): the leading coefficient, scipy's a_last. */
    static double lastCoefficient(int n) {
        double v = 1;
        for (int i = 1; i < 2 * n; i += 2) {
            v *= i;
        }
        return v;
    }

    static List<Complex> zeros(int n) {
        Complex[] x = camposStart(n);
        for (int iter = 0; iter < 100; iter++) {
            Complex[] alpha = new Complex[n];
            double worst = 0;
            for (int k = 0; k < n; k++) {
                alpha[k] = step(n, x[k]).negate();
                worst = Math.max(worst, alpha[k].abs() / Math.max(1, x[k].abs()));
            }
            for (int k = 0; k < n; k++) {
                Complex beta = Complex.ZERO;
                for (int j = 0; j < n; j++) {
                    if (j != k) {
                        beta = beta.plus(x[k].minus(x[j]).reciprocal());
                    }
                }
                x[k] = x[k].plus(alpha[k].div(Complex.ONE.plus(alpha[k].times(beta))));
            }
            if (worst <= 1e-15) {
                break;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int iter = 0; iter < 5; iter++) {
                Complex d = step(n, x[k]);
                if (d.abs() == 0) {
                    break;
                }
                x[k] = x[k].minus(d);
            }
        }
        return symmetrise(x);
    }

    /**
     * The Newton step y_n(x) / y_n'(x), both by the three-term recurrence (and its derivative)
     * in double-double complex arithmetic: near a root y_n is a small difference of large
     * terms, and the extra digits keep the step right to the last bit of the root.
     */
    static Complex step(int n, Complex x) {
        DdComplex xx = new DdComplex(x.re(), 0, x.im(), 0);
        DdComplex previous = DdComplex.ONE;                  // y_0
        DdComplex current = DdComplex.ONE.plus(xx);           // y_1
        DdComplex dPrevious = DdComplex.ZERO;                // y_0'
        DdComplex dCurrent = DdComplex.ONE;                   // y_1'
        for (int k = 1; k < n; k++) {
            double c = 2 * k + 1;
            DdComplex next = xx.times(current).scale(c).plus(previous);
            DdComplex dNext = current.plus(xx.times(dCurrent)).scale(c).plus(dPrevious);
            previous = current;
            current = next;
            dPrevious = dCurrent;
            dCurrent = dNext;
        }
        if (n == 0) {
            return Complex.ZERO;
        }
        return current.div(dCurrent);
    }

    /** Complex numbers whose parts are double-double (hi + lo). */
    private record DdComplex(double reHi, double reLo, double imHi, double imLo) {
        static final DdComplex ZERO = new DdComplex(0, 0, 0, 0);
        static final DdComplex ONE = new DdComplex(1, 0, 0, 0);

        DdComplex plus(DdComplex o) {
            double[] re = DoubleDouble.add(reHi, reLo, o.reHi, o.reLo);
            double[] im = DoubleDouble.add(imHi, imLo, o.imHi, o.imLo);
            return new DdComplex(re[0], re[1], im[0], im[1]);
        }

        DdComplex scale(double c) {
            double[] re = DoubleDouble.mul(reHi, reLo, c, 0);
            double[] im = DoubleDouble.mul(imHi, imLo, c, 0);
            return new DdComplex(re[0], re[1], im[0], im[1]);
        }

        DdComplex times(DdComplex o) {
            double[] ac = DoubleDouble.mul(reHi, reLo, o.reHi, o.reLo);
            double[] bd = DoubleDouble.mul(imHi, imLo, o.imHi, o.imLo);
            double[] ad = DoubleDouble.mul(reHi, reLo, o.imHi, o.imLo);
            double[] bc = DoubleDouble.mul(imHi, imLo, o.reHi, o.reLo);
            double[] re = DoubleDouble.add(ac[0], ac[1], -bd[0], -bd[1]);
            double[] im = DoubleDouble.add(ad[0], ad[1], bc[0], bc[1]);
            return new DdComplex(re[0], re[1], im[0], im[1]);
        }

        /** To double, then divided: the quotient (a Newton step) needs no more than double. */
        Complex div(DdComplex o) {
            return new Complex(reHi + reLo, imHi + imLo).div(new Complex(o.reHi + o.reLo, o.imHi + o.imLo));
        }
    }


    /** Campos and Calderon (2011), polynomial fits of the zero locations. */
    private static Complex[] camposStart(int n) {
        if (n == 1) {
            return new Complex[] {Complex.real(-1)};
        }
        double s = 2.0 * n * n - 3.0 * Math.pow(n, 4) + Math.pow(n, 5);
        double b3 = (16 - 8.0 * n) / s;
        double b2 = (-24 - 12.0 * n + 12.0 * n * n) / s;
        double b1 = (8 + 24.0 * n - 12.0 * n * n - 2.0 * n * n * n) / s;
        double b0 = (-6.0 * n + 5.0 * n * n * n - Math.pow(n, 4)) / s;
        double r = 2.0 * n * n + n * n * n;
        double a1 = (-6 - 6.0 * n) / r;
        double a2 = 6 / r;
        Complex[] x = new Complex[n];
        for (int k = 1; k <= n; k++) {
            x[k - 1] = new Complex(a1 * k + a2 * k * k, b0 + b1 * k + b2 * k * k + b3 * k * k * k);
        }
        return x;
    }

    /** Makes conjugate pairs exact and the real root (odd n) exactly real. */
    private static List<Complex> symmetrise(Complex[] x) {
        List<Complex> out = new ArrayList<>(x.length);
        boolean[] used = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            if (used[i]) {
                continue;
            }
            used[i] = true;
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                if (!used[j]) {
                    double d = x[j].minus(x[i].conj()).abs();
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = j;
                    }
                }
            }
            if (best >= 0 && bestDistance < 1e-8 * Math.max(1, x[i].abs()) && Math.abs(x[i].im()) > 1e-12) {
                used[best] = true;
                Complex mean = x[i].plus(x[best].conj()).times(0.5);
                out.add(mean);
                out.add(mean.conj());
            } else {
                out.add(Complex.real(x[i].re()));
            }
        }
        return out;
    }
}
