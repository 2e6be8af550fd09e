package io.vitalstream.dsp.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalised analog low-pass prototypes (cut-off 1 rad/s), the same zeros, poles and
 * gain as scipy.signal's buttap, cheb1ap, cheb2ap, ellipap and besselap(norm='phase').
 */
public final class AnalogPrototype {

    private AnalogPrototype() {
    }

    /** Butterworth: poles evenly spaced on the left half of the unit circle. */
    public static Zpk butter(int n) {
        requireOrder(n);
        List<Complex> p = new ArrayList<>(n);
        for (int m = -n + 1; m < n; m += 2) {
            p.add(Complex.expi(Math.PI * m / (2.0 * n)).negate());
        }
        return new Zpk(List.of(), p, 1.0);
    }

    /** Chebyshev type I with {@code rp} dB of passband ripple: poles on an ellipse. */
    public static Zpk cheby1(int n, double rp) {
        requireOrder(n);
        double eps = Math.sqrt(Math.pow(10, 0.1 * rp) - 1.0);
        double mu = asinh(1 / eps) / n;
        List<Complex> p = new ArrayList<>(n);
        for (int m = -n + 1; m < n; m += 2) {
            double theta = Math.PI * m / (2.0 * n);
            // -sinh(mu + i theta) = -(sinh mu cos theta + i cosh mu sin theta)
            p.add(new Complex(-Math.sinh(mu) * Math.cos(theta), -Math.cosh(mu) * Math.sin(theta)));
        }
        double k = Zpk.product(p, true).re();
        if (n % 2 == 0) {
            k = k / Math.sqrt(1 + eps * eps);
        }
        return new Zpk(List.of(), p, k);
    }

    /** Chebyshev type II with {@code rs} dB of stopband attenuation: zeros on the imaginary axis. */
    public static Zpk cheby2(int n, double rs) {
        requireOrder(n);
        double de = 1.0 / Math.sqrt(Math.pow(10, 0.1 * rs) - 1);
        double mu = asinh(1.0 / de) / n;
        List<Complex> z = new ArrayList<>(n);
        for (int m = -n + 1; m < n; m += 2) {
            if (m == 0) {
                continue; // odd orders: the zero at infinity is dropped
            }
            // -conj(i / sin(m pi / 2n))
            z.add(new Complex(0, 1.0 / Math.sin(m * Math.PI / (2.0 * n))).conj().negate());
        }
        List<Complex> p = new ArrayList<>(n);
        for (int m = -n + 1; m < n; m += 2) {
            Complex b = Complex.expi(Math.PI * m / (2.0 * n)).negate();
            Complex warped = new Complex(Math.sinh(mu) * b.re(), Math.cosh(mu) * b.im());
            p.add(warped.reciprocal());
        }
        double k = Zpk.product(p, true).div(Zpk.product(z, true)).re();
        return new Zpk(z, p, k);
    }

    /**
     * Elliptic (Cauer) with {@code rp} dB ripple and {@code rs} dB attenuation, by Orfanidis'
     * degree equation solved with nomes, as scipy's ellipap.
     */
    public static Zpk ellip(int n, double rp, double rs) {
        requireOrder(n);
        if (n == 1) {
            double p = -Math.sqrt(1.0 / Math.expm1(0.1 * rp * Math.log(10)));
            return new Zpk(List.of(), List.of(Complex.real(p)), -p);
        }
        double epsSq = Math.expm1(0.1 * rp * Math.log(10));
        double eps = Math.sqrt(epsSq);
        double ck1Sq = epsSq / Math.expm1(0.1 * rs * Math.log(10));
        if (ck1Sq == 0) {
            throw new IllegalArgumentException("cannot design an elliptic filter with these ripple and attenuation values");
        }
        double k1 = EllipticFunctions.ellipk(ck1Sq);
        double m = EllipticFunctions.ellipdeg(n, ck1Sq);
        double capk = EllipticFunctions.ellipk(m);

        List<Complex> z = new ArrayList<>();
        List<double[]> scd = new ArrayList<>();
        for (int j = 1 - n % 2; j < n; j += 2) {
            double[] r = EllipticFunctions.ellipj(j * capk / n, m);
            scd.add(r);
            if (Math.abs(r[0]) > EllipticFunctions.EPSILON) {
                z.add(new Complex(0, 1.0 / (Math.sqrt(m) * r[0])));
            }
        }
        int nz = z.size();
        for (int i = 0; i < nz; i++) {
            z.add(z.get(i).conj());
        }

        double r = EllipticFunctions.arcJacSc1(1.0 / eps, ck1Sq);
        double v0 = capk * r / (n * k1);
        double[] v = EllipticFunctions.ellipj(v0, 1 - m);
        double sv = v[0], cv = v[1], dv = v[2];
        List<Complex> p = new ArrayList<>();
        for (double[] e : scd) {
            double s = e[0], c = e[1], d = e[2];
            double den = 1 - (d * sv) * (d * sv);
            p.add(new Complex(-(c * d * sv * cv) / den, -(s * dv) / den));
        }
        int np = p.size();
        if (n % 2 == 1) {
            double norm = 0;
            for (Complex c : p) {
                norm += c.re() * c.re() + c.im() * c.im();
            }
            double threshold = EllipticFunctions.EPSILON * Math.sqrt(norm);
            for (int i = 0; i < np; i++) {
                if (Math.abs(p.get(i).im()) > threshold) {
                    p.add(p.get(i).conj());
                }
            }
        } else {
            for (int i = 0; i < np; i++) {
                p.add(p.get(i).conj());
            }
        }
        double k = Zpk.product(p, true).div(Zpk.product(z, true)).re();
        if (n % 2 == 0) {
            k = k / Math.sqrt(1 + epsSq);
        }
        return new Zpk(z, p, k);
    }

    /**
     * Bessel/Thomson, phase-normalised (scipy's default norm='phase'): the reverse Bessel
     * polynomial's roots scaled so the asymptotes match a Butterworth filter's.
     */
    public static Zpk bessel(int n) {
        requireOrder(n);
        List<Complex> roots = BesselPolynomial.zeros(n);
        double aLast = BesselPolynomial.lastCoefficient(n);
        double scale = Math.pow(10, -Math.log10(aLast) / n);
        List<Complex> p = new ArrayList<>(n);
        for (Complex x : roots) {
            p.add(x.reciprocal().times(scale));
        }
        return new Zpk(List.of(), p, 1.0);
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    private static void requireOrder(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("filter order must be at least 1, got " + n);
        }
    }
}
