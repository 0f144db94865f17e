package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Optional;

/** Controller owner references: how a simulated controller marks and finds what it made. */
final class Ownership {
  private Ownership() {}

  static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** The owner with {@code controller: true}, if any. */
  static Optional<OwnerReference> controller(HasMetadata object) {
    return object.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .findFirst();
  }

  /**
   * Controlled by the object of this kind and name in the same namespace (also after the owner is
   * gone).
   */
  static boolean controlledBy(HasMetadata object, String kind, String name) {
    return controller(object)
        .filter(ref -> kind.equals(ref.getKind()) && name.equals(ref.getName()))
        .isPresent();
  }
}
