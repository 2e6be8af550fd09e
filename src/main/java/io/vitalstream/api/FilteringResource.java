package io.vitalstream.api;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.jobs.SyncFilterService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/filtering")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FilteringResource {

    @Inject
    SyncFilterService service;

    @POST
    @Path("/filter")
    @Blocking
    @Operation(summary = "Filter a JSON signal synchronously (standard strategy)")
    public FilterResponse filter(FilterRequest request) {
        if (request == null) {
            throw new InvalidParameterException(null, "send a JSON body with signal_data, sampling_freq and filter_params");
        }
        if (request.signalData() == null) {
            throw new InvalidParameterException("signal_data", "signal_data is required: an array of samples or of channel arrays");
        }
        if (request.samplingFreq() == null) {
            throw new InvalidParameterException("sampling_freq", "sampling_freq (Hz) is required");
        }
        long start = System.nanoTime();
        SyncFilterService.Result r = service.filter(request.signalData().channels(), request.samplingFreq(), request.signalType(),
                request.filterParams(), request.filterChain(), Boolean.TRUE.equals(request.qualityAssessment()));
        double ms = (System.nanoTime() - start) / 1e6;
        return new FilterResponse(UUID.randomUUID().toString(), true, "standard",
                request.signalData().reshape(r.filtered()), request.samplingFreq(), ms,
                r.quality() == null ? null : r.quality().get(0),
                r.quality() != null && request.signalData().multiChannel() ? r.quality() : null);
    }
}
