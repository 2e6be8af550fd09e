package io.vitalstream.dsp.quality;

import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.RealFft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Signal quality of a filtered signal against its input: whole-signal metrics and vitalDSP's
 * three-stage segment screen (SPEC section 6). Segments of 10 s with 10 % overlap:
 * <ol>
 * <li>SNR = 10 log10(mean(x^2) / var(diff x)) against the type's minimum (ECG 15 dB, PPG 12,
 *     EEG 8, other 10);</li>
 * <li>outliers beyond 3 sigma under 10 %, flat ratio 1 - unique/n under 50 %, jumps beyond
 *     3 std(diff) under 15 %;</li>
 * <li>a signal-specific SQI in [0, 1]: for ECG and PPG the strongest normalised
 *     autocorrelation at a heart-beat lag (0.3-2 s, 30-200 bpm); for EEG and others the
 *     share of power in the type's band (EEG 0.5-50 Hz, other 0.5-40 Hz).</li>
 * </ol>
 * score = mean(min(SNR/30, 1), 1 - worst ratio, SQI); a segment failing stage 1 or 2 scores at
 * most 0.4 (poor). Levels: excellent > 0.8, good > 0.6, fair > 0.4, poor > 0.2, else
 * unusable. The whole signal's score is the mean of its segments'.
 */
public final class QualityAssessment {

    private QualityAssessment() {
    }

    public static QualityReport assess(double[] input, double[] output, double fs, String signalType) {
        String type = signalType == null ? "other" : signalType.toLowerCase(Locale.ROOT);
        int n = output.length;
        int segment = (int) Math.min(n, Math.round(10 * fs));
        int step = Math.max(1, (int) Math.round(segment * 0.9));
        List<QualityReport.Segment> segments = new ArrayList<>();
        for (int start = 0; ; start += step) {
            int end = Math.min(n, start + segment);
            if (end - start < Math.max(2, segment / 2) && !segments.isEmpty()) {
                break; // a short tail: covered by the previous segment's overlap
            }
            segments.add(screen(output, start, end, fs, type));
            if (end == n) {
                break;
            }
        }
        double score = segments.stream().mapToDouble(QualityReport.Segment::score).average().orElse(0);
        double[] spectrum = spectrum(output, fs);
        return new QualityReport(level(score), score, segments, snrDb(output, 0, n) - snrDb(input, 0, n), mse(input, output),
                pearson(input, output), spectrum[0], spectrum[1], spectrum[2], statistics(output), zeroCrossingRate(output));
    }

    public static String level(double score) {
        return score > 0.8 ? "excellent" : score > 0.6 ? "good" : score > 0.4 ? "fair" : score > 0.2 ? "poor" : "unusable";
    }

    static double minimumSnr(String type) {
        return switch (type) {
            case "ecg" -> 15;
            case "ppg" -> 12;
            case "eeg" -> 8;
            default -> 10;
        };
    }

    private static QualityReport.Segment screen(double[] x, int from, int to, double fs, String type) {
        double snr = snrDb(x, from, to);
        boolean snrPass = snr >= minimumSnr(type);
        int n = to - from;
        double mean = mean(x, from, to);
        double sd = Math.sqrt(sumSquares(x, from, to, mean) / n);
        int outliers = 0;
        Set<Double> unique = new HashSet<>();
        for (int i = from; i < to; i++) {
            if (Math.abs(x[i] - mean) > 3 * sd) {
                outliers++;
            }
            unique.add(x[i]);
        }
        double outlierRatio = (double) outliers / n;
        double flatRatio = 1 - (double) unique.size() / n;
        double dmean = 0;
        for (int i = from + 1; i < to; i++) {
            dmean += (x[i] - x[i - 1]) / Math.max(1, n - 1);
        }
        double dvar = 0;
        for (int i = from + 1; i < to; i++) {
            double d = x[i] - x[i - 1] - dmean;
            dvar += d * d / Math.max(1, n - 1);
        }
        double dsd = Math.sqrt(dvar);
        int jumps = 0;
        for (int i = from + 1; i < to; i++) {
            if (Math.abs(x[i] - x[i - 1]) > 3 * dsd) {
                jumps++;
            }
        }
        double jumpRatio = n > 1 ? (double) jumps / (n - 1) : 0;
        boolean statPass = outlierRatio < 0.10 && flatRatio < 0.50 && jumpRatio < 0.15;
        double sqi = switch (type) {
            case "ecg", "ppg" -> periodicity(x, from, to, fs);
            default -> bandShare(x, from, to, fs, type.equals("eeg") ? 50 : 40);
        };
        double worst = Math.max(outlierRatio, Math.max(flatRatio, jumpRatio));
        double score = (Math.min(snr / 30, 1) + (1 - worst) + sqi) / 3;
        score = Math.max(0, Math.min(1, score));
        if (!snrPass || !statPass) {
            score = Math.min(score, 0.4);
        }
        return new QualityReport.Segment(from / fs, to / fs, score, level(score), snr, snrPass, outlierRatio, flatRatio, jumpRatio,
                statPass, sqi);
    }

    private static double mean(double[] x, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m += x[i] / (to - from);
        }
        return m;
    }

    /** sum (x - mean)^2 over [from, to). */
    private static double sumSquares(double[] x, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (x[i] - mean) * (x[i] - mean);
        }
        return s;
    }

    /** 10 log10(mean(x^2) / var(diff x)); infinite for a flat non-zero segment, 0 for silence. */
    static double snrDb(double[] x, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double power = 0;
        for (int i = from; i < to; i++) {
            power += x[i] * x[i] / n;
        }
        double mean = 0;
        for (int i = from + 1; i < to; i++) {
            mean += (x[i] - x[i - 1]) / (n - 1);
        }
        double var = 0;
        for (int i = from + 1; i < to; i++) {
            double d = x[i] - x[i - 1] - mean;
            var += d * d / (n - 1);
        }
        if (var == 0) {
            return power == 0 ? 0 : 100;
        }
        return power == 0 ? 0 : 10 * Math.log10(power / var);
    }

    /** Largest autocorrelation (normalised) at lags of 0.3-2 s. */
    private static double periodicity(double[] x, int from, int to, double fs) {
        int n = to - from;
        double mean = mean(x, from, to);
        double var = sumSquares(x, from, to, mean);
        if (var == 0) {
            return 0;
        }
        int lo = (int) Math.max(1, Math.round(0.3 * fs));
        int hi = (int) Math.min(n / 2, Math.round(2.0 * fs));
        double best = 0;
        for (int lag = lo; lag <= hi; lag++) {
            double s = 0;
            for (int i = from; i + lag < to; i++) {
                s += (x[i] - mean) * (x[i + lag] - mean);
            }
            best = Math.max(best, s / var);
        }
        return Math.max(0, Math.min(1, best));
    }

    private static double bandShare(double[] x, int from, int to, double fs, double high) {
        double[] seg = java.util.Arrays.copyOfRange(x, from, to);
        double[] power = periodogram(seg);
        int nfft = 2 * (power.length - 1);
        double total = 0;
        double in = 0;
        for (int k = 1; k < power.length; k++) {
            double f = k * fs / nfft;
            total += power[k];
            if (f >= 0.5 && f <= high) {
                in += power[k];
            }
        }
        return total == 0 ? 0 : in / total;
    }

    /** |FFT|^2 of the mean-removed signal, zero-padded to a power of two. */
    static double[] periodogram(double[] x) {
        int nfft = Integer.highestOneBit(Math.max(2, x.length - 1)) << 1;
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double[] buf = new double[nfft];
        for (int i = 0; i < x.length; i++) {
            buf[i] = x[i] - mean;
        }
        double[] spec = new double[nfft + 2];
        try (RealFft fft = Fftw.realFft(nfft)) {
            fft.forward(buf, spec);
        }
        double[] p = new double[nfft / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = spec[2 * k] * spec[2 * k] + spec[2 * k + 1] * spec[2 * k + 1];
        }
        return p;
    }

    /** {centroid, 85 % rolloff, bandwidth} in Hz. */
    static double[] spectrum(double[] x, double fs) {
        double[] p = periodogram(x);
        int nfft = 2 * (p.length - 1);
        double total = 0;
        double weighted = 0;
        for (int k = 0; k < p.length; k++) {
            total += p[k];
            weighted += p[k] * k * fs / nfft;
        }
        if (total == 0) {
            return new double[] {0, 0, 0};
        }
        double centroid = weighted / total;
        double acc = 0;
        double rolloff = 0;
        for (int k = 0; k < p.length; k++) {
            acc += p[k];
            if (acc >= 0.85 * total) {
                rolloff = k * fs / nfft;
                break;
            }
        }
        double spread = 0;
        for (int k = 0; k < p.length; k++) {
            double d = k * fs / nfft - centroid;
            spread += p[k] * d * d;
        }
        return new double[] {centroid, rolloff, Math.sqrt(spread / total)};
    }

    static double mse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / a.length;
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    static QualityReport.Statistics statistics(double[] x) {
        int n = x.length;
        double mean = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sq = 0;
        for (double v : x) {
            mean += v / n;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            sq += v * v / n;
        }
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d / n;
            m3 += d * d * d / n;
            m4 += d * d * d * d / n;
        }
        double sd = Math.sqrt(m2);
        double skew = m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
        double kurt = m2 == 0 ? 0 : m4 / (m2 * m2) - 3;
        return new QualityReport.Statistics(mean, sd, skew, kurt, Math.sqrt(sq), hi - lo);
    }

    static double zeroCrossingRate(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        int crossings = 0;
        for (int i = 1; i < x.length; i++) {
            if ((x[i - 1] - mean) * (x[i] - mean) < 0) {
                crossings++;
            }
        }
        return x.length > 1 ? (double) crossings / (x.length - 1) : 0;
    }
}
