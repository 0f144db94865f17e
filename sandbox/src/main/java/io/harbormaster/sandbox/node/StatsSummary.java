package io.harbormaster.sandbox.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The kubelet's {@code /stats/summary} of one node, in its JSON format: each running pod bound to
 * the node, with the stats of its PVC volumes whose usage was set. A volume without usage is left
 * out, as a real kubelet leaves out a newly mounted volume until its periodic measurement. Pods and
 * PVCs come from informers' caches, as a kubelet knows its pods from its watch: the mock API server
 * answers one request at a time, so a kubelet that called it while its proxy waits would wait for
 * ever.
 */
final class StatsSummary {
  /**
   * The part of a volume its filesystem keeps for itself: ext4 on a default {@code mkfs} gives
   * about 1.6 % to inode tables and a 128 MiB journal on a volume of a few GiB, so {@code df} shows
   * some 3 % less than the disk. The product must size from the PVC's capacity, never this one.
   */
  static final int FILESYSTEM_OVERHEAD_PERCENT = 3;

  /** ext4's default bytes-per-inode ratio: one inode for every 16 KiB of the filesystem. */
  private static final long BYTES_PER_INODE = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store<Pod> pods;
  private final Store<PersistentVolumeClaim> claims;
  private final Map<ClaimKey, Long> usedBytes;

  /** A PVC by namespace and name. */
  record ClaimKey(String namespace, String name) {}

  StatsSummary(
      Store<Pod> pods, Store<PersistentVolumeClaim> claims, Map<ClaimKey, Long> usedBytes) {
    this.pods = pods;
    this.claims = claims;
    this.usedBytes = usedBytes;
  }

  String of(String node) {
    ObjectNode summary = JSON.createObjectNode();
    summary.putObject("node").put("nodeName", node);
    ArrayNode pods = summary.putArray("pods");
    String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    this.pods.list().stream()
        .filter(pod -> node.equals(pod.getSpec().getNodeName()) && running(pod))
        .forEach(pod -> addPod(pods.addObject(), pod, time));
    return summary.toString();
  }

  private void addPod(ObjectNode entry, Pod pod, String time) {
    entry
        .putObject("podRef")
        .put("name", pod.getMetadata().getName())
        .put("namespace", pod.getMetadata().getNamespace())
        .put("uid", pod.getMetadata().getUid());
    ArrayNode volumes = JSON.createArrayNode();
    for (Volume volume : pod.getSpec().getVolumes()) {
      if (volume.getPersistentVolumeClaim() != null) {
        ClaimKey claim =
            new ClaimKey(
                pod.getMetadata().getNamespace(), volume.getPersistentVolumeClaim().getClaimName());
        filesystemBytes(claim)
            .filter(capacity -> usedBytes.containsKey(claim))
            .ifPresent(
                capacity ->
                    addVolume(volumes.addObject(), volume.getName(), claim, capacity, time));
      }
    }
    if (!volumes.isEmpty()) {
      entry.set("volume", volumes); // the kubelet omits an empty list
    }
  }

  private void addVolume(
      ObjectNode entry, String name, ClaimKey claim, long capacity, String time) {
    long used = usedBytes.get(claim);
    long inodes = capacity / BYTES_PER_INODE;
    long inodesUsed = Math.min(inodes, (used + BYTES_PER_INODE - 1) / BYTES_PER_INODE);
    entry.put("time", time).put("name", name);
    entry.putObject("pvcRef").put("name", claim.name()).put("namespace", claim.namespace());
    entry
        .put("capacityBytes", capacity)
        .put("usedBytes", used)
        .put("availableBytes", Math.max(0, capacity - used))
        .put("inodes", inodes)
        .put("inodesUsed", inodesUsed)
        .put("inodesFree", inodes - inodesUsed);
  }

  /** The size of the claim's filesystem: its bound capacity less the filesystem's overhead. */
  private Optional<Long> filesystemBytes(ClaimKey claim) {
    return Optional.ofNullable(claims.getByKey(claim.namespace() + "/" + claim.name()))
        .map(PersistentVolumeClaim::getStatus)
        .map(status -> status.getCapacity())
        .map(capacity -> capacity.get("storage"))
        .map(Quantity::getNumericalAmount)
        .map(bytes -> bytes.longValue() - bytes.longValue() * FILESYSTEM_OVERHEAD_PERCENT / 100);
  }

  private static boolean running(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase());
  }
}
