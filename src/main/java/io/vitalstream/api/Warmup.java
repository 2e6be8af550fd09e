package io.vitalstream.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.pipeline.EngineWarmup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;

/**
 * At start-up, on a background thread: the synchronous request's own path (the JSON body
 * read into the request record by the service's mapper, the design, the filter, the
 * response written) and then the engine's hot paths ({@link EngineWarmup}), so that the
 * first request does not pay for class loading and the interpreter. Nothing is counted in
 * the statistics. {@code vitalstream.warmup=false} turns it off.
 */
@ApplicationScoped
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);

    /** The README's example request. */
    static final String EXAMPLE = "{\"signal_data\": [0.1,0.5,0.9,0.4,-0.2,-0.6,-0.3,0.2,0.7,0.8,0.3,-0.1,-0.5,-0.4,0.0,0.4,0.6,"
            + "0.5,0.1,-0.3,-0.5,-0.2,0.2,0.6,0.7,0.4,0.0,-0.4,-0.5,-0.1,0.3,0.6,0.5,0.2,-0.2,-0.5,-0.3,0.1,0.5,0.6],"
            + "\"sampling_freq\": 100, \"signal_type\": \"ECG\", \"filter_params\": {\"filter_type\": \"lowpass\", "
            + "\"filter_family\": \"butter\", \"high_freq\": 10, \"filter_order\": 2}}";

    @Inject
    ObjectMapper mapper;
    @Inject
    VitalStreamConfig config;

    private volatile boolean done;
    private boolean started;

    /**
     * Once the HTTP server listens, not at start-up: run beside the boot, the warm-up slowed
     * the boot itself by about a second on two cores. Quarkus fires this event asynchronously,
     * so only an asynchronous observer hears it.
     */
    void onListening(@ObservesAsync io.quarkus.vertx.http.HttpServerStart event) {
        start();
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (!config.warmup()) {
            done = true;
            return;
        }
        Thread t = new Thread(this::run, "engine-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    public boolean done() {
        return done;
    }

    private void run() {
        long t0 = System.nanoTime();
        LOG.infof("Filter engine: FFT backend %s; Vector API %d double lanes (%s)", io.vitalstream.kernels.fft.Fftw.backend(),
                io.vitalstream.kernels.SosKernel.SPECIES.length(), io.vitalstream.kernels.SosKernel.SPECIES);
        try {
            for (int i = 0; i < 20; i++) {
                FilterRequest request = mapper.readValue(EXAMPLE, FilterRequest.class);
                List<FilterSpec> stages = FilterDesigner.designChain(request.samplingFreq(), request.signalType(),
                        request.filterParams(), request.filterChain());
                double[][] y = request.signalData().channels();
                for (FilterSpec spec : stages) {
                    y = Filtering.apply(spec, y);
                }
                mapper.writeValueAsBytes(new FilterResponse("warmup", true, "standard", request.signalData().reshape(y),
                        request.samplingFreq(), 0, null, null));
            }
            long json = System.nanoTime();
            EngineWarmup.run(Path.of(config.dataDir(), "tmp"));
            LOG.infof("Engine warm-up: request path %.0f ms, kernels and file path %.0f ms (background)",
                    (json - t0) / 1e6, (System.nanoTime() - json) / 1e6);
        } catch (Exception | LinkageError e) {
            LOG.warnf(e, "engine warm-up failed (the service works without it)");
        } finally {
            done = true;
        }
    }
}
