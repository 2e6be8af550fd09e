package io.vitalstream.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes a native image must keep for reflection that nothing in the code names as a class:
 * the JSON naming strategy {@code quarkus.jackson.property-naming-strategy} names by its class
 * name (Quarkus loads it with Class.forName at start-up), and the cache and node classes
 * Caffeine generates and picks by name for a weight-bounded cache with strong keys and values
 * (ChunkCache, PreviewService).
 */
@RegisterForReflection(targets = PropertyNamingStrategies.SnakeCaseStrategy.class,
        classNames = {"com.github.benmanes.caffeine.cache.SSMW", "com.github.benmanes.caffeine.cache.PSMW"})
final class NativeReflection {

    private NativeReflection() {
    }
}
