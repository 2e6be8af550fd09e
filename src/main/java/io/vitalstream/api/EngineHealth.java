package io.vitalstream.api;

import io.quarkus.runtime.StartupEvent;
import io.vitalstream.kernels.SosKernel;
import io.vitalstream.kernels.fft.Fftw;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/** Says at start-up, and in /q/health, which FFT and how many SIMD lanes the engine runs on. */
@Readiness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EngineHealth.class);

    @jakarta.inject.Inject
    Warmup warmup;

    void onStart(@Observes StartupEvent event) {
        LOG.infof("Filter engine: FFT backend %s; Vector API %d double lanes (%s)", Fftw.backend(),
                SosKernel.SPECIES.length(), SosKernel.SPECIES);
    }

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
