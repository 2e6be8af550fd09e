package io.vitalstream.dsp.quality;

/**
 * The field's published signal quality indices, each as its paper defines it; band powers come
 * from {@link Welch}.
 */
public final class SignalQualityIndices {

    private SignalQualityIndices() {
    }

    /**
     * pSQI, the QRS power share: P(5-15 Hz) / P(5-40 Hz) (Li, Clifford et al. 2008, "Robust heart
     * rate estimation from multiple asynchronous noisy sources", Physiol. Meas. 29:15; as used by
     * Zhao and Zhang 2018). NaN when the signal has no power in 5-40 Hz.
     */
    public static double pSqi(Welch psd) {
        return ratio(psd.power(5, 15), psd.power(5, 40));
    }

    /**
     * basSQI, the share of power outside the baseline: 1 - P(0-1 Hz) / P(0-40 Hz) (Zhao and Zhang
     * 2018, eq. 3). NaN when the signal has no power below 40 Hz.
     */
    public static double basSqi(Welch psd) {
        return 1 - ratio(psd.power(0, 1), psd.power(0, 40));
    }

    /** kSQI: the kurtosis, Pearson's definition m4 / m2^2 (a clean ECG's is above 5: Li et al. 2008; Zhao and Zhang 2018). */
    public static double kSqi(double[] x, int from, int to) {
        return Moments.pearsonKurtosis(x, from, to);
    }

    /** Elgendi's skewness SQI for PPG (Elgendi 2016, "Optimal signal quality index for photoplethysmogram signals", Bioengineering 3:21). */
    public static double skewnessSqi(double[] x, int from, int to) {
        return Moments.skewness(x, from, to);
    }

    /**
     * The line-noise ratio: the larger of P(49-51 Hz) and P(59-61 Hz) over P(0.5-100 Hz) (capped at
     * Nyquist); a line band above Nyquist counts 0. NaN when no power in 0.5-100 Hz.
     */
    public static double lineNoise(Welch psd) {
        double top = Math.min(100, psd.nyquist());
        double total = psd.power(0.5, top);
        double worst = 0;
        for (double line : new double[] {50, 60}) {
            if (line + 1 <= psd.nyquist()) {
                worst = Math.max(worst, ratio(psd.power(line - 1, line + 1), total));
            }
        }
        return total == 0 ? Double.NaN : worst;
    }

    /**
     * Band-power plausibility: the share of P(0.5-100 Hz) (capped at Nyquist) that lies in the
     * physiological band 0.5-40 Hz (EEG's delta to beta; the band of ECG and respiration too).
     */
    public static double bandPower(Welch psd) {
        return ratio(psd.power(0.5, 40), psd.power(0.5, Math.min(100, psd.nyquist())));
    }

    /**
     * Template matching (Orphanidou et al. 2015, "Signal-quality indices for the electrocardiogram
     * and photoplethysmogram", IEEE JBHI 19:832): each beat, a window of the median RR interval
     * centred on its peak, is correlated with the average beat; the index is the mean correlation.
     * For ECG this is the averageQRS index as the SPEC names it, for PPG the template match.
     * Orphanidou's feasibility rules hold first: heart rate 40-180 bpm, no RR interval over 3 s, the
     * longest RR under 2.2 times the shortest; an infeasible or beatless segment scores 0.
     */
    public static Template template(double[] x, int from, int to, double fs, int[] beats) {
        int n = to - from;
        if (beats.length < 3) {
            return new Template(0, beats.length, Double.NaN, false);
        }
        double[] rr = new double[beats.length - 1];
        double maxRr = 0;
        double minRr = Double.POSITIVE_INFINITY;
        double sumRr = 0;
        for (int i = 0; i < rr.length; i++) {
            rr[i] = beats[i + 1] - beats[i];
            maxRr = Math.max(maxRr, rr[i]);
            minRr = Math.min(minRr, rr[i]);
            sumRr += rr[i];
        }
        double rate = 60 * fs / (sumRr / rr.length);
        boolean feasible = rate >= 40 && rate <= 180 && maxRr / fs <= 3 && maxRr < 2.2 * minRr;
        if (!feasible) {
            return new Template(0, beats.length, rate, false);
        }
        int half = (int) Math.floor(Moments.median(rr) / 2);
        int width = 2 * half + 1;
        int count = 0;
        for (int b : beats) {
            if (b - half >= 0 && b + half < n) {
                count++;
            }
        }
        if (count < 2) {
            return new Template(0, beats.length, rate, false);
        }
        double[] average = new double[width];
        for (int b : beats) {
            if (b - half >= 0 && b + half < n) {
                for (int k = 0; k < width; k++) {
                    average[k] += x[from + b - half + k];
                }
            }
        }
        for (int k = 0; k < width; k++) {
            average[k] /= count;
        }
        double sum = 0;
        for (int b : beats) {
            if (b - half >= 0 && b + half < n) {
                sum += Moments.correlation(x, from + b - half, average, 0, width);
            }
        }
        return new Template(sum / count, beats.length, rate, true);
    }

    /** A template index: mean correlation, beats found, mean heart rate (bpm), Orphanidou-feasible. */
    public record Template(double correlation, int beats, double heartRateBpm, boolean feasible) {
    }

    static double ratio(double num, double den) {
        return den == 0 ? Double.NaN : num / den;
    }
}
