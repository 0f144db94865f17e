package io.harbormaster.core.flux;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import java.util.Map;
import java.util.Optional;

/**
 * Which Kustomization applies a Flux object, and whether the app names it. kustomize-controller
 * labels every object it applies with its own name and namespace; that parent re-applies the object
 * from git, so it must be suspended with it. The app names that parent in {@code
 * spec.flux.kustomization}.
 */
public final class ParentKustomization {
  public static final String NAME_LABEL = "kustomize.toolkit.fluxcd.io/name";
  public static final String NAMESPACE_LABEL = "kustomize.toolkit.fluxcd.io/namespace";

  private ParentKustomization() {}

  /** The Kustomization that applied an object with these labels, if one did. */
  public static Optional<ObjectRef> of(ObjectRef child, Map<String, String> labels) {
    String name = labels.get(NAME_LABEL);
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    // Flux always writes both labels; a missing namespace can only mean the child's own.
    return Optional.of(ObjectRef.of(labels.getOrDefault(NAMESPACE_LABEL, child.namespace()), name));
  }

  /**
   * Refuses an app whose object is applied by a Kustomization other than the one the app names:
   * that parent would be left running and undo the suspend. The app's own Kustomization (its
   * applier) may have a parent of its own; the spec cannot name it, and that parent leaves {@code
   * spec.suspend} alone because Harbormaster writes it under its own field manager.
   *
   * @throws InvalidSpecException naming {@code spec.flux.kustomization} and the parent to name
   *     there
   */
  public static void verify(FluxSource source, FluxRef object, Map<String, String> labels) {
    if (object.equals(source.applier())) {
      return;
    }
    ObjectRef named = source.applier().object();
    of(object.object(), labels)
        .filter(parent -> !parent.equals(named))
        .ifPresent(
            parent -> {
              throw new InvalidSpecException(
                  "spec.flux.kustomization",
                  "names "
                      + named
                      + ", but "
                      + object
                      + " is applied by Kustomization "
                      + parent
                      + ", which would undo its suspend: set spec.flux.kustomization to "
                      + parent);
            });
  }
}
