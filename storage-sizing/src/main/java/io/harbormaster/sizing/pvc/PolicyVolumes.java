package io.harbormaster.sizing.pvc;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.VolumeUsageSource;
import io.harbormaster.core.sizing.UsageReport;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.kubernetes.StorageClasses;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the PVCs of one namespace a policy selects as core's {@link VolumeFacts}: each PVC once,
 * the namespace's pods once (which running pod mounts which PVC, on which node), its StatefulSets
 * once (which PVCs one made from the same template: peers that share a size), each StorageClass
 * once, and the usage of every node that runs such a pod in one reading.
 */
public final class PolicyVolumes {
  private static final Pattern ORDINAL = Pattern.compile("[0-9]+");

  private final KubernetesClient client;
  private final VolumeUsageSource usage;

  public PolicyVolumes(KubernetesClient client, VolumeUsageSource usage) {
    this.client = client;
    this.usage = usage;
  }

  /** The PVCs of {@code namespace} that {@code selector} matches. */
  public List<VolumeFacts> matching(String namespace, LabelSelector selector) {
    return facts(
        namespace,
        client
            .persistentVolumeClaims()
            .inNamespace(namespace)
            .withLabelSelector(selector)
            .list()
            .getItems());
  }

  /** The PVCs of {@code namespace} named {@code names}; one that does not exist is left out. */
  public List<VolumeFacts> named(String namespace, Collection<String> names) {
    return facts(
        namespace,
        names.stream()
            .map(
                name -> client.persistentVolumeClaims().inNamespace(namespace).withName(name).get())
            .filter(Objects::nonNull)
            .toList());
  }

  private List<VolumeFacts> facts(String namespace, List<PersistentVolumeClaim> claims) {
    Map<String, String> nodeOfClaim = mountingNodes(namespace);
    Set<String> nodes =
        claims.stream()
            .map(claim -> nodeOfClaim.get(claim.getMetadata().getName()))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    UsageReport report = nodes.isEmpty() ? UsageReport.builder().build() : usage.read(nodes);
    Map<String, Optional<StorageClass>> classes = new HashMap<>();
    Map<String, String> peerGroups = peerGroups(namespace);
    return claims.stream()
        .map(
            claim -> {
              ObjectRef pvc = ObjectRef.of(namespace, claim.getMetadata().getName());
              Optional<String> node =
                  Optional.ofNullable(nodeOfClaim.get(claim.getMetadata().getName()));
              Optional<StorageClass> storageClass =
                  classes.computeIfAbsent(
                      String.valueOf(claim.getSpec().getStorageClassName()),
                      name -> StorageClasses.of(client, claim));
              return facts(
                  claim,
                  pvc,
                  node,
                  storageClass,
                  report,
                  peerGroup(claim.getMetadata().getName(), peerGroups));
            })
        .toList();
  }

  private static VolumeFacts facts(
      PersistentVolumeClaim claim,
      ObjectRef pvc,
      Optional<String> node,
      Optional<StorageClass> storageClass,
      UsageReport report,
      Optional<String> peerGroup) {
    PersistentVolumeClaimStatus status =
        Optional.ofNullable(claim.getStatus()).orElseGet(PersistentVolumeClaimStatus::new);
    return VolumeFacts.builder()
        .pvc(pvc)
        .uid(claim.getMetadata().getUid())
        .capacityBytes(bytes(status.getCapacity()))
        .requestedBytes(bytes(claim.getSpec().getResources().getRequests()))
        .phase(Optional.ofNullable(status.getPhase()).orElse("Pending"))
        .conditions(
            status.getConditions().stream()
                .filter(condition -> "True".equals(condition.getStatus()))
                .map(condition -> condition.getType())
                .collect(Collectors.toSet()))
        .resizeStatus(
            Optional.ofNullable(status.getAllocatedResourceStatuses())
                .map(statuses -> statuses.get("storage")))
        .storageClass(
            storageClass
                .map(found -> found.getMetadata().getName())
                .or(() -> Optional.ofNullable(claim.getSpec().getStorageClassName())))
        .expansionAllowed(
            Optional.of(
                storageClass
                    .map(found -> Boolean.TRUE.equals(found.getAllowVolumeExpansion()))
                    .orElse(false)))
        .mounted(node.isPresent())
        .usage(report.of(pvc))
        .usageUnknownBecause(
            report.of(pvc).isPresent()
                ? Optional.empty()
                : Optional.of(report.unknownBecause(pvc, node)))
        .peerGroup(peerGroup)
        .build();
  }

  /**
   * Claim-name prefix ({@code <template>-<statefulset>-}) to the group of PVCs a StatefulSet makes
   * from that volumeClaimTemplate.
   */
  private Map<String, String> peerGroups(String namespace) {
    Map<String, String> groups = new HashMap<>();
    for (StatefulSet set : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      String name = set.getMetadata().getName();
      for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
        String templateName = template.getMetadata().getName();
        groups.put(
            templateName + "-" + name + "-", "StatefulSet " + name + ", template " + templateName);
      }
    }
    return groups;
  }

  /** The group of a claim named {@code <prefix><ordinal>}, if a StatefulSet made it. */
  private static Optional<String> peerGroup(String claim, Map<String, String> groups) {
    int dash = claim.lastIndexOf('-');
    if (dash < 0 || !ORDINAL.matcher(claim.substring(dash + 1)).matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(groups.get(claim.substring(0, dash + 1)));
  }

  /** Claim name to the node of a running pod that mounts it. */
  private Map<String, String> mountingNodes(String namespace) {
    Map<String, String> nodes = new HashMap<>();
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      if (!running(pod)) {
        continue;
      }
      pod.getSpec().getVolumes().stream()
          .filter(volume -> volume.getPersistentVolumeClaim() != null)
          .forEach(
              volume ->
                  nodes.put(
                      volume.getPersistentVolumeClaim().getClaimName(),
                      pod.getSpec().getNodeName()));
    }
    return nodes;
  }

  private static boolean running(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getSpec().getNodeName() != null
        && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase());
  }

  private static long bytes(Map<String, Quantity> resources) {
    Quantity storage = resources == null ? null : resources.get("storage");
    return storage == null ? 0 : Quantity.getAmountInBytes(storage).longValue();
  }
}
