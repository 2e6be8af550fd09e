package io.vitalstream.dsp.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Frequency transformations of an analog low-pass prototype and the bilinear transform to
 * the z-plane, as scipy.signal's lp2lp_zpk, lp2hp_zpk, lp2bp_zpk, lp2bs_zpk, bilinear_zpk.
 */
public final class ZpkTransform {

    private ZpkTransform() {
    }

    /** s -> s / wo. */
    public static Zpk lowpass(Zpk proto, double wo) {
        int degree = proto.relativeDegree();
        return new Zpk(scale(proto.zeros(), wo), scale(proto.poles(), wo), proto.gain() * Math.pow(wo, degree));
    }

    /** s -> wo / s; the zeros at infinity move to the origin. */
    public static Zpk highpass(Zpk proto, double wo) {
        int degree = proto.relativeDegree();
        List<Complex> z = invert(proto.zeros(), wo);
        List<Complex> p = invert(proto.poles(), wo);
        for (int i = 0; i < degree; i++) {
            z.add(Complex.ZERO);
        }
        double k = proto.gain() * Zpk.product(proto.zeros(), true).div(Zpk.product(proto.poles(), true)).re();
        return new Zpk(z, p, k);
    }

    /** s -> (s^2 + wo^2) / (s bw): each root splits in two; zeros at infinity go to the origin. */
    public static Zpk bandpass(Zpk proto, double wo, double bw) {
        int degree = proto.relativeDegree();
        List<Complex> z = split(scale(proto.zeros(), bw / 2), wo);
        List<Complex> p = split(scale(proto.poles(), bw / 2), wo);
        for (int i = 0; i < degree; i++) {
            z.add(Complex.ZERO);
        }
        return new Zpk(z, p, proto.gain() * Math.pow(bw, degree));
    }

    /** s -> s bw / (s^2 + wo^2): zeros at infinity go to +-i wo. */
    public static Zpk bandstop(Zpk proto, double wo, double bw) {
        int degree = proto.relativeDegree();
        List<Complex> z = split(invert(proto.zeros(), bw / 2), wo);
        List<Complex> p = split(invert(proto.poles(), bw / 2), wo);
        for (int i = 0; i < degree; i++) {
            z.add(new Complex(0, wo));
        }
        for (int i = 0; i < degree; i++) {
            z.add(new Complex(0, -wo));
        }
        double k = proto.gain() * Zpk.product(proto.zeros(), true).div(Zpk.product(proto.poles(), true)).re();
        return new Zpk(z, p, k);
    }

    /** Bilinear transform s = 2 fs (z - 1) / (z + 1); zeros at infinity go to z = -1. */
    public static Zpk bilinear(Zpk analog, double fs) {
        int degree = analog.relativeDegree();
        double fs2 = 2.0 * fs;
        List<Complex> z = new ArrayList<>();
        for (Complex c : analog.zeros()) {
            z.add(c.plus(fs2).div(c.negate().plus(fs2)));
        }
        List<Complex> p = new ArrayList<>();
        for (Complex c : analog.poles()) {
            p.add(c.plus(fs2).div(c.negate().plus(fs2)));
        }
        for (int i = 0; i < degree; i++) {
            z.add(Complex.real(-1));
        }
        Complex num = Complex.ONE;
        for (Complex c : analog.zeros()) {
            num = num.times(c.negate().plus(fs2));
        }
        Complex den = Complex.ONE;
        for (Complex c : analog.poles()) {
            den = den.times(c.negate().plus(fs2));
        }
        return new Zpk(z, p, analog.gain() * num.div(den).re());
    }

    private static List<Complex> scale(List<Complex> roots, double factor) {
        List<Complex> out = new ArrayList<>(roots.size());
        for (Complex c : roots) {
            out.add(c.times(factor));
        }
        return out;
    }

    private static List<Complex> invert(List<Complex> roots, double numerator) {
        List<Complex> out = new ArrayList<>(roots.size());
        for (Complex c : roots) {
            out.add(Complex.real(numerator).div(c));
        }
        return out;
    }

    /** r -> r +- sqrt(r^2 - wo^2), all '+' roots first, as scipy concatenates them. */
    private static List<Complex> split(List<Complex> roots, double wo) {
        List<Complex> plus = new ArrayList<>(roots.size() * 2);
        List<Complex> minus = new ArrayList<>(roots.size());
        for (Complex r : roots) {
            Complex root = r.times(r).plus(-wo * wo).sqrt();
            plus.add(r.plus(root));
            minus.add(r.minus(root));
        }
        plus.addAll(minus);
        return plus;
    }
}
