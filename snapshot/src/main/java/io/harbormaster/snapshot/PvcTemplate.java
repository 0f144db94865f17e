package io.harbormaster.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a restore needs to recreate a PVC, captured from the live PVC when it is snapshotted and
 * kept as JSON in an annotation of the VolumeSnapshot. Annotations that describe the old PVC's
 * binding or provisioning are left out: copied, they would tie the new PVC to the old volume or
 * node.
 */
record PvcTemplate(
    Map<String, String> labels,
    Map<String, String> annotations,
    String storageClassName,
    List<String> accessModes,
    String volumeMode,
    String requestedStorage) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final List<String> UNSAFE_ANNOTATION_PREFIXES =
      List.of(
          "pv.kubernetes.io/",
          "volume.kubernetes.io/",
          "volume.beta.kubernetes.io/",
          "kubectl.kubernetes.io/last-applied-configuration");

  static PvcTemplate capture(PersistentVolumeClaim pvc) {
    ObjectMeta metadata = pvc.getMetadata();
    Map<String, String> annotations = new TreeMap<>();
    metadata
        .getAnnotations()
        .forEach(
            (key, value) -> {
              if (UNSAFE_ANNOTATION_PREFIXES.stream().noneMatch(key::startsWith)) {
                annotations.put(key, value);
              }
            });
    Quantity requested =
        pvc.getSpec().getResources() == null
            ? null
            : pvc.getSpec().getResources().getRequests().get("storage");
    return new PvcTemplate(
        new TreeMap<>(metadata.getLabels()),
        annotations,
        pvc.getSpec().getStorageClassName(),
        List.copyOf(pvc.getSpec().getAccessModes()),
        pvc.getSpec().getVolumeMode(),
        requested == null ? null : requested.toString());
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a PVC template is always writable as JSON", e);
    }
  }

  /**
   * @param owner names the snapshot in the error when the JSON is damaged
   */
  static PvcTemplate fromJson(String json, String owner) {
    try {
      return JSON.readValue(json, PvcTemplate.class);
    } catch (JsonProcessingException e) {
      throw new VolumeSnapshotException(
          "the annotation "
              + SnapshotMetadata.PVC_TEMPLATE
              + " of VolumeSnapshot "
              + owner
              + " is not a PVC template ("
              + e.getOriginalMessage()
              + "): restore the PVC by hand from this snapshot");
    }
  }
}
