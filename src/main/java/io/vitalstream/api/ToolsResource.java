package io.vitalstream.api;

import io.smallrye.common.annotation.Blocking;
import io.vitalstream.jobs.ExampleRecordings;
import io.vitalstream.jobs.UploadStore;
import io.vitalstream.jobs.Upload;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.List;

/** Built-in example recordings, for trying the service without a file. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ToolsResource {

    @Inject
    UploadStore uploads;

    @GET
    @Path("/examples")
    @Operation(summary = "Built-in example recordings")
    public List<Responses.Example> examples() {
        List<Responses.Example> out = new ArrayList<>();
        ExampleRecordings.CATALOG.forEach((name, spec) -> out.add(new Responses.Example(name, spec.description(), spec.samplingFreq(), spec.channels(), spec.seconds())));
        return out;
    }

    @GET
    @Path("/examples/{name}/samples")
    @Operation(summary = "The first seconds of a built-in example recording as JSON frames (what the page's live panel streams)")
    public Responses.ExampleSamples exampleSamples(@PathParam("name") String name, @QueryParam("seconds") @DefaultValue("60") String secondsText) {
        double seconds = QueryNumbers.number("seconds", secondsText);
        ExampleRecordings.Spec spec = ExampleRecordings.spec(name);
        if (!(seconds > 0) || seconds > 120) {
            throw new io.vitalstream.error.InvalidParameterException("seconds", "seconds must be above 0 and at most 120, got " + secondsText);
        }
        int n = (int) Math.min(spec.samplingFreq() * spec.seconds(), Math.round(seconds * spec.samplingFreq()));
        double[] data = ExampleRecordings.samples(name, n);
        double[][] frames = new double[n][spec.channels()];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < spec.channels(); c++) {
                frames[i][c] = (float) data[i * spec.channels() + c];
            }
        }
        return new Responses.ExampleSamples(name, spec.samplingFreq(), spec.channels(), frames);
    }

    @POST
    @Path("/uploads/examples/{name}")
    @Operation(summary = "Create an upload from a built-in example recording")
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Responses.UploadCreated.class)))
    public Response example(@PathParam("name") String name) {
        Upload u = ExampleRecordings.create(name, uploads);
        return Response.status(201).entity(new Responses.UploadCreated(u.uploadId(), u.bytes(), u.sha256(), u.filename(),
                ExampleRecordings.CATALOG.get(name).samplingFreq())).build();
    }
}
