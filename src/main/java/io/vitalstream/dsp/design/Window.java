package io.vitalstream.dsp.design;

import java.util.Locale;

/** Symmetric windows (scipy.signal.get_window(..., fftbins=False)) for FIR design. */
public sealed interface Window {

    /** The window of {@code length} points (a single point is 1, as scipy gives). */
    default double[] samples(int length) {
        double[] w = new double[length];
        if (length == 1) {
            w[0] = 1;
        } else {
            fill(w);
        }
        return w;
    }

    /** Writes the window's w.length (at least 2) points. */
    void fill(double[] w);

    static Window parse(String name, Double beta) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hamming" -> new GeneralCosine(new double[] {0.54, 0.46});
            case "hann", "hanning" -> new GeneralCosine(new double[] {0.5, 0.5});
            case "blackman" -> new GeneralCosine(new double[] {0.42, 0.50, 0.08});
            case "rectangular", "boxcar", "rect" -> new GeneralCosine(new double[] {1.0});
            case "kaiser" -> new Kaiser(beta == null ? Kaiser.DEFAULT_BETA : beta);
            default -> throw new IllegalArgumentException("unknown window '" + name + "'; use hamming, hann, blackman, kaiser or rectangular");
        };
    }

    /** w[n] = sum_k (-1)^k a_k cos(2 pi k n / (M - 1)), written as scipy's general_cosine. */
    record GeneralCosine(double[] a) implements Window {
        @Override
        public void fill(double[] w) {
            int m = w.length;
            for (int n = 0; n < m; n++) {
                // fac = linspace(-pi, pi, M)
                double fac = -Math.PI + 2 * Math.PI * n / (m - 1);
                double sum = 0;
                for (int k = 0; k < a.length; k++) {
                    sum += a[k] * Math.cos(k * fac);
                }
                w[n] = sum;
            }
        }
    }

    /** Kaiser: I0(beta sqrt(1 - ((n - alpha)/alpha)^2)) / I0(beta). */
    record Kaiser(double beta) implements Window {
        static final double DEFAULT_BETA = 8.6;

        public Kaiser {
            if (!(beta >= 0) || beta > 700) {
                throw new IllegalArgumentException("kaiser beta must be between 0 and 700, got " + beta);
            }
        }

        @Override
        public void fill(double[] w) {
            int m = w.length;
            double alpha = (m - 1) / 2.0;
            double denominator = besselI0(beta);
            for (int n = 0; n < m; n++) {
                double r = (n - alpha) / alpha;
                w[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denominator;
            }
        }

        /** Modified Bessel function of the first kind, order 0: sum_k ((x/2)^k / k!)^2. */
        static double besselI0(double x) {
            double term = 1;
            double sum = 1;
            double q = x * x / 4;
            for (int k = 1; k < 1000; k++) {
                term *= q / ((double) k * k);
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            return sum;
        }
    }
}
