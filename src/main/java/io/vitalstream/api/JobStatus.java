package io.vitalstream.api;

import io.vitalstream.jobs.JobRecord;

import java.time.Instant;
import java.util.List;

/** GET /api/filtering/jobs/{id}; {@code node} is the replica that ran the job (SPEC section 7). */
public record JobStatus(String requestId, String state, double progress, int chunksDone, int chunksTotal, String strategy,
                        String strategyReason, long bytesIn, long samples, int channels, Double samplingFreq, String inputName,
                        String outputFormat, String outputDtype, String resultUrl, String error, Instant createdAt,
                        Instant startedAt, Instant finishedAt, List<String> notes, String node) {

    static JobStatus of(JobRecord r) {
        return new JobStatus(r.requestId(), r.state().wire(), r.progress(), r.chunksDone(), r.chunksTotal(), r.strategyName(),
                r.strategyReason(), r.bytesIn(), r.samples(), r.channels(), r.samplingFreq(), r.inputName(), r.outputFormat() == null ? null : r.outputFormat().extension(),
                r.outputDtype() == null ? null : r.outputDtype().wire(), r.resultFile() == null ? null : "/api/filtering/jobs/" + r.requestId() + "/result", r.error(),
                r.createdAt(), r.startedAt(), r.finishedAt(), r.notes() == null ? List.of() : r.notes(), r.node());
    }
}
