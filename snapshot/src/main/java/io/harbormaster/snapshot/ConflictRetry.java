package io.harbormaster.snapshot;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Supplier;

/**
 * Runs an idempotent step again when the API server answers 409 Conflict (a concurrent writer won, or
 * an object appeared between our read and our create). Each attempt reads afresh, so a retry decides
 * on the new state; the number of attempts is bounded so a fight with another writer ends in an error.
 */
final class ConflictRetry {
  static final int MAX_ATTEMPTS = 5;

  private ConflictRetry() {}

  static void run(String step, Runnable action) {
    get(
        step,
        () -> {
          action.run();
          return null;
        });
  }

  static <T> T get(String step, Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new VolumeSnapshotException(
              step + " still conflicted with another writer after " + MAX_ATTEMPTS + " attempts; it is safe to repeat",
              e);
        }
      }
    }
  }
}
