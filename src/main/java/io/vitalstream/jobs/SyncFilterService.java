package io.vitalstream.jobs;

import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The standard strategy: a signal small enough to hold in memory, filtered in one call.
 * A chain runs its stages in order; with neither chain nor parameters, the signal type's
 * default filter applies.
 */
@ApplicationScoped
public class SyncFilterService {

    public double[][] filter(double[][] channels, double fs, String signalType, FilterParameters params, List<ChainStage> chain) {
        FilterDesigner.requireSamplingRate(fs);
        List<FilterSpec> stages = FilterDesigner.designChain(fs, signalType, params, chain);
        double[][] y = channels;
        for (FilterSpec spec : stages) {
            y = Filtering.apply(spec, y);
        }
        return y;
    }

}
