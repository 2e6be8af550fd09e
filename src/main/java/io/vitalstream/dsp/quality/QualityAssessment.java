package io.vitalstream.dsp.quality;

import io.vitalstream.kernels.fft.Fftw;
import io.vitalstream.kernels.fft.RealFft;

import java.util.ArrayList;
import java.util.List;

/**
 * Signal quality of a filtered signal against its input: whole-signal metrics and the
 * three-stage segment screen ({@link QualityScreen}) of the recording as received, in segments
 * of 10 s with 10 % overlap. The whole signal's score is the mean of its segments'; levels:
 * excellent > 0.8, good > 0.6, fair > 0.4, poor > 0.2, else unusable. The SNR improvement is the
 * change of the screen's band SNR from input to output over the whole signal.
 */
public final class QualityAssessment {

    /** Segment length and step in seconds. */
    public static final double SEGMENT_SECONDS = 10;
    public static final double STEP_SECONDS = 9;

    private QualityAssessment() {
    }

    public static QualityReport assess(double[] input, double[] output, double fs, String signalType) {
        QualityScreen.Type type = QualityScreen.Type.of(signalType);
        int n = input.length;
        List<QualityReport.Segment> segments = new ArrayList<>();
        for (long[] s : segments(n, fs)) {
            segments.add(QualityScreen.segment(input, (int) s[0], (int) s[1], fs, type, 0));
        }
        double score = segments.stream().mapToDouble(QualityReport.Segment::score).average().orElse(0);
        double[] spectrum = spectrum(output, fs);
        double improvement = QualityScreen.bandSnrDb(Welch.of(output, 0, n, fs), type) - QualityScreen.bandSnrDb(Welch.of(input, 0, n, fs), type);
        return new QualityReport(level(score), score, segments, Double.isFinite(improvement) ? improvement : 0, mse(input, output),
                Moments.correlation(input, 0, output, 0, n), spectrum[0], spectrum[1], spectrum[2], statistics(output), zeroCrossingRate(output));
    }

    /**
     * The screen's segments of a signal of n samples: 10 s every 9 s; a tail shorter than half a
     * segment is left to the previous segment's overlap (unless it is the only one).
     */
    public static List<long[]> segments(long n, double fs) {
        int segment = (int) Math.max(1, Math.min(n, segmentSamples(fs)));
        int step = stepSamples(fs);
        List<long[]> out = new ArrayList<>();
        for (long start = 0; ; start += step) {
            long end = Math.min(n, start + segment);
            if (end - start < Math.max(2, segment / 2) && !out.isEmpty()) {
                break;
            }
            out.add(new long[] {start, end});
            if (end == n) {
                break;
            }
        }
        return out;
    }

    public static int segmentSamples(double fs) {
        return (int) Math.max(2, Math.round(SEGMENT_SECONDS * fs));
    }

    public static int stepSamples(double fs) {
        return (int) Math.max(1, Math.round(segmentSamples(fs) * STEP_SECONDS / SEGMENT_SECONDS));
    }

    public static String level(double score) {
        return score > 0.8 ? "excellent" : score > 0.6 ? "good" : score > 0.4 ? "fair" : score > 0.2 ? "poor" : "unusable";
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
