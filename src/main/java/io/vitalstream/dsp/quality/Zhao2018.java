package io.vitalstream.dsp.quality;

/**
 * Zhao and Zhang's fuzzy comprehensive evaluation of single-lead ECG quality (Zhao Z, Zhang Y,
 * 2018, "SQI quality evaluation mechanism of single-lead ECG signal based on simple heuristic
 * fusion and fuzzy comprehensive evaluation", Front. Physiol. 9:727), without qSQI (it needs two
 * QRS detectors), as NeuroKit2's "zhao2018" method with approach "fuzzy": each index gets
 * memberships of the grades excellent (H), barely acceptable (I) and unacceptable (J); the grades
 * are weighted 0.6 (pSQI), 0.2 (kSQI), 0.2 (basSQI) into S, and V = sum(j S_j^2) / sum(S_j^2)
 * classifies: excellent under 1.5, unacceptable from 2.4, barely acceptable between. Two slips in
 * NeuroKit2's transcription are corrected here: its pSQI ramps rise with slope 0.1 where the
 * membership must reach 1 across a 0.1-wide ramp (slope 10), and its basSQI memberships take the
 * index in percent but were given a fraction.
 */
public final class Zhao2018 {

    public enum Grade {
        EXCELLENT("excellent"), BARELY_ACCEPTABLE("barely acceptable"), UNACCEPTABLE("unacceptable");

        public final String wire;

        Grade(String wire) {
            this.wire = wire;
        }
    }

    /** V and its grade. */
    public record Result(double v, Grade grade) {
    }

    private Zhao2018() {
    }

    /** The grade of three indices; unacceptable when any is undefined (a segment without power below 40 Hz is no ECG). */
    public static Result evaluate(double pSqi, double kSqi, double basSqi) {
        if (Double.isNaN(pSqi) || Double.isNaN(kSqi) || Double.isNaN(basSqi)) {
            return new Result(Double.NaN, Grade.UNACCEPTABLE);
        }
        double[] p = {pH(pSqi), pI(pSqi), pJ(pSqi)};
        double[] k = kSqi > 5 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
        double b = 100 * basSqi;
        double[] bas = {bH(b), 1 / (1 + square((b - 95) / 2.5)), b <= 85 ? 1 : 1 / (1 + square((b - 85) / 5))};
        double num = 0;
        double den = 0;
        for (int j = 0; j < 3; j++) {
            double s = 0.6 * p[j] + 0.2 * k[j] + 0.2 * bas[j];
            num += (j + 1) * s * s;
            den += s * s;
        }
        double v = den == 0 ? 3 : num / den;
        Grade g = v < 1.5 ? Grade.EXCELLENT : v >= 2.4 ? Grade.UNACCEPTABLE : Grade.BARELY_ACCEPTABLE;
        return new Result(v, g);
    }

    private static double pH(double p) {
        return p <= 0.25 ? 0 : p >= 0.35 ? 1 : 10 * (p - 0.25);
    }

    private static double pI(double p) {
        if (p < 0.18 || p >= 0.32) {
            return 0;
        }
        return p < 0.22 ? 25 * (p - 0.18) : p < 0.28 ? 1 : 25 * (0.32 - p);
    }

    private static double pJ(double p) {
        return p < 0.15 ? 1 : p > 0.25 ? 0 : 10 * (0.25 - p);
    }

    private static double bH(double b) {
        if (b <= 90) {
            return 0;
        }
        return b >= 95 ? b / 100 : 1 / (1 + 1 / square(0.8718 * (b - 90)));
    }

    private static double square(double v) {
        return v * v;
    }
}
