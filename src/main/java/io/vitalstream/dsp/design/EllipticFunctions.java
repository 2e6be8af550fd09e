package io.vitalstream.dsp.design;

/**
 * Complete elliptic integrals and Jacobi elliptic functions (parameter m = k^2), and the
 * helpers of Orfanidis' elliptic filter design ("Lecture Notes on Elliptic Filter Design").
 */
final class EllipticFunctions {

    /** numpy's float64 machine epsilon, scipy's EPSILON in ellipap. */
    static final double EPSILON = Math.ulp(1.0);
    private static final double MACHEP = 1.11022302462515654042E-16;
    private static final int ELLIPDEG_MMAX = 7;
    private static final int ARC_JAC_SN_MAXITER = 10;

    private EllipticFunctions() {
    }

    /** K(m) = pi / (2 AGM(1, sqrt(1 - m))). */
    static double ellipk(double m) {
        return ellipkm1(1.0 - m);
    }

    /** K(1 - p), accurate for small p because sqrt(p) is formed directly. */
    static double ellipkm1(double p) {
        if (p == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double a = 1.0;
        double b = Math.sqrt(p);
        for (int i = 0; i < 64 && Math.abs(a - b) > MACHEP * a; i++) {
            double an = 0.5 * (a + b);
            b = Math.sqrt(a * b);
            a = an;
        }
        return Math.PI / (a + b);
    }

    /**
     * Jacobi sn, cn, dn and amplitude of (u | m) by the descending AGM scale and backward
     * recurrence (DLMF 22.20(ii)), with series near m = 0 and m = 1 (as Cephes' ellpj).
     */
    static double[] ellipj(double u, double m) {
        if (m < 0 || m > 1 || Double.isNaN(m)) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        if (m < 1.0e-9) {
            double t = Math.sin(u);
            double b = Math.cos(u);
            double ai = 0.25 * m * (u - t * b);
            return new double[] {t - ai * b, b + ai * t, 1.0 - 0.5 * m * t * t, u - ai};
        }
        if (m >= 0.9999999999) {
            double ai = 0.25 * (1.0 - m);
            double b = Math.cosh(u);
            double t = Math.tanh(u);
            double phi = 1.0 / b;
            double twon = b * Math.sinh(u);
            double sn = t + ai * (twon - u) / (b * b);
            double ph = 2.0 * Math.atan(Math.exp(u)) - Math.PI / 2 + ai * (twon - u) / b;
            ai *= t * phi;
            return new double[] {sn, phi - ai * (twon - u), phi + ai * (twon + u), ph};
        }
        double[] a = new double[9];
        double[] c = new double[9];
        a[0] = 1.0;
        double b = Math.sqrt(1.0 - m);
        c[0] = Math.sqrt(m);
        double twon = 1.0;
        int i = 0;
        while (Math.abs(c[i] / a[i]) > MACHEP && i <= 7) {
            double ai = a[i];
            ++i;
            c[i] = (ai - b) / 2.0;
            double t = Math.sqrt(ai * b);
            a[i] = (ai + b) / 2.0;
            b = t;
            twon *= 2.0;
        }
        double phi = twon * a[i] * u;
        double prev;
        do {
            double t = c[i] * Math.sin(phi) / a[i];
            prev = phi;
            phi = (Math.asin(t) + phi) / 2.0;
        } while (--i > 0);
        double sn = Math.sin(phi);
        double cn = Math.cos(phi);
        double dnfix = cn / Math.cos(phi - prev);
        double dn = Math.abs(dnfix) < 0.1 ? Math.sqrt(1 - m * sn * sn) : dnfix;
        return new double[] {sn, cn, dn, phi};
    }

    /** Solves the degree equation n K(m)/K'(m) = K(m1)/K'(m1) for m with nomes (Orfanidis eq. 49). */
    static double ellipdeg(int n, double m1) {
        double k1 = ellipk(m1);
        double k1p = ellipkm1(m1);
        double q1 = Math.exp(-Math.PI * k1p / k1);
        double q = Math.pow(q1, 1.0 / n);
        double num = 0;
        for (int i = 0; i <= ELLIPDEG_MMAX; i++) {
            num += Math.pow(q, i * (i + 1));
        }
        double den = 0;
        for (int i = 1; i <= ELLIPDEG_MMAX + 1; i++) {
            den += Math.pow(q, i * i);
        }
        den = 1 + 2 * den;
        double ratio = num / den;
        return 16 * q * ratio * ratio * ratio * ratio;
    }

    /**
     * Real z with i*w = sn(i*z, m), i.e. the inverse Jacobi sc function, by descending Landen
     * transformations (Orfanidis eq. 56). On the imaginary axis every step stays imaginary,
     * so the iteration runs on w's imaginary part alone.
     */
    static double arcJacSc1(double w, double m) {
        double k = Math.sqrt(m);
        if (k > 1) {
            return Double.NaN;
        }
        if (k == 1) {
            throw new IllegalArgumentException("arc_jac_sc1 needs m < 1");
        }
        double[] ks = new double[ARC_JAC_SN_MAXITER + 2];
        int count = 1;
        ks[0] = k;
        while (ks[count - 1] != 0) {
            double kp = complement(ks[count - 1]);
            ks[count] = (1 - kp) / (1 + kp);
            count++;
            if (count - 1 > ARC_JAC_SN_MAXITER) {
                throw new IllegalArgumentException("Landen transformation not converging");
            }
        }
        double capK = Math.PI / 2;
        for (int i = 1; i < count; i++) {
            capK *= 1 + ks[i];
        }
        double y = w;
        for (int i = 0; i + 1 < count; i++) {
            double kn = ks[i];
            double knext = ks[i + 1];
            // complement(kn * i y) = sqrt(1 + kn^2 y^2), real
            y = 2 * y / ((1 + knext) * (1 + Math.sqrt(1 + kn * kn * y * y)));
        }
        // arcsin(i y) = i asinh(y)
        double asinh = Math.log(y + Math.sqrt(y * y + 1));
        return capK * 2 / Math.PI * asinh;
    }

    private static double complement(double kx) {
        return Math.sqrt((1 - kx) * (1 + kx));
    }
}
