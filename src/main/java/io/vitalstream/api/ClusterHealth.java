package io.vitalstream.api;

import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.jobs.ClusterStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the job store: a single node is ready with its data dir; a replica in cluster
 * mode only while Redis answers (a replica that cannot persist a job takes none).
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {

    @Inject
    ClusterStore cluster;
    @Inject
    io.vitalstream.jobs.ClusterWorker worker;
    @Inject
    VitalStreamConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("cluster").withData("node", cluster.node());
        if (!cluster.enabled()) {
            return b.up().withData("mode", "single node").build();
        }
        b.withData("mode", "cluster").withData("redis", config.cluster().redisUrl().orElse("").replaceAll("//[^@/]*@", "//***@"));
        // the dispatcher's view (it talks to Redis at least once a second): never blocks this thread
        return worker.reachable() ? b.up().build() : b.down().build();
    }
}
