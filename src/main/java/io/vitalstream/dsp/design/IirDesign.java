package io.vitalstream.dsp.design;

/**
 * Digital IIR design as scipy.signal.iirfilter(..., output='sos', fs=fs): analog prototype,
 * frequency transformation at pre-warped edges, bilinear transform, nearest pairing.
 */
public final class IirDesign {

    private IirDesign() {
    }

    /**
     * @param cutoffs one edge (Hz) for low/high-pass, two (low, high) for band filters
     * @param order   scipy's N; band filters get 2N poles
     */
    public static Sos design(IirFamily family, Response response, int order, double[] cutoffs, double fs,
                             double rippleDb, double stopbandDb) {
        int expected = response.isBand() ? 2 : 1;
        if (cutoffs.length != expected) {
            throw new IllegalArgumentException(response + " needs " + expected + " cut-off frequencies");
        }
        double[] warped = new double[cutoffs.length];
        for (int i = 0; i < cutoffs.length; i++) {
            double wn = 2 * cutoffs[i] / fs; // normalised to Nyquist, as iirfilter with fs
            if (!(wn > 0 && wn < 1)) {
                throw new IllegalArgumentException("cut-off " + cutoffs[i] + " Hz must lie strictly between 0 and the Nyquist frequency " + fs / 2 + " Hz");
            }
            // scipy pre-warps with its internal fs = 2
            warped[i] = 2 * 2.0 * Math.tan(Math.PI * wn / 2.0);
        }
        Zpk proto = family.prototype(order, rippleDb, stopbandDb);
        Zpk analog = switch (response) {
            case LOWPASS -> ZpkTransform.lowpass(proto, warped[0]);
            case HIGHPASS -> ZpkTransform.highpass(proto, warped[0]);
            case BANDPASS -> ZpkTransform.bandpass(proto, Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
            case BANDSTOP -> ZpkTransform.bandstop(proto, Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
        };
        return SosPairing.toSos(ZpkTransform.bilinear(analog, 2.0));
    }

    /**
     * scipy.signal.iirnotch: a second-order notch at {@code f0} Hz whose -3 dB bandwidth is
     * f0 / Q.
     */
    public static Sos notch(double f0, double quality, double fs) {
        double w0 = 2 * f0 / fs;
        if (!(w0 > 0 && w0 < 1)) {
            throw new IllegalArgumentException("notch frequency " + f0 + " Hz must lie strictly between 0 and the Nyquist frequency " + fs / 2 + " Hz");
        }
        if (!(quality > 0)) {
            throw new IllegalArgumentException("quality factor must be positive");
        }
        double bw = w0 / quality * Math.PI;
        w0 = w0 * Math.PI;
        double gb = 1 / Math.sqrt(2);
        double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double c = Math.cos(w0);
        return new Sos(new double[][] {{gain, -2.0 * c * gain, gain, 1.0, -2.0 * gain * c, 2.0 * gain - 1.0}});
    }
}
