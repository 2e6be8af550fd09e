package io.vitalstream.jobs;

import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.Work;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.VitalStreamException;
import io.vitalstream.io.Access;
import io.vitalstream.io.InputFormat;
import io.vitalstream.io.RawLayout;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Pipeline;
import io.vitalstream.pipeline.Strategy;
import io.vitalstream.pipeline.StrategyChoice;
import io.vitalstream.pipeline.StrategySelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Job submission: the input resolved and checked, its header read (a malformed file or an
 * impossible filter is the client's error, answered at once), the filter validated and
 * bounded, the strategy chosen, the record written; then the job is registered
 * ({@link JobRegistry}) and queued ({@link JobRunner}).
 */
@ApplicationScoped
public class JobService {

    @Inject
    Pipeline pipeline;
    @Inject
    JobStore store;
    @Inject
    InputResolver inputs;
    @Inject
    JobRegistry registry;
    @Inject
    JobRunner runner;
    @Inject
    ClusterStore cluster;

    public JobRecord submit(JobSpec spec) {
        String id = UUID.randomUUID().toString();
        try {
            return submit(id, spec);
        } catch (RuntimeException e) {
            JobStore.deleteTree(store.folder(id));
            throw e;
        }
    }

    private JobRecord submit(String id, JobSpec spec) {
        if (spec.channels() != null) {
            if (spec.channels().length == 0 || spec.channels().length > 4096) {
                throw new InvalidParameterException("channels", "channels lists 1 to 4096 channel numbers (from 0), or is left out for all");
            }
            for (int c : spec.channels()) {
                if (c < 0) {
                    throw new InvalidParameterException("channels", "channel numbers start at 0, got " + c);
                }
            }
        }
        Strategy requested = Strategy.parse(spec.strategy());
        OutputFormat output = OutputFormat.parse(spec.outputFormat());
        InputFormat format = format(spec);
        RawLayout raw = rawLayout(spec);
        Path input = inputs.resolve(spec, store.folder(id).resolve("input"));
        InputFormat actual = SignalFiles.formatOf(input, format, raw);
        long bytes = SignalFiles.size(input);
        Strategy strategy = requested;
        String reason = requested == null ? "chosen when the CSV has been decoded" : "requested";
        long samples = 0;
        int channels = 0;
        Double fs = spec.samplingFreq();
        if (actual != InputFormat.CSV) {
            // open the header now: a bad file or filter is the client's error, answered at once
            try (SignalSource s = SignalFiles.open(input, actual, raw, spec.channels(), Access.MAPPED, null)) {
                samples = s.frames();
                channels = s.channels();
                if (fs == null && s.samplingRate().isPresent()) {
                    fs = s.samplingRate().getAsDouble();
                }
                if (fs == null) {
                    throw new InvalidParameterException("sampling_freq", input.getFileName() + " does not record its sampling rate; give sampling_freq (Hz)");
                }
                List<FilterSpec> stages = FilterDesigner.designChain(fs, spec.signalType(), spec.filterParams(), spec.filterChain());
                // methods that need the whole signal cannot be cancelled chunk by chunk: bound them now
                Work.require(stages.stream().filter(st -> st.streaming() == FilterSpec.Streaming.WHOLE).toList(), channels, samples,
                        pipeline.settings().maxWork());
                StrategyChoice choice = StrategySelector.select(bytes, samples, channels, pipeline.settings(), requested);
                strategy = choice.strategy();
                reason = choice.reason();
            }
        } else if (fs != null) {
            FilterDesigner.designChain(fs, spec.signalType(), spec.filterParams(), spec.filterChain());
        }
        JobRecord record = JobRecord.queued(id, input.getFileName().toString(), strategy, reason, bytes, samples, channels, fs,
                output, spec);
        store.save(record);
        if (cluster.enabled()) {
            // any replica with capacity takes it from the queue (Redis unreachable: 503, nothing kept)
            cluster.saveRecord(record);
            cluster.enqueue(id);
            return record;
        }
        JobHandle h = new JobHandle(record);
        h.input = input;
        registry.register(h);
        runner.queue(h, actual, raw, requested, output);
        return record;
    }

    /** The input format a spec names (null: detect). */
    static InputFormat format(JobSpec spec) {
        return spec.format() == null || spec.format().isBlank() ? null : InputFormat.parse(spec.format());
    }

    static RawLayout rawLayout(JobSpec spec) {
        if (spec.rawDtype() == null && spec.rawChannels() == null) {
            return null;
        }
        if (spec.rawChannels() == null) {
            throw new InvalidParameterException("raw_layout", "raw_layout needs channels (and dtype, default float32)");
        }
        SampleType type;
        try {
            type = SampleType.parse(spec.rawDtype() == null ? "float32" : spec.rawDtype());
        } catch (VitalStreamException e) {
            throw new InvalidParameterException("raw_layout", e.getMessage());
        }
        return new RawLayout(type, spec.rawChannels(), ByteOrder.LITTLE_ENDIAN);
    }
}
