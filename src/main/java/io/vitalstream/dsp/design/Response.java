package io.vitalstream.dsp.design;

/** The shape of a frequency-selective filter. */
public enum Response {
    LOWPASS, HIGHPASS, BANDPASS, BANDSTOP;

    public boolean isBand() {
        return this == BANDPASS || this == BANDSTOP;
    }
}
