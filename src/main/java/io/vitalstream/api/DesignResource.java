package io.vitalstream.api;

import io.smallrye.common.annotation.Blocking;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.FrequencyResponse;
import io.vitalstream.error.InvalidParameterException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;


/** A filter design's frequency response, for plotting. */
@Path("/api/filtering")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DesignResource {

    /** Body of POST /api/filtering/design. */
    public record DesignRequest(Double samplingFreq, FilterParameters filterParams, Integer points) {
    }

    @POST
    @Path("/design")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Frequency response (magnitude dB, phase degrees) of a filter design")
    public Responses.Design design(DesignRequest request) {
        if (request == null || request.samplingFreq() == null) {
            throw new InvalidParameterException("sampling_freq", "sampling_freq (Hz) is required");
        }
        FilterSpec spec = request.filterParams() == null ? FilterDesigner.design(FilterDesigner.defaultsFor("other"), request.samplingFreq())
                : FilterDesigner.design(request.filterParams(), request.samplingFreq());
        FrequencyResponse.Curve c = FrequencyResponse.of(spec, request.samplingFreq(), request.points() == null ? 512 : request.points());
        FilterSpec.Iir iir = spec instanceof FilterSpec.Iir i ? i : null;
        return new Responses.Design(c.frequencies(), c.magnitudeDb(), c.phaseDeg(), iir == null ? null : iir.sos().sections(),
                iir == null ? null : iir.zeroPhase());
    }
}
