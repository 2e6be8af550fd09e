package io.vitalstream.dsp;

import io.vitalstream.error.InvalidParameterException;

/**
 * The frequency response of a designed linear filter, for plotting: magnitude (dB) and phase
 * (degrees) at {@code points} frequencies from 0 to Nyquist. Zero-phase IIR filtering has
 * |H|^2 and no phase; zero-phase FIR ('same') has |H| with its linear-phase delay removed.
 * Nonlinear and adaptive methods have no fixed response.
 */
public final class FrequencyResponse {

    public record Curve(double[] frequencies, double[] magnitudeDb, double[] phaseDeg) {
    }

    private FrequencyResponse() {
    }

    public static Curve of(FilterSpec spec, double fs, int points) {
        if (points < 2 || points > 20_000) {
            throw new InvalidParameterException("points", "points must be between 2 and 20000");
        }
        double[] f = new double[points];
        double[] mag = new double[points];
        double[] phase = new double[points];
        // FIR-like filters: the impulse response once, then its DTFT at every point
        int delay = 0;
        double[] taps = switch (spec) {
            case FilterSpec.Iir iir -> null;
            case FilterSpec.Fir fir -> {
                delay = fir.zeroPhase() ? (fir.taps().length - 1) / 2 : 0;
                yield fir.taps();
            }
            case FilterSpec.MovingAverage ma -> {
                delay = ma.window() / 2;
                yield box(ma.window());
            }
            case FilterSpec.Gaussian g -> {
                delay = Smoothing.gaussianRadius(g.sigma());
                yield Smoothing.gaussianWeights(g.sigma());
            }
            case FilterSpec.SavitzkyGolay sg -> {
                delay = sg.window() / 2;
                yield io.vitalstream.dsp.design.SavitzkyGolay.coefficients(sg.window(), sg.polyorder());
            }
            default -> throw new InvalidParameterException("filter_params", "this filter has no fixed frequency response "
                    + "(median, adaptive, trained and other nonlinear methods depend on the signal)");
        };
        if (taps != null && (double) taps.length * points > MAX_TERMS) {
            throw new InvalidParameterException("points", "the response of a " + taps.length + "-tap filter at " + points
                    + " points is too much work; ask for at most " + Math.max(2, (long) (MAX_TERMS / taps.length)) + " points");
        }
        for (int k = 0; k < points; k++) {
            f[k] = fs / 2 * k / (points - 1);
            double w = Math.PI * k / (points - 1);
            double[] h;
            if (spec instanceof FilterSpec.Iir iir) {
                double[] r = iir.sos().response(w);
                h = iir.zeroPhase() ? new double[] {r[0] * r[0] + r[1] * r[1], 0} : r;
            } else {
                h = fir(taps, w, delay);
            }
            double m = Math.hypot(h[0], h[1]);
            mag[k] = 20 * Math.log10(Math.max(m, 1e-15));
            phase[k] = Math.toDegrees(Math.atan2(h[1], h[0]));
        }
        return new Curve(f, mag, phase);
    }

    /** Impulse-response length times points, at most: about half a second of trigonometry. */
    static final double MAX_TERMS = 5e7;

    private static double[] box(int n) {
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0 / n);
        return b;
    }

    /** sum_k h[k] e^{-i w (k - delay)}. */
    private static double[] fir(double[] h, double w, int delay) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < h.length; k++) {
            double a = -w * (k - delay);
            re += h[k] * Math.cos(a);
            im += h[k] * Math.sin(a);
        }
        return new double[] {re, im};
    }
}
