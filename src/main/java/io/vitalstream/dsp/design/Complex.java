package io.vitalstream.dsp.design;

/** An immutable complex number, just enough arithmetic for filter design (not a hot path). */
public record Complex(double re, double im) {

    public static final Complex ZERO = new Complex(0, 0);
    public static final Complex ONE = new Complex(1, 0);

    public static Complex real(double re) {
        return new Complex(re, 0);
    }

    /** e^(i theta). */
    public static Complex expi(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }

    public Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    public Complex plus(double x) {
        return new Complex(re + x, im);
    }

    public Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    public Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    public Complex times(double x) {
        return new Complex(re * x, im * x);
    }

    /** Smith's algorithm, which avoids overflow for large operands. */
    public Complex div(Complex o) {
        if (Math.abs(o.re) >= Math.abs(o.im)) {
            double r = o.im / o.re;
            double d = o.re + o.im * r;
            return new Complex((re + im * r) / d, (im - re * r) / d);
        }
        double r = o.re / o.im;
        double d = o.re * r + o.im;
        return new Complex((re * r + im) / d, (im * r - re) / d);
    }

    public Complex reciprocal() {
        return ONE.div(this);
    }

    public Complex negate() {
        return new Complex(-re, -im);
    }

    public Complex conj() {
        return new Complex(re, -im);
    }

    public double abs() {
        return Math.hypot(re, im);
    }

    public boolean isReal() {
        return im == 0.0;
    }

    /** Principal square root (branch cut on the negative real axis, as numpy's csqrt). */
    public Complex sqrt() {
        if (re == 0 && im == 0) {
            return new Complex(0, im);
        }
        double t = Math.sqrt((Math.abs(re) + abs()) / 2);
        if (re >= 0) {
            return new Complex(t, im / (2 * t));
        }
        return new Complex(Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    @Override
    public String toString() {
        return re + (im < 0 ? "-" : "+") + Math.abs(im) + "j";
    }
}
