package io.harbormaster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.harbormaster.api.crd.InstalledCrds;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class WatchNamespacesTest {
  KubernetesClient client;
  @TempDir Path work;

  @Test
  void everyControllerWatchesOnlyTheNamespacesItIsGiven() throws Exception {
    SimulatedFlux.installCrds(client);
    VolumeSnapshotCrd.install(client);
    InstalledCrds.install(client);
    GitOpsSettings git =
        GitOpsSettings.builder()
            .workDirectory(work)
            .authorName("hm")
            .authorEmail("hm@localhost")
            .build();

    Operator scoped =
        Harbormaster.operator(
            client,
            OperatorOptions.builder()
                .git(git)
                .watchNamespaces(Set.of("apps", "flux-system"))
                .build());
    Operator everywhere = Harbormaster.operator(client, OperatorOptions.builder().git(git).build());

    // UpgradeRequests, RollbackRequests, ManagedApps and StoragePolicies.
    assertThat(scoped.getRegisteredControllers())
        .hasSize(4)
        .allSatisfy(
            controller ->
                assertThat(namespaces(controller))
                    .containsExactlyInAnyOrder("apps", "flux-system"));
    assertThat(everywhere.getRegisteredControllers())
        .allSatisfy(
            controller ->
                assertThat(
                        ((RegisteredController<?>) controller)
                            .getConfiguration()
                            .getInformerConfig()
                            .watchAllNamespaces())
                    .isTrue());
  }

  private static Set<String> namespaces(Object controller) {
    return ((RegisteredController<?>) controller)
        .getConfiguration()
        .getInformerConfig()
        .getNamespaces();
  }
}
