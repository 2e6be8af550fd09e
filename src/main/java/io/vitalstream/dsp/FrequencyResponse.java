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
        for (int k = 0; k < points; k++) {
            f[k] = fs / 2 * k / (points - 1);
            double w = Math.PI * k / (points - 1);
            double[] h = switch (spec) {
                case FilterSpec.Iir iir -> {
                    double[] r = iir.sos().response(w);
                    yield iir.zeroPhase() ? new double[] {r[0] * r[0] + r[1] * r[1], 0} : r;
                }
                case FilterSpec.Fir fir -> fir(fir.taps(), w, fir.zeroPhase() ? (fir.taps().length - 1) / 2 : 0);
                case FilterSpec.MovingAverage ma -> fir(box(ma.window()), w, ma.window() / 2);
                case FilterSpec.Gaussian g -> {
                    int radius = Smoothing.gaussianRadius(g.sigma());
                    double[] x = new double[2 * radius + 1];
                    x[radius] = 1;
                    yield fir(Smoothing.gaussian(x, g.sigma()), w, radius);
                }
                case FilterSpec.SavitzkyGolay sg -> fir(io.vitalstream.dsp.design.SavitzkyGolay.coefficients(sg.window(), sg.polyorder()),
                        w, sg.window() / 2);
                default -> throw new InvalidParameterException("filter_params", "this filter has no fixed frequency response "
                        + "(median, adaptive, trained and other nonlinear methods depend on the signal)");
            };
            double m = Math.hypot(h[0], h[1]);
            mag[k] = 20 * Math.log10(Math.max(m, 1e-15));
            phase[k] = Math.toDegrees(Math.atan2(h[1], h[0]));
        }
        return new Curve(f, mag, phase);
    }

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
