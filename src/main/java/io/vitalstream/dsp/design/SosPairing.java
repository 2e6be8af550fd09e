package io.vitalstream.dsp.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Digital zeros, poles and gain to second-order sections with scipy.signal.zpk2sos's
 * default 'nearest' pairing: the poles closest to the unit circle go last, each paired
 * with its nearest zeros, and the gain goes into the first section.
 */
public final class SosPairing {

    private static final double TOLERANCE = 100 * Math.ulp(1.0);

    private SosPairing() {
    }

    public static Sos toSos(Zpk zpk) {
        List<Complex> z = new ArrayList<>(zpk.zeros());
        List<Complex> p = new ArrayList<>(zpk.poles());
        if (z.isEmpty() && p.isEmpty()) {
            return new Sos(new double[][] {{zpk.gain(), 0, 0, 1, 0, 0}});
        }
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int sections = (p.size() + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        z = conjugatePairs(z);
        p = conjugatePairs(p);

        double[][] sos = new double[sections][];
        for (int si = sections - 1; si >= 0; si--) {
            Complex p1 = p.remove(worst(p));
            long realPoles = p.stream().filter(Complex::isReal).count();
            long realZeros = z.stream().filter(Complex::isReal).count();
            if (p1.isReal() && realPoles == 0) {
                // the last remaining real pole pairs with a real zero, padded to second order
                Complex z1 = z.remove(nearest(z, p1, Kind.REAL));
                sos[si] = section(List.of(z1, Complex.ZERO), List.of(p1, Complex.ZERO));
            } else if (p.size() + 1 == z.size() && !p1.isReal() && realPoles == 1 && realZeros == 1) {
                // one real pole and one real zero are left: this complex pole must take a complex zero
                Complex z1 = z.remove(nearest(z, p1, Kind.COMPLEX));
                sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p1.conj()));
            } else {
                Complex p2;
                if (p1.isReal()) {
                    List<Integer> realIndex = new ArrayList<>();
                    for (int i = 0; i < p.size(); i++) {
                        if (p.get(i).isReal()) {
                            realIndex.add(i);
                        }
                    }
                    List<Complex> reals = realIndex.stream().map(p::get).toList();
                    p2 = p.remove((int) realIndex.get(worst(reals)));
                } else {
                    p2 = p1.conj();
                }
                if (!z.isEmpty()) {
                    Complex z1 = z.remove(nearest(z, p1, Kind.ANY));
                    if (!z1.isReal()) {
                        sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p2));
                    } else if (!z.isEmpty()) {
                        Complex z2 = z.remove(nearest(z, p1, Kind.REAL));
                        sos[si] = section(List.of(z1, z2), List.of(p1, p2));
                    } else {
                        sos[si] = section(List.of(z1), List.of(p1, p2));
                    }
                } else {
                    sos[si] = section(List.of(), List.of(p1, p2));
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            sos[0][i] *= zpk.gain();
        }
        return new Sos(sos);
    }

    private enum Kind { REAL, COMPLEX, ANY }

    /** Index of the root closest to the unit circle (first on ties, as numpy's argmin). */
    private static int worst(List<Complex> roots) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < roots.size(); i++) {
            double d = Math.abs(1 - roots.get(i).abs());
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static int nearest(List<Complex> from, Complex to, Kind kind) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < from.size(); i++) {
            Complex c = from.get(i);
            boolean eligible = switch (kind) {
                case REAL -> c.isReal();
                case COMPLEX -> !c.isReal();
                case ANY -> true;
            };
            double d = c.minus(to).abs();
            if (eligible && d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no " + kind + " root left to pair with " + to);
        }
        return best;
    }

    /** b = poly(z), a = poly(p), right-aligned in the six coefficients. */
    private static double[] section(List<Complex> z, List<Complex> p) {
        double[] b = poly(z);
        double[] a = poly(p);
        double[] row = new double[6];
        System.arraycopy(b, 0, row, 3 - b.length, b.length);
        System.arraycopy(a, 0, row, 6 - a.length, a.length);
        return row;
    }

    private static double[] poly(List<Complex> roots) {
        Complex[] c = {Complex.ONE};
        for (Complex r : roots) {
            Complex[] next = new Complex[c.length + 1];
            next[0] = c[0];
            for (int i = 1; i < c.length; i++) {
                next[i] = c[i].minus(c[i - 1].times(r));
            }
            next[c.length] = c[c.length - 1].times(r).negate();
            c = next;
        }
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].re();
        }
        return out;
    }

    /**
     * scipy's _cplxreal: real roots (within 100 eps) made exactly real; of each conjugate pair
     * only the member with positive imaginary part, averaged with its partner. Complex ones
     * first, each group sorted by real part then |imag|.
     */
    static List<Complex> conjugatePairs(List<Complex> roots) {
        List<Complex> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im())));
        List<Complex> reals = new ArrayList<>();
        List<Complex> positive = new ArrayList<>();
        List<Complex> negative = new ArrayList<>();
        for (Complex c : sorted) {
            if (Math.abs(c.im()) <= TOLERANCE * c.abs()) {
                reals.add(Complex.real(c.re()));
            } else if (c.im() > 0) {
                positive.add(c);
            } else {
                negative.add(c);
            }
        }
        if (positive.size() != negative.size()) {
            throw new IllegalArgumentException("complex roots without conjugates");
        }
        List<Complex> out = new ArrayList<>(positive.size() + reals.size());
        boolean[] used = new boolean[negative.size()];
        for (Complex zp : positive) {
            int match = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < negative.size(); j++) {
                double d = zp.minus(negative.get(j).conj()).abs();
                if (!used[j] && d < bestDistance) {
                    bestDistance = d;
                    match = j;
                }
            }
            used[match] = true;
            out.add(zp.plus(negative.get(match).conj()).times(0.5));
        }
        out.addAll(reals);
        return out;
    }
}
