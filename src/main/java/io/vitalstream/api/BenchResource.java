package io.vitalstream.api;

import io.smallrye.common.annotation.Blocking;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.error.NotFoundException;
import io.vitalstream.error.TooLargeException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.MediaType;
import io.vitalstream.dsp.ZeroPhase;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;
import io.vitalstream.kernels.fft.Fftw;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark aids, off unless {@code vitalstream.bench-endpoints=true} (404 otherwise): the
 * JSON floor (a filter request read exactly as POST /api/filtering/filter does and written
 * back, without filtering, so that kernels/bench.sh can compare the filter endpoint's
 * throughput with what the same server does for JSON alone), and the zero-phase kernel timed
 * inside the running service, so that a native executable and the JVM service can be
 * compared on the same kernel (native/smoke.py).
 */
@Path("/api/bench")
public class BenchResource {

    private final boolean enabled;

    @Inject
    BenchResource(VitalStreamConfig config) {
        this(config.benchEndpoints());
    }

    BenchResource(boolean enabled) {
        this.enabled = enabled;
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Benchmark aid (off by default): parse a filter request and write it back")
    public FilterRequest echo(FilterRequest request) {
        requireEnabled();
        return request;
    }

    /** What {@link #zeroPhase} measured; {@code samples_per_second} counts channel-samples. */
    public record KernelTiming(int channels, int samples, int runs, double medianMs, double bestMs, double samplesPerSecond,
            String vectorSpecies, String fftBackend) {
    }

    @POST
    @Path("/zero-phase")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Benchmark aid (off by default): time the zero-phase Butterworth band-pass kernel on a synthetic signal")
    public KernelTiming zeroPhase(@QueryParam("channels") @DefaultValue("32") String channelsText,
            @QueryParam("samples") @DefaultValue("250000") String samplesText, @QueryParam("runs") @DefaultValue("7") String runsText) {
        requireEnabled();
        int channels = (int) QueryNumbers.integer("channels", channelsText, 1, 256);
        int samples = (int) QueryNumbers.integer("samples", samplesText, 1000, 4_000_000);
        int runs = (int) QueryNumbers.integer("runs", runsText, 1, 50);
        if ((long) channels * samples > 16_000_000L) {
            throw new TooLargeException("channels x samples is at most 16 000 000 here (128 MB per copy)");
        }
        // order 4, 0.5-40 Hz at 1 kHz: kernels/bench.sh's case
        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, 1000, 1, 40);
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[channels][samples];
        for (double[] row : x) {
            for (int i = 0; i < samples; i++) {
                row[i] = random.nextDouble(-1, 1) + Math.sin(i * 0.01);
            }
        }
        ZeroPhase.filter(sos, x); // once untimed: compilation, first-touch of the output
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            ZeroPhase.filter(sos, x);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[runs / 2];
        return new KernelTiming(channels, samples, runs, median, ms[0], channels * (double) samples / (median / 1e3),
                SosKernel.SPECIES.toString(), Fftw.backend());
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException("no such endpoint (the benchmark endpoints are off: vitalstream.bench-endpoints)");
        }
    }
}
