package io.vitalstream.jobs;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Every meter carries the replica's node id (tag {@code node}), so metrics of several replicas stay apart. */
public class NodeMetrics {

    @Produces
    @Singleton
    MeterFilter nodeTag(ClusterStore cluster) {
        return MeterFilter.commonTags(Tags.of("node", cluster.node()));
    }
}
