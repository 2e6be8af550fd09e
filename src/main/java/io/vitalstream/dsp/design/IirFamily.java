package io.vitalstream.dsp.design;

/** The IIR approximations scipy.signal.iirfilter offers. */
public enum IirFamily {
    BUTTER, CHEBY1, CHEBY2, ELLIP, BESSEL;

    /** The analog low-pass prototype of order n with the given ripple and attenuation (dB). */
    public Zpk prototype(int n, double rippleDb, double stopbandDb) {
        return switch (this) {
            case BUTTER -> AnalogPrototype.butter(n);
            case CHEBY1 -> AnalogPrototype.cheby1(n, rippleDb);
            case CHEBY2 -> AnalogPrototype.cheby2(n, stopbandDb);
            case ELLIP -> AnalogPrototype.ellip(n, rippleDb, stopbandDb);
            case BESSEL -> AnalogPrototype.bessel(n);
        };
    }
}
