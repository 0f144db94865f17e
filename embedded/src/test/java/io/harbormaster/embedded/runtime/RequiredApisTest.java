package io.harbormaster.embedded.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RequiredApisTest {
  KubernetesClient client;

  @Test
  void aClusterWithoutFluxOrSnapshotsIsRefusedSayingWhatToInstall() {
    assertThatThrownBy(() -> RequiredApis.verify(client))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "kustomize.toolkit.fluxcd.io/v1 Kustomization (install Flux (flux install))")
        .hasMessageContaining(
            "snapshot.storage.k8s.io/v1 VolumeSnapshot (install the CSI external-snapshotter");
  }

  @Test
  void aClusterWithThemPasses() {
    SimulatedFlux.installCrds(client);
    VolumeSnapshotCrd.install(client);

    assertThatCode(() -> RequiredApis.verify(client)).doesNotThrowAnyException();
  }
}
