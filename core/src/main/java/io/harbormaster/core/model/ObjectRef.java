package io.harbormaster.core.model;

import java.util.Comparator;
import org.immutables.value.Value;

/** A namespaced object's name; the domain's stand-in for a Kubernetes object reference. */
@Value.Immutable
public abstract class ObjectRef implements Comparable<ObjectRef> {
  private static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

  @Value.Parameter
  public abstract String namespace();

  @Value.Parameter
  public abstract String name();

  public static ObjectRef of(String namespace, String name) {
    return ImmutableObjectRef.of(namespace, name);
  }

  /** Parses {@code namespace/name}; {@code field} names the input in the error. */
  public static ObjectRef parse(String field, String namespacedName) {
    int slash = namespacedName == null ? -1 : namespacedName.indexOf('/');
    InvalidSpecException.require(
        slash > 0
            && slash == namespacedName.lastIndexOf('/')
            && slash < namespacedName.length() - 1,
        field,
        "'" + namespacedName + "' is not of the form <namespace>/<name>");
    return of(namespacedName.substring(0, slash), namespacedName.substring(slash + 1));
  }

  @Value.Check
  protected void check() {
    KubernetesNames.namespaceProblem(namespace())
        .ifPresent(
            problem -> {
              throw new InvalidSpecException("namespace", "'" + namespace() + "' " + problem);
            });
    KubernetesNames.objectNameProblem(name())
        .ifPresent(
            problem -> {
              throw new InvalidSpecException("name", "'" + name() + "' " + problem);
            });
  }

  @Override
  public int compareTo(ObjectRef other) {
    return ORDER.compare(this, other);
  }

  /** {@code namespace/name}, as kubectl prints it. */
  @Override
  public String toString() {
    return namespace() + "/" + name();
  }
}
