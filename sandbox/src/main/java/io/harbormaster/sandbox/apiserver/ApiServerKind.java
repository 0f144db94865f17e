package io.harbormaster.sandbox.apiserver;

import java.util.Locale;

/** Which API server a sandbox runs on. */
public enum ApiServerKind {
  /**
   * fabric8's mock API server in CRUD mode, in this process: starts in milliseconds, enforces
   * little.
   */
  MOCK("fabric8's mock API server"),
  /**
   * A real kube-apiserver with etcd ({@link RealApiServer}): RBAC, schema and name validation,
   * conflicts, finalizers as a cluster enforces them.
   */
  REAL("a real kube-apiserver");

  /**
   * The system property (and Maven property) that picks the kind for tests: {@code mock} or {@code
   * real}.
   */
  public static final String PROPERTY = "hm.apiServer";

  private final String description;

  ApiServerKind(String description) {
    this.description = description;
  }

  /** What the kind is, in words for a first line of output. */
  public String description() {
    return description;
  }

  /** The kind {@link #PROPERTY} names; {@link #MOCK} when it is unset. */
  public static ApiServerKind fromSystemProperties() {
    return parse(System.getProperty(PROPERTY, "mock"));
  }

  /**
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static ApiServerKind parse(String value) {
    for (ApiServerKind kind : values()) {
      if (kind.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not an API server kind: use mock or real");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
