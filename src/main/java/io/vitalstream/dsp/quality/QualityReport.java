package io.vitalstream.dsp.quality;

import java.util.List;

/** The quality block of a response (SPEC section 6), for one channel. */
public record QualityReport(
        String level,
        double score,
        List<Segment> segments,
        double snrImprovementDb,
        double mse,
        double pearsonCorrelation,
        double spectralCentroidHz,
        double spectralRolloffHz,
        double spectralBandwidthHz,
        Statistics statistics,
        double zeroCrossingRate) {

    /** One screened segment (times in seconds from the start). */
    public record Segment(double start, double end, double score, String level, double snrDb, boolean snrPass,
                          double outlierRatio, double flatRatio, double jumpRatio, boolean statisticalPass, double sqi) {
    }

    public record Statistics(double mean, double std, double skewness, double kurtosis, double rms, double peakToPeak) {
    }
}
