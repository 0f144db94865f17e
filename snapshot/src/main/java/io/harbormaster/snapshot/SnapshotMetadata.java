package io.harbormaster.snapshot;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.SnapshotRecord;
import io.harbormaster.core.port.SnapshotRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels and annotations that tie a VolumeSnapshot to its app and operation. Labels select
 * (their values are shortened to fit); annotations hold the exact {@code namespace/name} refs,
 * which win.
 */
final class SnapshotMetadata {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String HARBORMASTER = "harbormaster";
  static final String APP = "harbormaster.io/app";
  static final String APP_NAMESPACE = "harbormaster.io/app-namespace";
  static final String OPERATION = "harbormaster.io/operation";
  static final String OPERATION_KIND = "harbormaster.io/operation-kind";
  static final String PVC_TEMPLATE = "harbormaster.io/pvc-template";

  /**
   * When Harbormaster asked for the snapshot, to the nanosecond: Kubernetes times have whole
   * seconds.
   */
  static final String REQUESTED_AT = "harbormaster.io/requested-at";

  private SnapshotMetadata() {}

  static Map<String, String> labels(SnapshotRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, HARBORMASTER);
    labels.putAll(appSelector(request.app()));
    labels.put(OPERATION, LabelValue.of(request.operation().request().name()));
    labels.put(OPERATION_KIND, request.operation().kind().label());
    return labels;
  }

  static Map<String, String> appSelector(ObjectRef app) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(MANAGED_BY, HARBORMASTER);
    selector.put(APP, LabelValue.of(app.name()));
    selector.put(APP_NAMESPACE, app.namespace());
    return selector;
  }

  static Map<String, String> annotations(
      SnapshotRequest request, PvcTemplate template, Instant requestedAt) {
    return Map.of(
        APP, request.app().toString(),
        OPERATION, request.operation().request().toString(),
        PVC_TEMPLATE, template.toJson(),
        REQUESTED_AT, requestedAt.toString());
  }

  /** The snapshot as a record of {@code app}, or empty when its annotations name another app. */
  static Optional<SnapshotRecord> record(GenericKubernetesResource snapshot, ObjectRef app) {
    Map<String, String> annotations = snapshot.getMetadata().getAnnotations();
    if (!app.toString().equals(annotations.get(APP))) {
      return Optional.empty(); // a label-value collision of two long app names
    }
    String namespace = snapshot.getMetadata().getNamespace();
    ObjectRef ref = ObjectRef.of(namespace, snapshot.getMetadata().getName());
    String operation = annotations.get(OPERATION);
    if (operation == null) {
      throw new VolumeSnapshotException(
          "VolumeSnapshot "
              + ref
              + " is labelled for app "
              + app
              + " but has no "
              + OPERATION
              + " annotation: add it (<namespace>/<request name>) or remove the labels");
    }
    return Optional.of(
        SnapshotRecord.builder()
            .snapshot(ref)
            .pvc(ObjectRef.of(namespace, VolumeSnapshotFields.sourcePvc(snapshot)))
            .app(app)
            .operation(
                ObjectRef.parse("VolumeSnapshot " + ref + " annotation " + OPERATION, operation))
            .createdAt(createdAt(snapshot))
            .build());
  }

  /**
   * When the snapshot was taken, for retention's order and age: when Harbormaster asked for it (the
   * only time precise enough to order two upgrades a second apart), else the driver's {@code
   * status.creationTime}, else when the object was made.
   */
  private static Instant createdAt(GenericKubernetesResource snapshot) {
    String requested = snapshot.getMetadata().getAnnotations().get(REQUESTED_AT);
    if (requested != null) {
      return Instant.parse(requested);
    }
    String cut = snapshot.get("status", "creationTime");
    return Instant.parse(cut != null ? cut : snapshot.getMetadata().getCreationTimestamp());
  }
}
