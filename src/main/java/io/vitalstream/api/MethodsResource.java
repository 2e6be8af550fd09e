package io.vitalstream.api;

import io.vitalstream.dsp.MethodRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** The method registry (SPEC section 2): what filter_params may select and take. */
@Path("/api/filtering/methods")
@Produces(MediaType.APPLICATION_JSON)
public class MethodsResource {

    /** The registry: categories, and each method's parameters with types, defaults, ranges and aliases. */
    public record Methods(List<String> categories, List<String> selectors, List<MethodRegistry.Entry> methods) {
    }

    @GET
    @Operation(summary = "Every category and method with its parameters (type, default, range, unit, vitalDSP alias), "
            + "whether it streams through jobs and whether it runs live")
    public Methods methods() {
        return new Methods(List.of("traditional", "advanced", "artifact", "neural", "ensemble"), MethodRegistry.SELECTORS,
                MethodRegistry.entries());
    }
}
