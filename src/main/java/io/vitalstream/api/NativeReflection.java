package io.vitalstream.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vitalstream.dsp.ChainStage;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.quality.QualityReport;
import io.vitalstream.io.SampleType;
import io.vitalstream.jobs.JobEvent;
import io.vitalstream.jobs.JobRecord;
import io.vitalstream.jobs.JobSpec;
import io.vitalstream.jobs.JobState;
import io.vitalstream.jobs.QualityTimelines;
import io.vitalstream.pipeline.OutputFormat;
import io.vitalstream.pipeline.Strategy;

/**
 * Classes a native image must keep for reflection that no REST signature names (Quarkus
 * registers those itself):
 * <ul>
 * <li>the JSON naming strategy {@code quarkus.jackson.property-naming-strategy} names by its
 * class name (Quarkus loads it with Class.forName at start-up);</li>
 * <li>the cache and node classes Caffeine generates and picks by name for a weight-bounded
 * cache with strong keys and values (ChunkCache, PreviewService);</li>
 * <li>the bodies a resource or exception mapper returns inside a {@code Response} (errors as
 * problem+json, a job's quality timeline);</li>
 * <li>what the service writes and reads as JSON outside REST: job records and their parts (the
 * data dir's job.json, the cluster store), progress events (the progress socket, the cluster's
 * event stream), the live stream's messages and its first message, a quality timeline's
 * summary.</li>
 * </ul>
 * native/smoke.py finds what is missing here by running the native executable.
 */
@RegisterForReflection(targets = {PropertyNamingStrategies.SnakeCaseStrategy.class, JobRecord.class, JobSpec.class, JobState.class,
        Strategy.class, OutputFormat.class, SampleType.class, FilterParameters.class, ChainStage.class, JobEvent.class, JobEvent.Type.class,
        Problem.class, QualityTimelines.QualityTimeline.class, QualityTimelines.ChannelQuality.class, QualityTimelines.ScreenStatus.class,
        QualityReport.class, QualityReport.Segment.class, QualityReport.Statistics.class, Responses.class, Responses.LiveMessage.class, Responses.LiveReply.class, Responses.SocketMessage.class, Responses.SocketReply.class},
        classNames = {"com.github.benmanes.caffeine.cache.SSMW", "com.github.benmanes.caffeine.cache.PSMW",
                "io.vitalstream.api.FilterStreamRoute$Config", "io.vitalstream.jobs.QualityTimelines$Summary", "io.vitalstream.dsp.quality.QualityReport$Indices"})
final class NativeReflection {

    private NativeReflection() {
    }
}
