package io.vitalstream.jobs;

import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.Work;
import io.vitalstream.dsp.quality.QualityAssessment;
import io.vitalstream.dsp.quality.QualityReport;
import io.vitalstream.error.ServiceBusyException;
import io.vitalstream.kernels.Finite;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The standard strategy for JSON requests: a signal small enough to hold in memory,
 * filtered in one call. A chain runs its stages in order; with neither chain nor
 * parameters, the signal type's default filter applies. Concurrent requests share the
 * memory budget: each reserves about three float64 copies of its samples and waits (up to
 * 30 s, then 503) while the budget is taken.
 */
@ApplicationScoped
public class SyncFilterService {

    private static final long WAIT_SECONDS = 30;

    @Inject
    Statistics statistics;
    @Inject
    VitalStreamConfig config;

    private Semaphore budgetKb;
    private int capacityKb;

    @PostConstruct
    void init() {
        capacityKb = (int) Math.min(Integer.MAX_VALUE, config.maxMemoryMb() * 1024L);
        budgetKb = new Semaphore(capacityKb, true);
    }

    /** The filtered channels and, when asked for, each channel's quality report. */
    public record Result(double[][] filtered, List<QualityReport> quality) {
    }

    public double[][] filter(double[][] channels, double fs, String signalType, FilterParameters params, List<ChainStage> chain) {
        return filter(channels, fs, signalType, params, chain, false).filtered();
    }

    public Result filter(double[][] channels, double fs, String signalType, FilterParameters params, List<ChainStage> chain,
                         boolean assessQuality) {
        long samples = (long) channels.length * (channels.length == 0 ? 0 : channels[0].length);
        int kb = (int) Math.min(capacityKb, Math.max(1, samples * 8 * 3 / 1024));
        statistics.started(false);
        statistics.strategy("standard");
        long t0 = System.nanoTime();
        JobState outcome = JobState.FAILED;
        boolean acquired = false;
        try {
            acquired = budgetKb.tryAcquire(kb, WAIT_SECONDS, TimeUnit.SECONDS);
            if (!acquired) {
                throw new ServiceBusyException("the service's memory budget is taken by other requests; retry shortly, or submit a job");
            }
            FilterDesigner.requireSamplingRate(fs);
            List<FilterSpec> stages = FilterDesigner.designChain(fs, signalType, params, chain);
            Work.require(stages, channels.length, channels.length == 0 ? 0 : channels[0].length, config.maxWork());
            double[][] y = channels;
            for (FilterSpec spec : stages) {
                y = Filtering.apply(spec, y);
            }
            requireFinite(y);
            List<QualityReport> quality = null;
            if (assessQuality) {
                quality = new java.util.ArrayList<>();
                for (int c = 0; c < y.length; c++) {
                    quality.add(QualityAssessment.assess(channels[c], y[c], fs, signalType));
                }
            }
            outcome = JobState.COMPLETED;
            return new Result(y, quality);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException("interrupted while waiting for memory; retry");
        } finally {
            if (acquired) {
                budgetKb.release(kb);
            }
            statistics.finished(false, outcome, (System.nanoTime() - t0) / 1e6);
        }
    }

    /** An output that overflowed (an unstable design for this signal) is refused, not sent as NaN. */
    private static void requireFinite(double[][] y) {
        for (int c = 0; c < y.length; c++) {
            if (Finite.all(y[c], 0, y[c].length)) {
                continue;
            }
            for (int i = 0; i < y[c].length; i++) {
                if (!Double.isFinite(y[c][i])) {
                    throw new io.vitalstream.error.InvalidParameterException("filter_params", "the filtered signal is not finite from sample "
                            + i + " of channel " + c + " on: this filter is numerically unstable here; lower the order or move the cut-off");
                }
            }
        }
    }
}
