package io.vitalstream.dsp.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots of the ordinary Bessel polynomial y_n(x) = sum_k (n+k)! / (2^k k! (n-k)!) x^k, found
 * by Aberth-Ehrlich iteration from Campos-Calderon's starting points, then Newton polishing.
 */
final class BesselPolynomial {

    private BesselPolynomial() {
    }

    /** Coefficients a_0..a_n of y_n, lowest power first. */
    static double[] coefficients(int n) {
        double[] a = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            // (n+k)! / ((n-k)! k! 2^k), built as a product to stay exact in double for n <= 10
            double v = 1;
            for (int i = n - k + 1; i <= n + k; i++) {
                v *= i;
            }
            for (int i = 2; i <= k; i++) {
                v /= i;
            }
            a[k] = v / Math.pow(2, k);
        }
        return a;
    }

    /** (2n)! / (n! 2^n): the leading coefficient, scipy's a_last. */
    static double lastCoefficient(int n) {
        return coefficients(n)[n];
    }

    static List<Complex> zeros(int n) {
        double[] a = coefficients(n);
        Complex[] x = camposStart(n);
        for (int iter = 0; iter < 100; iter++) {
            Complex[] alpha = new Complex[n];
            double worst = 0;
            for (int k = 0; k < n; k++) {
                Complex[] fd = evaluate(a, x[k]);
                alpha[k] = fd[0].div(fd[1]).negate();
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
                Complex[] fd = evaluate(a, x[k]);
                if (fd[0].abs() == 0) {
                    break;
                }
                x[k] = x[k].minus(fd[0].div(fd[1]));
            }
        }
        return symmetrise(x);
    }

    /** Value and derivative by Horner's rule. */
    private static Complex[] evaluate(double[] a, Complex x) {
        Complex f = Complex.real(a[a.length - 1]);
        Complex d = Complex.ZERO;
        for (int i = a.length - 2; i >= 0; i--) {
            d = d.times(x).plus(f);
            f = f.times(x).plus(a[i]);
        }
        return new Complex[] {f, d};
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
