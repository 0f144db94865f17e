package io.harbormaster.core.discovery;

import org.immutables.value.Value;

/** One entry of an object's {@code metadata.ownerReferences}. */
@Value.Immutable
public abstract class OwnerLink {
  @Value.Parameter
  public abstract String apiVersion();

  @Value.Parameter
  public abstract String kind();

  @Value.Parameter
  public abstract String name();

  /** Only the controller owner manages the object; other owners merely keep it alive. */
  @Value.Parameter
  public abstract boolean controller();

  public static OwnerLink of(String apiVersion, String kind, String name, boolean controller) {
    return ImmutableOwnerLink.of(apiVersion, kind, name, controller);
  }

  public static OwnerLink controller(String apiVersion, String kind, String name) {
    return of(apiVersion, kind, name, true);
  }

  /**
   * The API group of {@link #apiVersion()}: {@code apps} for {@code apps/v1}, empty for {@code v1}.
   */
  public String group() {
    int slash = apiVersion().indexOf('/');
    return slash < 0 ? "" : apiVersion().substring(0, slash);
  }

  /** {@code ReplicaSet web-5d8f}. */
  @Override
  public String toString() {
    return kind() + " " + name();
  }
}
