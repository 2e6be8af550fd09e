package io.vitalstream.dsp.design;

/** Windowed-sinc FIR design, scipy.signal.firwin(numtaps, cutoff, window, pass_zero, scale=True, fs). */
public final class FirDesign {

    private FirDesign() {
    }

    public static double[] firwin(int numTaps, double[] cutoffs, Response response, Window window, double fs) {
        if (numTaps < 1) {
            throw new IllegalArgumentException("num_taps must be at least 1");
        }
        double nyq = 0.5 * fs;
        double[] edges = new double[cutoffs.length];
        for (int i = 0; i < cutoffs.length; i++) {
            edges[i] = cutoffs[i] / nyq;
            if (!(edges[i] > 0 && edges[i] < 1)) {
                throw new IllegalArgumentException("cut-off " + cutoffs[i] + " Hz must lie strictly between 0 and the Nyquist frequency " + nyq + " Hz");
            }
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("cut-off frequencies must increase");
            }
        }
        boolean passZero = response == Response.LOWPASS || response == Response.BANDSTOP;
        boolean passNyquist = ((edges.length & 1) == 1) ^ passZero;
        if (passNyquist && numTaps % 2 == 0) {
            throw new IllegalArgumentException("a " + response.name().toLowerCase() + " FIR passes the Nyquist frequency, so num_taps must be odd (got " + numTaps + ")");
        }
        double[] bands = new double[edges.length + (passZero ? 1 : 0) + (passNyquist ? 1 : 0)];
        int b = 0;
        if (passZero) {
            bands[b++] = 0.0;
        }
        for (double e : edges) {
            bands[b++] = e;
        }
        if (passNyquist) {
            bands[b] = 1.0;
        }
        double alpha = 0.5 * (numTaps - 1);
        double[] h = new double[numTaps];
        for (int n = 0; n < numTaps; n++) {
            double m = n - alpha;
            double v = 0;
            for (int k = 0; k < bands.length; k += 2) {
                v += bands[k + 1] * sinc(bands[k + 1] * m);
                v -= bands[k] * sinc(bands[k] * m);
            }
            h[n] = v;
        }
        double[] w = window.samples(numTaps);
        for (int n = 0; n < numTaps; n++) {
            h[n] *= w[n];
        }
        // scale so the response is exactly 1 at the centre of the first passband
        double left = bands[0];
        double right = bands[1];
        double scaleFrequency = left == 0 ? 0.0 : right == 1 ? 1.0 : 0.5 * (left + right);
        double s = 0;
        for (int n = 0; n < numTaps; n++) {
            s += h[n] * Math.cos(Math.PI * (n - alpha) * scaleFrequency);
        }
        for (int n = 0; n < numTaps; n++) {
            h[n] /= s;
        }
        return h;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double y = Math.PI * x;
        return Math.sin(y) / y;
    }
}
