package io.harbormaster.sizing.pvc;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.VolumeResizer;

/**
 * Grows a PVC where git does not declare its size: raises {@code spec.resources.requests.storage};
 * the storage driver's resizer and then the kubelet do the rest.
 */
public final class PvcResizer implements VolumeResizer {
  private static final long MI = 1024L * 1024;
  private static final long GI = 1024 * MI;

  private final KubernetesClient client;

  public PvcResizer(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void grow(ObjectRef pvc, long toBytes) {
    client
        .persistentVolumeClaims()
        .inNamespace(pvc.namespace())
        .withName(pvc.name())
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\""
                + quantity(toBytes)
                + "\"}}}}");
  }

  /** As a person writes sizes: 12Gi, 1536Mi, or bytes when neither divides them. */
  static String quantity(long bytes) {
    if (bytes % GI == 0) {
      return bytes / GI + "Gi";
    }
    return bytes % MI == 0 ? bytes / MI + "Mi" : String.valueOf(bytes);
  }
}
