package io.harbormaster.core.model;

import java.util.Comparator;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/** A namespaced object's name; the domain's stand-in for a Kubernetes object reference. */
@Value.Immutable
public abstract class ObjectRef implements Comparable<ObjectRef> {
  /** RFC 1123 label, as Kubernetes requires of namespaces. */
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** RFC 1123 subdomain, as Kubernetes requires of most object names. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

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
    InvalidSpecException.require(
        namespace() != null && NAMESPACE.matcher(namespace()).matches(),
        "namespace",
        "'"
            + namespace()
            + "' is not a valid namespace: use lower-case letters, digits and '-', at most 63");
    InvalidSpecException.require(
        name() != null && NAME.matcher(name()).matches(),
        "name",
        "'" + name() + "' is not a valid object name: use lower-case letters, digits, '-' and '.'");
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
