package io.vitalstream.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's Kubernetes manifests (target/kubernetes/kubernetes.yml, written at package time): what a cluster needs to run the service. */
class KubernetesManifestsIT {

    @Test
    void theBuildWritesADeploymentWithProbesAServiceAndTheDataVolume() throws Exception {
        String yml = Files.readString(Path.of("target/kubernetes/kubernetes.yml"));
        for (String want : new String[] {"kind: Deployment", "kind: Service", "kind: PersistentVolumeClaim", "claimName: vitalstream-data",
            "mountPath: /data", "readinessProbe:", "path: /q/health/ready", "livenessProbe:", "path: /q/health/live", "VITALSTREAM_DATA_DIR",
            "jdk.incubator.vector"}) {
            assertTrue(yml.contains(want), "kubernetes.yml lacks " + want + ":\n" + yml);
        }
    }
}
