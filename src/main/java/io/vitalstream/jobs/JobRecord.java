package io.vitalstream.jobs;

import java.time.Instant;

/** Everything known about a job; persisted as JSON in its folder at every state change. */
public record JobRecord(
        String requestId,
        JobState state,
        double progress,
        int chunksDone,
        int chunksTotal,
        String strategy,
        String strategyReason,
        long bytesIn,
        long samples,
        int channels,
        Double samplingFreq,
        String inputName,
        String outputFormat,
        String resultFile,
        String outputDtype,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        JobSpec spec) {

    public static JobRecord queued(String id, String inputName, String strategy, String reason, long bytesIn, long samples,
                                   int channels, Double fs, String outputFormat, JobSpec spec) {
        return new JobRecord(id, JobState.QUEUED, 0, 0, 0, strategy, reason, bytesIn, samples, channels, fs, inputName,
                outputFormat, null, null, null, Instant.now(), null, null, spec);
    }

    public JobRecord running(String strategy, String reason, long bytesIn, long samples, int channels, double fs, int chunksTotal) {
        return new JobRecord(requestId, JobState.RUNNING, 0, 0, chunksTotal, strategy, reason, bytesIn, samples, channels, fs,
                inputName, outputFormat, null, null, null, createdAt, startedAt == null ? Instant.now() : startedAt, null, spec);
    }

    public JobRecord started() {
        return new JobRecord(requestId, JobState.RUNNING, progress, chunksDone, chunksTotal, strategy, strategyReason, bytesIn,
                samples, channels, samplingFreq, inputName, outputFormat, null, null, null, createdAt, Instant.now(), null, spec);
    }

    public JobRecord progressed(int done, int total) {
        double p = total == 0 ? 0 : Math.min(1.0, (double) done / total);
        return new JobRecord(requestId, state, p, done, total, strategy, strategyReason, bytesIn, samples, channels, samplingFreq,
                inputName, outputFormat, resultFile, outputDtype, error, createdAt, startedAt, finishedAt, spec);
    }

    public JobRecord finished(JobState end, String result, String error) {
        return finished(end, result, null, error);
    }

    public JobRecord finished(JobState end, String result, String dtype, String error) {
        double p = end == JobState.COMPLETED ? 1.0 : progress;
        int done = end == JobState.COMPLETED ? chunksTotal : chunksDone;
        return new JobRecord(requestId, end, p, done, chunksTotal, strategy, strategyReason, bytesIn, samples, channels, samplingFreq,
                inputName, outputFormat, result, dtype, error, createdAt, startedAt, Instant.now(), spec);
    }
}
