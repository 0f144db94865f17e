package io.harbormaster.health;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Supplier;

/**
 * Repeats a write that the API server refused with 409 Conflict (someone else changed the object
 * between our read and write). Each attempt must read afresh; the number of attempts is bounded so a
 * hot object cannot keep us spinning.
 */
final class ConflictRetry {
  static final int MAX_ATTEMPTS = 5;

  private ConflictRetry() {}

  static <T> T run(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  static void run(Runnable write) {
    run(
        () -> {
          write.run();
          return null;
        });
  }
}
