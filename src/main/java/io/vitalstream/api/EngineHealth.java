package io.vitalstream.api;

import io.vitalstream.kernels.SosKernel;
import io.vitalstream.kernels.fft.Fftw;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Says in /q/health which FFT and how many SIMD lanes the engine runs on, and whether it is warmed up. */
@Readiness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    @jakarta.inject.Inject
    Warmup warmup;


    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("filter-engine").up()
                .withData("fft", Fftw.available() ? "fftw" : "java")
                .withData("fft_float", Fftw.floatAvailable() ? "fftw" : "java")
                .withData("simd_double_lanes", SosKernel.SPECIES.length())
                .withData("warmed_up", warmup.done())
                .build();
    }
}
