package io.vitalstream.dsp.quality;

import java.util.Locale;

/**
 * vitalDSP's three-stage screen of one segment (SPEC section 6), rate- and offset-independent:
 * <ol>
 * <li>presence: non-finite samples (a segment with any scores 0), flat lines (runs of at least 0.2 s whose steps are at most one quantisation
 *     step, the segment's smallest non-zero |dx|), clipping (runs of 3 or more samples sitting
 *     exactly on the segment's minimum or maximum) and a band SNR: the power of the type's
 *     signal band above a white-noise floor, over that floor, where the floor is the median Welch
 *     density in a noise band above the signal band (the median ignores a line-noise peak).
 *     Densities in Hz bands and per-segment mean removal make it independent of the sampling
 *     rate and of a DC offset. Not measured (null) when the noise band has fewer than 4 bins
 *     below 0.95 Nyquist;</li>
 * <li>statistics: outliers beyond 3 sigma, jumps beyond 3 std(dx);</li>
 * <li>the type's published indices ({@link SignalQualityIndices}, {@link Zhao2018}): ECG pSQI,
 *     kSQI, basSQI, their zhao2018 grade and averageQRS; PPG skewness and template match; EEG and
 *     other line noise and band-power plausibility.</li>
 * </ol>
 * score = mean(presence, statistics, index), each in [0, 1]; a segment failing stage 1 or 2, or
 * whose index is under 0.2, scores at most 0.4 (poor); one mostly flat, clipped or silent at most
 * 0.2 (unusable).
 */
public final class QualityScreen {

    /** Signal types and their bands (Hz). */
    public enum Type {
        ECG(40, 40, 80, 10),
        PPG(8, 15, 30, 10),
        EEG(40, 40, 80, 6),
        OTHER(40, 40, 80, 6);

        final double signalHigh;
        final double noiseLow;
        final double noiseHigh;
        /** Stage 1's minimum band SNR in dB. */
        final double minSnrDb;

        Type(double signalHigh, double noiseLow, double noiseHigh, double minSnrDb) {
            this.signalHigh = signalHigh;
            this.noiseLow = noiseLow;
            this.noiseHigh = noiseHigh;
            this.minSnrDb = minSnrDb;
        }

        public static Type of(String signalType) {
            if (signalType == null) {
                return OTHER;
            }
            return switch (signalType.toLowerCase(Locale.ROOT)) {
                case "ecg" -> ECG;
                case "ppg" -> PPG;
                case "eeg" -> EEG;
                default -> OTHER;
            };
        }
    }

    static final double SIGNAL_LOW = 0.5;
    private static final double MAX_SNR_DB = 100;
    private static final double MIN_SNR_DB = -30;

    private QualityScreen() {
    }

    /** Screens x[from, to) of a signal at fs; times in the result are offset by {@code originSeconds}. */
    public static QualityReport.Segment segment(double[] x, int from, int to, double fs, Type type, double originSeconds) {
        int n = to - from;
        int nonFinite = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(x[i])) {
                nonFinite++;
            }
        }
        if (nonFinite > 0) { // gaps or corrupt samples: no index is defined on such a segment
            return new QualityReport.Segment(originSeconds + from / fs, originSeconds + to / fs, 0, QualityAssessment.level(0), null, 0, 0,
                    false, 0, 0, false, 0, (double) nonFinite / n, null, null, null, null, null, null, null, null, null, null, null);
        }
        double step = quantisationStep(x, from, to);
        double flat = flatRatio(x, from, to, step, Math.max(2, Moments.roundHalfUp(0.2 * fs)));
        double clip = clipRatio(x, from, to);
        Welch psd = Welch.of(x, from, to, fs);
        double snr = bandSnrDb(psd, type);
        boolean presencePass = flat < 0.1 && clip < 0.01 && (Double.isNaN(snr) || snr >= type.minSnrDb);

        double mean = Moments.mean(x, from, to);
        double sd = Math.sqrt(Moments.central(x, from, to, mean, 2));
        int outliers = 0;
        for (int i = from; i < to; i++) {
            if (Math.abs(x[i] - mean) > 3 * sd) {
                outliers++;
            }
        }
        double outlierRatio = (double) outliers / n;
        double jumpRatio = jumpRatio(x, from, to);
        boolean statPass = outlierRatio < 0.10 && jumpRatio < 0.15;

        QualityReport.Indices idx = indices(x, from, to, fs, type, psd);
        double sqi = idx.score();
        double snrScore = Double.isNaN(snr) ? 1 : clamp(snr / (2 * type.minSnrDb));
        double presence = (1 - Math.min(1, flat / 0.5)) * (1 - Math.min(1, clip / 0.05)) * snrScore;
        double statistics = 1 - Math.max(outlierRatio, jumpRatio);
        double score = clamp((presence + statistics + sqi) / 3);
        if (!presencePass || !statPass || sqi < 0.2) {
            score = Math.min(score, 0.4);
        }
        if (flat >= 0.5 || clip >= 0.1 || sd == 0) {
            score = Math.min(score, 0.2);
        }
        return new QualityReport.Segment(originSeconds + from / fs, originSeconds + to / fs, score, QualityAssessment.level(score),
                Double.isNaN(snr) ? null : snr, flat, clip, presencePass, outlierRatio, jumpRatio, statPass, sqi, 0,
                idx.pSqi(), idx.kSqi(), idx.basSqi(), idx.zhao2018(), idx.zhao2018V(), idx.averageQrs(), idx.heartRateBpm(),
                idx.skewness(), idx.templateMatch(), idx.lineNoise(), idx.bandPower());
    }

    /** The type's indices and their combined score in [0, 1]. */
    static QualityReport.Indices indices(double[] x, int from, int to, double fs, Type type, Welch psd) {
        return switch (type) {
            case ECG -> {
                double p = SignalQualityIndices.pSqi(psd);
                double k = SignalQualityIndices.kSqi(x, from, to);
                double b = SignalQualityIndices.basSqi(psd);
                Zhao2018.Result z = Zhao2018.evaluate(p, k, b);
                SignalQualityIndices.Template t = SignalQualityIndices.template(x, from, to, fs,
                        BeatDetector.detect(x, from, to, fs, BeatDetector.Kind.ECG));
                double grade = switch (z.grade()) {
                    case EXCELLENT -> 1;
                    case BARELY_ACCEPTABLE -> 0.6;
                    case UNACCEPTABLE -> 0.2;
                };
                yield QualityReport.Indices.ecg((grade + clamp(t.correlation())) / 2, p, k, b, z, t);
            }
            case PPG -> {
                SignalQualityIndices.Template t = SignalQualityIndices.template(x, from, to, fs,
                        BeatDetector.detect(x, from, to, fs, BeatDetector.Kind.PPG));
                yield QualityReport.Indices.ppg(clamp(t.correlation()), SignalQualityIndices.skewnessSqi(x, from, to), t);
            }
            case EEG, OTHER -> {
                double line = SignalQualityIndices.lineNoise(psd);
                double band = SignalQualityIndices.bandPower(psd);
                double score = Double.isNaN(line) || Double.isNaN(band) ? 0 : clamp(band * (1 - line));
                yield QualityReport.Indices.spectral(score, line, band);
            }
        };
    }

    /**
     * 10 log10(max(P_signal / (N0 B) - 1, 1e-3)) over the band [0.5 Hz, type's high edge], with
     * N0 the median density of the noise band and B the signal band's width in bins; NaN when the
     * noise band is not measurable, 100 dB over a zero floor.
     */
    static double bandSnrDb(Welch psd, Type type) {
        if (psd.bins() == 0) {
            return Double.NaN;
        }
        double noiseHigh = Math.min(type.noiseHigh, 0.95 * psd.nyquist());
        if (psd.count(type.noiseLow, noiseHigh) < 4) {
            return Double.NaN;
        }
        double high = Math.min(type.signalHigh, psd.nyquist());
        double signal = psd.power(SIGNAL_LOW, high);
        double floor = psd.medianDensity(type.noiseLow, noiseHigh) * psd.count(SIGNAL_LOW, high) * psd.binHz();
        if (floor == 0) {
            return signal == 0 ? MIN_SNR_DB : MAX_SNR_DB;
        }
        return Math.max(MIN_SNR_DB, Math.min(MAX_SNR_DB, 10 * Math.log10(Math.max(signal / floor - 1, 1e-3))));
    }

    /** The smallest non-zero |x[i+1] - x[i]|; 0 when the segment is constant. */
    static double quantisationStep(double[] x, int from, int to) {
        double q = Double.POSITIVE_INFINITY;
        for (int i = from + 1; i < to; i++) {
            double d = Math.abs(x[i] - x[i - 1]);
            if (d > 0 && d < q) {
                q = d;
            }
        }
        return q == Double.POSITIVE_INFINITY ? 0 : q;
    }

    /** Share of samples in runs of at least minRun samples whose consecutive steps are at most q. */
    static double flatRatio(double[] x, int from, int to, double q, int minRun) {
        int flat = 0;
        int runStart = from;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || Math.abs(x[i] - x[i - 1]) > q) {
                if (i - runStart >= minRun) {
                    flat += i - runStart;
                }
                runStart = i;
            }
        }
        return (double) flat / (to - from);
    }

    /** Share of samples in runs of 3 or more equal to the segment's minimum or maximum (a non-constant segment). */
    static double clipRatio(double[] x, int from, int to) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        if (!(hi > lo)) {
            return 0;
        }
        int clipped = 0;
        for (double rail : new double[] {lo, hi}) {
            int run = 0;
            for (int i = from; i <= to; i++) {
                if (i < to && x[i] == rail) {
                    run++;
                } else {
                    if (run >= 3) {
                        clipped += run;
                    }
                    run = 0;
                }
            }
        }
        return (double) clipped / (to - from);
    }

    /** Share of steps larger than 3 standard deviations of the steps. */
    static double jumpRatio(double[] x, int from, int to) {
        int m = to - from - 1;
        if (m < 1) {
            return 0;
        }
        double mean = 0;
        for (int i = from + 1; i < to; i++) {
            mean += x[i] - x[i - 1];
        }
        mean /= m;
        double var = 0;
        for (int i = from + 1; i < to; i++) {
            double d = x[i] - x[i - 1] - mean;
            var += d * d;
        }
        double sd = Math.sqrt(var / m);
        int jumps = 0;
        for (int i = from + 1; i < to; i++) {
            if (Math.abs(x[i] - x[i - 1]) > 3 * sd) {
                jumps++;
            }
        }
        return (double) jumps / m;
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
