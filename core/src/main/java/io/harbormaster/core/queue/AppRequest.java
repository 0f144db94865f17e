package io.harbormaster.core.queue;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** One upgrade or rollback request of an app, as the queue sees it. */
@Value.Immutable
public abstract class AppRequest {
  public enum Kind {
    UPGRADE("UpgradeRequest"),
    ROLLBACK("RollbackRequest");

    private final String resource;

    Kind(String resource) {
      this.resource = resource;
    }

    /** The custom resource's kind, as people name the request. */
    public String resource() {
      return resource;
    }
  }

  public enum State {
    /** Not started, not refused, not being deleted: it starts in its turn. */
    WAITING,
    /** Started and not yet settled (its cleanup included). */
    RUNNING,
    /** Ended and cleaned up. */
    SETTLED,
    /** Refused before it started, or being deleted: it never runs. */
    OUT
  }

  public abstract Kind kind();

  public abstract ObjectRef id();

  public abstract Instant createdAt();

  /** A rollback the operator created for a failed upgrade. */
  @Value.Default
  public boolean autoTriggered() {
    return false;
  }

  public abstract State state();

  /** A rollback's upgrade. */
  public abstract Optional<ObjectRef> upgrade();

  /** In one namespace's phase, e.g. {@code phase Snapshot}, for what others wait on. */
  public abstract Optional<String> phase();

  public static ImmutableAppRequest.Builder builder() {
    return ImmutableAppRequest.builder();
  }

  @Override
  public String toString() {
    return kind().resource() + " " + id();
  }
}
