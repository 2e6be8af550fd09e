package io.vitalstream.jobs;

import io.vitalstream.io.SampleType;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Strategy;

import java.time.Instant;
import java.util.List;

/**
 * Everything known about a job; persisted as JSON in its folder at every state change.
 * {@code strategy} is null while it is still to be chosen (a CSV input, chosen once decoded);
 * {@code node} is the replica that ran it (null until it starts, and in records written before).
 */
public record JobRecord(
        String requestId,
        JobState state,
        double progress,
        int chunksDone,
        int chunksTotal,
        Strategy strategy,
        String strategyReason,
        long bytesIn,
        long samples,
        int channels,
        Double samplingFreq,
        String inputName,
        OutputFormat outputFormat,
        String resultFile,
        SampleType outputDtype,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        JobSpec spec,
        List<String> notes,
        String node) {

    public static JobRecord queued(String id, String inputName, Strategy strategy, String reason, long bytesIn, long samples,
                                   int channels, Double fs, OutputFormat outputFormat, JobSpec spec) {
        return new JobRecord(id, JobState.QUEUED, 0, 0, 0, strategy, reason, bytesIn, samples, channels, fs, inputName,
                outputFormat, null, null, null, Instant.now(), null, null, spec, List.of(), null);
    }

    public JobRecord running(Strategy strategy, String reason, long bytesIn, long samples, int channels, double fs, int chunksTotal) {
        return new JobRecord(requestId, JobState.RUNNING, 0, 0, chunksTotal, strategy, reason, bytesIn, samples, channels, fs,
                inputName, outputFormat, null, null, null, createdAt, startedAt == null ? Instant.now() : startedAt, null, spec, notes, node);
    }

    public JobRecord started(String onNode) {
        return new JobRecord(requestId, JobState.RUNNING, progress, chunksDone, chunksTotal, strategy, strategyReason, bytesIn,
                samples, channels, samplingFreq, inputName, outputFormat, null, null, null, createdAt, Instant.now(), null, spec, notes, onNode);
    }

    /** Cluster mode: a job reclaimed from a replica that died, queued again from the start. */
    public JobRecord requeued() {
        return new JobRecord(requestId, JobState.QUEUED, 0, 0, 0, strategy, strategyReason, bytesIn, samples, channels, samplingFreq,
                inputName, outputFormat, null, null, null, createdAt, null, null, spec, notes, null);
    }

    public JobRecord progressed(int done, int total) {
        double p = total == 0 ? 0 : Math.min(1.0, (double) done / total);
        return new JobRecord(requestId, state, p, done, total, strategy, strategyReason, bytesIn, samples, channels, samplingFreq,
                inputName, outputFormat, resultFile, outputDtype, error, createdAt, startedAt, finishedAt, spec, notes, node);
    }

    public JobRecord finished(JobState end, String result, String error) {
        return finished(end, result, null, error);
    }

    /** What the run reported for the user (a fitted method's sample and components); empty for records written before notes. */
    public JobRecord withNotes(List<String> runNotes) {
        return new JobRecord(requestId, state, progress, chunksDone, chunksTotal, strategy, strategyReason, bytesIn, samples, channels,
                samplingFreq, inputName, outputFormat, resultFile, outputDtype, error, createdAt, startedAt, finishedAt, spec,
                List.copyOf(runNotes), node);
    }

    /** The strategy as the API names it ("auto" until chosen). */
    public String strategyName() {
        return strategy == null ? "auto" : strategy.wire();
    }

    public JobRecord finished(JobState end, String result, SampleType dtype, String error) {
        double p = end == JobState.COMPLETED ? 1.0 : progress;
        int done = end == JobState.COMPLETED ? chunksTotal : chunksDone;
        return new JobRecord(requestId, end, p, done, chunksTotal, strategy, strategyReason, bytesIn, samples, channels, samplingFreq,
                inputName, outputFormat, result, dtype, error, createdAt, startedAt, Instant.now(), spec, notes, node);
    }
}
