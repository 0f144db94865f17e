package io.harbormaster.discovery;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.AppWorkload;
import io.harbormaster.core.discovery.ManifestReader;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the live spec of workloads named by an inventory. The live object is serialized and read by
 * the same core reader as a Helm manifest, so both paths agree on which PVCs a spec names.
 */
final class LiveWorkloads {
  private final KubernetesClient client;
  private final ManifestReader reader;

  LiveWorkloads(KubernetesClient client, ManifestReader reader) {
    this.client = client;
    this.reader = reader;
  }

  /** One GET per workload; a workload that no longer exists has nothing to stop and is left out. */
  List<AppWorkload> read(Collection<WorkloadRef> refs) {
    List<AppWorkload> workloads = new ArrayList<>();
    for (WorkloadRef ref : refs) {
      HasMetadata live = get(ref);
      if (live != null) {
        String json = client.getKubernetesSerialization().asJson(live);
        workloads.addAll(reader.workloads(json, ref.object().namespace(), "live " + ref));
      }
    }
    return workloads;
  }

  private HasMetadata get(WorkloadRef ref) {
    String namespace = ref.object().namespace();
    String name = ref.object().name();
    return ref.kind() == WorkloadKind.DEPLOYMENT
        ? client.apps().deployments().inNamespace(namespace).withName(name).get()
        : client.apps().statefulSets().inNamespace(namespace).withName(name).get();
  }
}
