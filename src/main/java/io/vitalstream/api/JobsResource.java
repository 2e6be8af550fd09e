package io.vitalstream.api;

import io.smallrye.common.annotation.Blocking;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.jobs.JobRecord;
import io.vitalstream.jobs.JobRegistry;
import io.vitalstream.jobs.JobRunner;
import io.vitalstream.jobs.JobService;
import io.vitalstream.jobs.JobSpec;
import io.vitalstream.jobs.Preview;
import io.vitalstream.jobs.PreviewService;
import io.vitalstream.jobs.QualityTimelines;
import io.vitalstream.jobs.Statistics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.FilePart;

import java.nio.file.Files;
import java.util.List;

@Path("/api/filtering")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class JobsResource {

    @Inject
    JobService jobs;
    @Inject
    JobRegistry registry;
    @Inject
    JobRunner runner;
    @Inject
    PreviewService previews;
    @Inject
    Statistics statistics;
    @Inject
    QualityTimelines timelines;

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a filtering job over an upload or a file in the data dir")
    @APIResponse(responseCode = "202", description = "queued",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Responses.JobAccepted.class)))
    public Response submit(JobRequest request) {
        if (request == null || request.input() == null) {
            throw new InvalidParameterException("input", "input is required: {\"upload_id\": ...} or {\"path\": ...}");
        }
        JobRequest.Input in = request.input();
        JobRequest.RawLayout raw = request.rawLayout();
        JobRecord r = jobs.submit(new JobSpec(in.uploadId(), in.path(), in.companionUploadIds(), request.format(),
                raw == null ? null : raw.dtype(), raw == null ? null : raw.channels(), request.samplingFreq(), request.channels(),
                request.signalType(), request.filterParams(), request.filterChain(), request.strategy(), request.outputFormat()));
        Responses.JobAccepted body = new Responses.JobAccepted(r.requestId(), r.strategyName(), r.strategyReason(), r.state().wire());
        return Response.accepted(body).header("Location", "/api/filtering/jobs/" + r.requestId()).build();
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "Every job on record, newest first")
    public List<JobStatus> list() {
        return registry.list().stream().map(JobStatus::of).toList();
    }

    @GET
    @Path("/jobs/{id}")
    public JobStatus status(@PathParam("id") String id) {
        return JobStatus.of(registry.status(id));
    }

    @GET
    @Path("/jobs/{id}/result")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, "text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the result (409 until the job has completed); supports Range")
    @APIResponse(responseCode = "200", description = "the result file",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(
                            type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "the requested byte range",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(
                            type = SchemaType.STRING, format = "binary")))
    public Response result(@PathParam("id") String id, @HeaderParam("Range") String range) {
        java.nio.file.Path file = registry.result(id);
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String name = "vitalstream-" + id + "-" + file.getFileName();
        String type = file.getFileName().toString().endsWith(".csv") ? "text/csv" : MediaType.APPLICATION_OCTET_STREAM;
        long[] r = ByteRange.parse(range, size);
        Response.ResponseBuilder b;
        if (r == null) {
            b = Response.ok(new FilePart(file.toFile(), 0, size));
        } else {
            b = Response.status(206).entity(new FilePart(file.toFile(), r[0], r[1] - r[0] + 1))
                    .header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
        }
        return b.type(type).header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/jobs/{id}/preview")
    @Operation(summary = "Min/max-decimated input and output for plotting")
    public Responses.Preview preview(@PathParam("id") String id, @QueryParam("max_points") @DefaultValue("2000") String maxPointsText,
                                       @QueryParam("start") String startText, @QueryParam("end") String endText) {
        int maxPoints = (int) QueryNumbers.integer("max_points", maxPointsText, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Long start = startText == null ? null : QueryNumbers.integer("start", startText, Long.MIN_VALUE, Long.MAX_VALUE);
        Long end = endText == null ? null : QueryNumbers.integer("end", endText, Long.MIN_VALUE, Long.MAX_VALUE);
        PreviewService.Result r = previews.preview(id, maxPoints, start, end);
        return new Responses.Preview(id, r.job().state().wire(), maxPoints, view(r.input()), r.output() == null ? null : view(r.output()));
    }

    private static Responses.PreviewSide view(Preview p) {
        return new Responses.PreviewSide(p.start(), p.end(), p.bins(), p.samplingFreq(), p.channelNames(), p.time(), p.min(), p.max());
    }

    @GET
    @Path("/jobs/{id}/quality")
    @Operation(summary = "Quality timeline of a completed job's whole recording: every channel, 10 s segments every 9 s "
            + "(202 while the screen runs, with the segments done so far; long ranges binned, each bin showing its worst segment)")
    @APIResponse(responseCode = "200", description = "the screen is complete (or failed: status and error say so)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = QualityTimelines.QualityTimeline.class)))
    @APIResponse(responseCode = "202", description = "the screen is running",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = QualityTimelines.QualityTimeline.class)))
    public Response quality(@PathParam("id") String id, @QueryParam("channel") String channel, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("max_segments") @DefaultValue("2000") String maxSegments) {
        QualityTimelines.QualityTimeline t = timelines.timeline(id,
                channel == null ? null : (int) QueryNumbers.integer("channel", channel, Integer.MIN_VALUE, Integer.MAX_VALUE),
                from == null ? null : QueryNumbers.number("from", from), to == null ? null : QueryNumbers.number("to", to),
                (int) QueryNumbers.integer("max_segments", maxSegments, Integer.MIN_VALUE, Integer.MAX_VALUE));
        return Response.status(t.status() == QualityTimelines.ScreenStatus.running ? 202 : 200).entity(t).build();
    }

    @GET
    @Path("/jobs/{id}/quality/metrics")
    @Operation(summary = "Quality metrics of a completed job (input against output, as the synchronous endpoint's quality block) "
            + "on an excerpt of one channel (default the first 5 minutes)")
    public io.vitalstream.dsp.quality.QualityReport qualityMetrics(@PathParam("id") String id,
                                                                   @QueryParam("channel") @DefaultValue("0") String channel,
                                                                   @QueryParam("seconds") @DefaultValue("300") String seconds) {
        return previews.quality(id, (int) QueryNumbers.integer("channel", channel, Integer.MIN_VALUE, Integer.MAX_VALUE),
                QueryNumbers.number("seconds", seconds));
    }

    @POST
    @Path("/cancel/{id}")
    @Operation(summary = "Cancel a queued or running job; it stops within one chunk and publishes no result")
    public Responses.Cancelled cancel(@PathParam("id") String id) {
        JobRecord r = runner.cancel(id);
        return new Responses.Cancelled(true, id, r.state().wire(), r.chunksDone());
    }

    @GET
    @Path("/statistics")
    public Statistics.Snapshot statistics() {
        return statistics.snapshot();
    }
}
