package io.vitalstream.dsp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitalstream.dsp.design.DoubleDouble;
import io.vitalstream.dsp.design.Sos;

/**
 * What a segment of m samples does to a cascade's state, as fixed linear maps. The cascade
 * of S transposed-direct-form-II sections is the state-space system
 * <pre>
 *   w[t+1] = A w[t] + B x[t],   y[t] = C w[t] + D x[t]        (w: 2S states)
 * </pre>
 * so over a segment the final state is Phi w[0] + (the final state from rest), with
 * <ul>
 * <li>Phi = A^m, the zero-input transition;</li>
 * <li>Psi = sum_{t < m} A^t B C A^t, for forward-backward filtering: the backward pass's final
 *     state when it filters, from rest, the forward zero-input response C A^t w[0] of the
 *     segment (input t is followed by t more backward steps).</li>
 * </ul>
 * Narrow filters make these maps badly conditioned (a unit state in an early section is
 * amplified by the resonances of the later ones, and Psi is a sum of such terms that cancel),
 * so A, B, C are read off the section recurrence and both maps computed in double-double
 * arithmetic by binary powering (Phi_{2k} = Phi_k^2, Psi_{2k} = Psi_k + Phi_k Psi_k Phi_k;
 * one step more: Psi_{k+1} = Psi_k + Phi_k B C Phi_k), then rounded to double. Row-major,
 * [i * states + j].
 */
final class StateTransition {

    final int states;
    final double[] phi;
    final double[] psi;
    private final double[] phiLo;
    private final double[] psiLo;
    private final DdMatrix phiDd;

    private StateTransition(int states, DdMatrix phi, DdMatrix psi) {
        this.states = states;
        this.phiDd = phi;
        this.phi = phi.rounded();
        this.psi = psi.rounded();
        this.phiLo = phi.lo;
        this.psiLo = psi.lo;
    }

    private record Key(Sos sos, int length) {
    }

    private static final int CACHED = 32;
    /** The last {@value #CACHED} filters and lengths (weight 1 each: the cache variant the service already uses). */
    private static final Cache<Key, StateTransition> CACHE = Caffeine.newBuilder().maximumWeight(CACHED).weigher((Key k, StateTransition v) -> 1).build();

    /** The maps for segments of {@code length} samples; cached per filter and length. */
    static StateTransition of(Sos sos, int length) {
        return CACHE.get(new Key(sos, length), k -> compute(sos.flat(), length));
    }

    static StateTransition compute(double[] flat, int length) {
        int n = flat.length / 3;
        // A, B, C read off one step of the recurrence, in double-double
        DdMatrix a = new DdMatrix(n);
        double[] bh = new double[n], bl = new double[n], ch = new double[n], cl = new double[n];
        double[] sh = new double[n], sl = new double[n];
        for (int j = 0; j <= n; j++) {
            java.util.Arrays.fill(sh, 0.0);
            java.util.Arrays.fill(sl, 0.0);
            double xh = 0;
            if (j < n) {
                sh[j] = 1;
            } else {
                xh = 1; // the input column
            }
            double[] y = step(flat, sh, sl, xh);
            for (int i = 0; i < n; i++) {
                if (j < n) {
                    a.hi[i * n + j] = sh[i];
                    a.lo[i * n + j] = sl[i];
                } else {
                    bh[i] = sh[i];
                    bl[i] = sl[i];
                }
            }
            if (j < n) {
                ch[j] = y[0];
                cl[j] = y[1];
            }
        }
        DdMatrix bc = new DdMatrix(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] p = DoubleDouble.mul(bh[i], bl[i], ch[j], cl[j]);
                bc.hi[i * n + j] = p[0];
                bc.lo[i * n + j] = p[1];
            }
        }
        DdMatrix p = DdMatrix.identity(n);
        DdMatrix s = new DdMatrix(n);
        for (int bit = 31 - Integer.numberOfLeadingZeros(length); bit >= 0; bit--) {
            s = s.plus(p.times(s).times(p));
            p = p.times(p);
            if ((length >>> bit & 1) != 0) {
                s = s.plus(p.times(bc).times(p));
                p = p.times(a);
            }
        }
        return new StateTransition(n, p, s);
    }

    /**
     * Phi^m for m = 0 .. count - 1 (Phi of this transition's length), each computed in
     * double-double by repeated multiplication and rounded once: [m * states^2 + i * states + j].
     */
    double[] powers(int count) {
        double[] out = new double[count * states * states];
        DdMatrix p = DdMatrix.identity(states);
        for (int m = 0; m < count; m++) {
            double[] r = p.rounded();
            System.arraycopy(r, 0, out, m * states * states, r.length);
            if (m + 1 < count) {
                p = p.times(phiDd);
            }
        }
        return out;
    }

    /**
     * The zero-input response of the cascade: the output at t = 0 .. length - 1 from unit
     * state j and no input, in double-double, rounded once: [t * states + j].
     */
    static double[] unitStateResponses(double[] flat, int length) {
        int n = flat.length / 3;
        double[] out = new double[length * n];
        double[] sh = new double[n];
        double[] sl = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(sh, 0.0);
            java.util.Arrays.fill(sl, 0.0);
            sh[j] = 1;
            for (int t = 0; t < length; t++) {
                double[] y = step(flat, sh, sl, 0);
                out[t * n + j] = y[0] + y[1];
            }
        }
        return out;
    }

    /**
     * One sample through the sections in double-double: state (sh, sl) updated in place,
     * input xh; returns the output {hi, lo}. The same recurrence as {@code SosKernel.forward}.
     */
    private static double[] step(double[] flat, double[] sh, double[] sl, double xh) {
        double vh = xh, vl = 0;
        for (int s = 0; s < flat.length / 6; s++) {
            int c = s * 6;
            double[] y = DoubleDouble.add(DoubleDouble.mul(flat[c], 0, vh, vl), sh[2 * s], sl[2 * s]);
            double[] z0 = DoubleDouble.add(DoubleDouble.add(DoubleDouble.mul(flat[c + 1], 0, vh, vl), sh[2 * s + 1], sl[2 * s + 1]), DoubleDouble.mul(-flat[c + 4], 0, y[0], y[1]));
            double[] z1 = DoubleDouble.add(DoubleDouble.mul(flat[c + 2], 0, vh, vl), DoubleDouble.mul(-flat[c + 5], 0, y[0], y[1]));
            sh[2 * s] = z0[0];
            sl[2 * s] = z0[1];
            sh[2 * s + 1] = z1[0];
            sl[2 * s + 1] = z1[1];
            vh = y[0];
            vl = y[1];
        }
        return new double[] {vh, vl};
    }

    /**
     * (intoHi + intoLo)[at..] += Phi (xHi + xLo)[xAt..], in double-double: the scans carry
     * their states in double-double, because a boundary state is a sum of terms much larger
     * than itself for narrow filters.
     */
    void addPhi(double[] xHi, double[] xLo, int xAt, double[] intoHi, double[] intoLo, int at) {
        add(phi, phiLo, xHi, xLo, xAt, intoHi, intoLo, at);
    }

    void addPsi(double[] xHi, double[] xLo, int xAt, double[] intoHi, double[] intoLo, int at) {
        add(psi, psiLo, xHi, xLo, xAt, intoHi, intoLo, at);
    }

    private void add(double[] mHi, double[] mLo, double[] xHi, double[] xLo, int xAt, double[] intoHi, double[] intoLo, int at) {
        double[] accHi = new double[states];
        double[] accLo = new double[states];
        for (int i = 0; i < states; i++) {
            double sh = intoHi[at + i];
            double sl = intoLo[at + i];
            for (int j = 0; j < states; j++) {
                double[] p = DoubleDouble.mul(mHi[i * states + j], mLo[i * states + j], xHi[xAt + j], xLo[xAt + j]);
                double[] sum = DoubleDouble.add(sh, sl, p[0], p[1]);
                sh = sum[0];
                sl = sum[1];
            }
            accHi[i] = sh;
            accLo[i] = sl;
        }
        System.arraycopy(accHi, 0, intoHi, at, states);
        System.arraycopy(accLo, 0, intoLo, at, states);
    }


    /** A square matrix in double-double. */
    private static final class DdMatrix {
        final int n;
        final double[] hi;
        final double[] lo;

        DdMatrix(int n) {
            this.n = n;
            this.hi = new double[n * n];
            this.lo = new double[n * n];
        }

        static DdMatrix identity(int n) {
            DdMatrix m = new DdMatrix(n);
            for (int i = 0; i < n; i++) {
                m.hi[i * n + i] = 1;
            }
            return m;
        }

        DdMatrix times(DdMatrix o) {
            DdMatrix r = new DdMatrix(n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sh = 0, sl = 0;
                    for (int k = 0; k < n; k++) {
                        double[] p = DoubleDouble.mul(hi[i * n + k], lo[i * n + k], o.hi[k * n + j], o.lo[k * n + j]);
                        double[] s = DoubleDouble.add(sh, sl, p[0], p[1]);
                        sh = s[0];
                        sl = s[1];
                    }
                    r.hi[i * n + j] = sh;
                    r.lo[i * n + j] = sl;
                }
            }
            return r;
        }

        DdMatrix plus(DdMatrix o) {
            DdMatrix r = new DdMatrix(n);
            for (int i = 0; i < n * n; i++) {
                double[] s = DoubleDouble.add(hi[i], lo[i], o.hi[i], o.lo[i]);
                r.hi[i] = s[0];
                r.lo[i] = s[1];
            }
            return r;
        }

        double[] rounded() {
            double[] r = new double[n * n];
            for (int i = 0; i < n * n; i++) {
                r[i] = hi[i] + lo[i];
            }
            return r;
        }
    }
}
