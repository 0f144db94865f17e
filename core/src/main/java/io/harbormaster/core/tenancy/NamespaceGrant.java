package io.harbormaster.core.tenancy;

import org.immutables.value.Value;

/**
 * Apps in {@code appNamespace} (every namespace when it is {@link #ANY}) may touch objects in
 * {@code namespace}: e.g. {@code apps:flux-system} for apps whose Kustomizations live where Flux
 * keeps them.
 */
@Value.Immutable
public abstract class NamespaceGrant {
  public static final String ANY = "*";

  @Value.Parameter
  public abstract String appNamespace();

  @Value.Parameter
  public abstract String namespace();

  public static NamespaceGrant of(String appNamespace, String namespace) {
    return ImmutableNamespaceGrant.of(appNamespace, namespace);
  }

  boolean allows(String app, String target) {
    return (appNamespace().equals(ANY) || appNamespace().equals(app)) && namespace().equals(target);
  }

  @Override
  public String toString() {
    return appNamespace() + ":" + namespace();
  }
}
