package io.harbormaster.embedded.runtime;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.FluxKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The APIs the operator watches besides its own: Flux's Kustomization and HelmRelease, and CSI
 * VolumeSnapshots. Without them java-operator-sdk fails deep inside an informer; checking first
 * turns that into one sentence that says what to install.
 */
public final class RequiredApis {
  private record Api(String group, String version, String kind, String install) {}

  private static final List<Api> APIS =
      List.of(
          new Api(
              FluxKind.KUSTOMIZATION.group(),
              FluxKind.KUSTOMIZATION.version(),
              FluxKind.KUSTOMIZATION.kind(),
              "Flux (flux install)"),
          new Api(
              FluxKind.HELM_RELEASE.group(),
              FluxKind.HELM_RELEASE.version(),
              FluxKind.HELM_RELEASE.kind(),
              "Flux's helm-controller (flux install)"),
          new Api(
              "snapshot.storage.k8s.io",
              "v1",
              "VolumeSnapshot",
              "the CSI external-snapshotter CRDs and controller"));

  private RequiredApis() {}

  /**
   * @throws IllegalStateException naming every missing API and what provides it
   */
  public static void verify(KubernetesClient client) {
    List<String> missing = new ArrayList<>();
    for (Api api : APIS) {
      APIResourceList served = client.getApiResources(api.group() + "/" + api.version());
      boolean found =
          served != null
              && served.getResources().stream()
                  .anyMatch(resource -> resource.getKind().equals(api.kind()));
      if (!found) {
        missing.add(
            api.group()
                + "/"
                + api.version()
                + " "
                + api.kind()
                + " (install "
                + api.install()
                + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the cluster does not serve "
              + String.join(", ", missing)
              + ": Harbormaster needs them to run");
    }
  }
}
