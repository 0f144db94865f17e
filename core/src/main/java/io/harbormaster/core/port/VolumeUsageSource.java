package io.harbormaster.core.port;

import io.harbormaster.core.sizing.UsageReport;
import java.util.Set;

/**
 * Where the used bytes of PVCs come from: the kubelets' summary API today, a metrics system such as
 * Prometheus ({@code kubelet_volume_stats_used_bytes}) tomorrow. One reading asks each node once.
 */
public interface VolumeUsageSource {
  /**
   * The usage of the PVCs mounted on {@code nodes}. A node that does not answer is named in the
   * report, never thrown: the other nodes' readings still count.
   */
  UsageReport read(Set<String> nodes);
}
