package io.vitalstream.api;

import io.smallrye.common.annotation.Blocking;
import io.vitalstream.jobs.ExampleRecordings;
import io.vitalstream.jobs.JobService;
import io.vitalstream.jobs.Upload;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Built-in example recordings, for trying the service without a file. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ToolsResource {

    @Inject
    JobService jobs;

    @GET
    @Path("/examples")
    @Operation(summary = "Built-in example recordings")
    public List<Map<String, Object>> examples() {
        List<Map<String, Object>> out = new ArrayList<>();
        ExampleRecordings.CATALOG.forEach((name, spec) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("description", spec[0]);
            m.put("sampling_freq", spec[1]);
            m.put("channels", spec[2]);
            m.put("seconds", spec[3]);
            out.add(m);
        });
        return out;
    }

    @POST
    @Path("/uploads/examples/{name}")
    @Operation(summary = "Create an upload from a built-in example recording")
    public Response example(@PathParam("name") String name) {
        Upload u = jobs.createExample(name);
        return Response.status(201).entity(Map.of("upload_id", u.uploadId(), "bytes", u.bytes(), "sha256", u.sha256(),
                "filename", u.filename(), "sampling_freq", ExampleRecordings.CATALOG.get(name)[1])).build();
    }
}
