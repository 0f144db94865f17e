package io.harbormaster.core.model;

import java.util.Comparator;
import org.immutables.value.Value;

/** A Deployment or StatefulSet. */
@Value.Immutable
public abstract class WorkloadRef implements Comparable<WorkloadRef> {
  private static final Comparator<WorkloadRef> ORDER =
      Comparator.comparing(WorkloadRef::object).thenComparing(WorkloadRef::kind);

  @Value.Parameter
  public abstract WorkloadKind kind();

  @Value.Parameter
  public abstract ObjectRef object();

  public static WorkloadRef of(WorkloadKind kind, ObjectRef object) {
    return ImmutableWorkloadRef.of(kind, object);
  }

  public static WorkloadRef deployment(String namespace, String name) {
    return of(WorkloadKind.DEPLOYMENT, ObjectRef.of(namespace, name));
  }

  public static WorkloadRef statefulSet(String namespace, String name) {
    return of(WorkloadKind.STATEFULSET, ObjectRef.of(namespace, name));
  }

  @Override
  public int compareTo(WorkloadRef other) {
    return ORDER.compare(this, other);
  }

  /** {@code StatefulSet db/postgres}. */
  @Override
  public String toString() {
    return kind().kind() + " " + object();
  }
}
