package io.vitalstream.jobs;

import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.error.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard strategy: a signal small enough to hold in memory, filtered in one call.
 * A chain runs its stages in order; with neither chain nor parameters, the signal type's
 * default filter applies.
 */
@ApplicationScoped
public class SyncFilterService {

    public static final int MAX_CHAIN_STAGES = 20;
    public static final int MAX_ITERATIONS = 10;

    public double[][] filter(double[][] channels, double fs, String signalType, FilterParameters params, List<ChainStage> chain) {
        FilterDesigner.requireSamplingRate(fs);
        List<FilterSpec> stages = plan(fs, signalType, params, chain);
        double[][] y = channels;
        for (FilterSpec spec : stages) {
            y = Filtering.apply(spec, y);
        }
        return y;
    }

    /** The designed stages in the order they run (each iteration a separate entry). */
    static List<FilterSpec> plan(double fs, String signalType, FilterParameters params, List<ChainStage> chain) {
        List<FilterSpec> stages = new ArrayList<>();
        if (chain != null && !chain.isEmpty()) {
            if (params != null) {
                throw new InvalidParameterException("filter_chain", "send either filter_params or filter_chain, not both");
            }
            if (chain.size() > MAX_CHAIN_STAGES) {
                throw new InvalidParameterException("filter_chain", "a filter_chain has at most " + MAX_CHAIN_STAGES + " stages, got " + chain.size());
            }
            for (int i = 0; i < chain.size(); i++) {
                ChainStage stage = chain.get(i);
                if (stage == null || stage.filterParams() == null) {
                    throw new InvalidParameterException("filter_chain[" + i + "].filter_params", "filter_chain stage " + i + " needs filter_params");
                }
                int iterations = stage.iterations() == null ? 1 : stage.iterations();
                if (iterations < 1 || iterations > MAX_ITERATIONS) {
                    throw new InvalidParameterException("filter_chain[" + i + "].iterations",
                            "iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iterations);
                }
                FilterSpec spec = FilterDesigner.design(stage.filterParams(), fs);
                for (int k = 0; k < iterations; k++) {
                    stages.add(spec);
                }
            }
            return stages;
        }
        stages.add(FilterDesigner.design(params != null ? params : FilterDesigner.defaultsFor(signalType), fs));
        return stages;
    }
}
