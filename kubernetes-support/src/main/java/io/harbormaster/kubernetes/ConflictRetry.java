package io.harbormaster.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Supplier;

/**
 * Runs an idempotent step again when the API server answers 409 Conflict (a concurrent writer won,
 * or an object appeared between our read and our create). Each attempt must read afresh, so a retry
 * decides on the new state; the number of attempts is bounded so a fight with another writer ends
 * in an error rather than a spin. Other errors pass through at once.
 */
public final class ConflictRetry {
  public static final int MAX_ATTEMPTS = 5;

  private ConflictRetry() {}

  /**
   * Thrown when the step still conflicted after {@link #MAX_ATTEMPTS}; repeating it later is safe.
   */
  public static final class PersistentConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PersistentConflict(String step, KubernetesClientException last) {
      super(
          step
              + " still conflicted with another writer after "
              + MAX_ATTEMPTS
              + " attempts; it is safe to repeat",
          last);
    }
  }

  /** {@code step} names what is done, e.g. "suspending Kustomization apps/db", for the error. */
  public static void run(String step, Runnable action) {
    get(
        step,
        () -> {
          action.run();
          return null;
        });
  }

  public static <T> T get(String step, Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new PersistentConflict(step, e);
        }
      }
    }
  }
}
