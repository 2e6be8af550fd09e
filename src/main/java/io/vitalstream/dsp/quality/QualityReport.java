package io.vitalstream.dsp.quality;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /**
     * One screened segment (times in seconds from the start of the recording): the three stages'
     * measures ({@link QualityScreen}) and the signal type's indices; indices of other types are
     * absent, and an index that is undefined on the segment (no power in its band) is null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(double start, double end, double score, String level,
                          Double snrDb, double flatRatio, double clipRatio, boolean presencePass,
                          double outlierRatio, double jumpRatio, boolean statisticalPass, double sqi, double nonFiniteRatio,
                          Double pSqi, Double kSqi, Double basSqi, String zhao2018, Double zhao2018V, Double averageQrs,
                          Double heartRateBpm, Double skewness, Double templateMatch, Double lineNoise, Double bandPower) {
    }

    /** A type's stage-3 indices and their combined score. */
    record Indices(double score, Double pSqi, Double kSqi, Double basSqi, String zhao2018, Double zhao2018V, Double averageQrs,
                   Double heartRateBpm, Double skewness, Double templateMatch, Double lineNoise, Double bandPower) {

        static Indices ecg(double score, double p, double k, double b, Zhao2018.Result z, SignalQualityIndices.Template t) {
            return new Indices(score, finite(p), finite(k), finite(b), z.grade().wire, finite(z.v()), t.correlation(),
                    finite(t.heartRateBpm()), null, null, null, null);
        }

        static Indices ppg(double score, double skewness, SignalQualityIndices.Template t) {
            return new Indices(score, null, null, null, null, null, null, finite(t.heartRateBpm()), skewness, t.correlation(), null, null);
        }

        static Indices spectral(double score, double line, double band) {
            return new Indices(score, null, null, null, null, null, null, null, null, null, finite(line), finite(band));
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    public record Statistics(double mean, double std, double skewness, double kurtosis, double rms, double peakToPeak) {
    }
}
