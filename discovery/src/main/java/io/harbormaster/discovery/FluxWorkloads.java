package io.harbormaster.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.AppWorkload;
import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.discovery.HelmRelease;
import io.harbormaster.core.discovery.HelmReleaseDecoder;
import io.harbormaster.core.discovery.HelmReleaseNames;
import io.harbormaster.core.discovery.InventoryEntry;
import io.harbormaster.core.discovery.ManifestReader;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.tenancy.Tenancy;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The app's Deployments and StatefulSets, from what Flux recorded of it. A HelmRelease app: its
 * {@code status.inventory} (helm-controller 1.5 and later), else the manifest of its Helm release.
 * A Kustomization app: the Kustomization's {@code status.inventory}.
 */
final class FluxWorkloads {
  private final KubernetesClient client;
  private final ReleaseSecrets releases;
  private final LiveWorkloads live;
  private final ManifestReader manifests;
  private final Tenancy tenancy;

  FluxWorkloads(
      KubernetesClient client,
      HelmReleaseDecoder decoder,
      ManifestReader manifests,
      Tenancy tenancy) {
    this.client = client;
    this.releases = new ReleaseSecrets(client, decoder);
    this.live = new LiveWorkloads(client, manifests);
    this.manifests = manifests;
    this.tenancy = tenancy;
  }

  /** The workloads of {@code app}, reading nothing in a namespace the app may not touch. */
  List<AppWorkload> of(ObjectRef app, FluxSource flux) {
    FluxObject primary = FluxObject.read(client, flux.primary());
    Optional<List<String>> inventory = primary.inventoryIds();
    if (inventory.isPresent()) {
      List<WorkloadRef> refs = workloadsIn(primary.ref(), inventory.get());
      refs.forEach(
          ref ->
              tenancy.require(
                  app,
                  ref.toString(),
                  ref.object().namespace(),
                  "status.inventory of " + primary.ref()));
      return live.read(refs);
    }
    if (flux.helmRelease().isEmpty()) {
      throw new DiscoveryException(
          primary.ref()
              + " has no status.inventory yet, so its objects are unknown: wait for its first successful reconcile");
    }
    // Helm stores the manifest exactly as it applied it, so its specs stand in for the live
    // objects.
    String storage =
        HelmReleaseNames.storageNamespace(
            primary.ref().object().namespace(), primary.text("spec", "storageNamespace"));
    tenancy.require(
        app,
        "the Helm release of " + primary.ref(),
        storage,
        "spec.storageNamespace of " + primary.ref());
    return HeapGate.HELM_RELEASES.through(
        () -> {
          HelmRelease release = releases.current(primary);
          return manifests.workloads(
              release.manifest(),
              release.namespace(),
              "manifest of Helm release " + release.namespace() + "/" + release);
        });
  }

  private static List<WorkloadRef> workloadsIn(FluxRef owner, List<String> ids) {
    try {
      return ids.stream()
          .map(InventoryEntry::parse)
          .flatMap(entry -> entry.workload().stream())
          .collect(Collectors.toList());
    } catch (DiscoveryException e) {
      throw new DiscoveryException("status.inventory of " + owner + ": " + e.getMessage(), e);
    }
  }
}
