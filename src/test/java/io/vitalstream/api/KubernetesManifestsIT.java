package io.vitalstream.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's Kubernetes manifests (target/kubernetes/kubernetes.yml, written at package time): what a cluster needs to run the service. */
class KubernetesManifestsIT {

    @Test
    void theBuildWritesADeploymentWithProbesAServiceTheSharedDataVolumeRedisAndAnAutoscaler() throws Exception {
        String yml = Files.readString(Path.of("target/kubernetes/kubernetes.yml"));
        for (String want : new String[] {"kind: Deployment", "kind: Service", "kind: PersistentVolumeClaim", "claimName: vitalstream-data",
            "mountPath: /data", "readinessProbe:", "path: /q/health/ready", "livenessProbe:", "path: /q/health/live", "VITALSTREAM_DATA_DIR",
            "jdk.incubator.vector", "ReadWriteMany", "kind: HorizontalPodAutoscaler", "replicas: 3", "VITALSTREAM_CLUSTER_REDIS_URL",
            "name: vitalstream-redis", "VITALSTREAM_CLUSTER_NODE_ID", "fieldPath: metadata.name"}) {
            assertTrue(yml.contains(want), "kubernetes.yml lacks " + want + ":\n" + yml);
        }
    }
}
