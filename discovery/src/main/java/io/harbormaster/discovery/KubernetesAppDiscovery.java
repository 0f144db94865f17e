package io.harbormaster.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.AppWorkload;
import io.harbormaster.core.discovery.DiscoveryInput;
import io.harbormaster.core.discovery.HelmReleaseDecoder;
import io.harbormaster.core.discovery.ManifestReader;
import io.harbormaster.core.discovery.TargetResolver;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.port.AppDiscovery;
import io.harbormaster.core.tenancy.Tenancy;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Discovers an app's targets through the Kubernetes API: its workloads from Flux (inventory or Helm
 * release), then one list each of pods, ReplicaSets and PVCs per namespace they live in; the core
 * {@link TargetResolver} decides. A discovery costs one GET for the Flux object, then either one
 * GET per inventory workload or one for the Helm release secret (a list when there is no history),
 * and three lists per namespace, however many pods or PVCs there are.
 */
public final class KubernetesAppDiscovery implements AppDiscovery {
  private final FluxWorkloads workloads;
  private final NamespaceObjects namespaces;
  private final Tenancy tenancy;

  /**
   * @param tenancy which namespaces it may read for an app besides the app's own
   */
  public KubernetesAppDiscovery(KubernetesClient client, Tenancy tenancy) {
    this(client, new HelmReleaseDecoder(), tenancy);
  }

  /**
   * @param decoder sets the cap on a decompressed Helm release
   */
  public KubernetesAppDiscovery(
      KubernetesClient client, HelmReleaseDecoder decoder, Tenancy tenancy) {
    this.workloads = new FluxWorkloads(client, decoder, new ManifestReader(), tenancy);
    this.namespaces = new NamespaceObjects(client);
    this.tenancy = tenancy;
  }

  /**
   * @throws io.harbormaster.core.tenancy.TenancyViolation before reading anything of a namespace
   *     the app may not touch (its Flux objects', a Helm release's storage, its workloads')
   */
  @Override
  public AppTargets discover(ManagedApp app) {
    tenancy.checkSpec(app);
    List<AppWorkload> appWorkloads = workloads.of(app.id(), app.flux());
    var input = DiscoveryInput.builder().appWorkloads(appWorkloads).policy(app.snapshots());
    for (String namespace : namespacesOf(app, appWorkloads)) {
      tenancy.require(app.id(), "namespace " + namespace, namespace, "the app's workloads");
      input
          .addAllPods(namespaces.pods(namespace))
          .addAllReplicaSets(namespaces.replicaSets(namespace))
          .addAllPvcs(namespaces.pvcs(namespace));
    }
    return TargetResolver.resolve(input.build());
  }

  /** The workloads' namespaces, and any a {@code namespace/name} in the snapshot policy names. */
  private static SortedSet<String> namespacesOf(ManagedApp app, List<AppWorkload> appWorkloads) {
    SortedSet<String> namespaces = new TreeSet<>();
    appWorkloads.forEach(workload -> namespaces.add(workload.ref().object().namespace()));
    Stream.concat(app.snapshots().pvcs().stream(), app.snapshots().excludePvcs().stream())
        .filter(name -> name.contains("/"))
        .forEach(name -> namespaces.add(name.substring(0, name.indexOf('/'))));
    return namespaces;
  }
}
