package io.vitalstream.api;

import io.smallrye.common.annotation.Blocking;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.error.NotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's JSON floor: reads a filter request exactly as POST /api/filtering/filter
 * does and writes it back, without filtering, so that kernels/bench.sh can compare the
 * filter endpoint's throughput with what the same server does for JSON alone. Off unless
 * {@code vitalstream.bench-endpoints=true} (404 otherwise).
 */
@Path("/api/bench")
public class BenchResource {

    private final boolean enabled;

    BenchResource(VitalStreamConfig config) {
        this.enabled = config.benchEndpoints();
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Benchmark aid (off by default): parse a filter request and write it back")
    public FilterRequest echo(FilterRequest request) {
        if (!enabled) {
            throw new NotFoundException("no such endpoint (the benchmark's echo endpoint is off: vitalstream.bench-endpoints)");
        }
        return request;
    }
}
