package io.harbormaster.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void retriesAConflictUntilTheStepSucceeds() {
    String result =
        ConflictRetry.get("step", () -> attempts.incrementAndGet() < 3 ? fail(409) : "done");

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void givesUpAfterABoundedNumberOfConflicts() {
    assertThatThrownBy(
            () ->
                ConflictRetry.run(
                    "creating VolumeSnapshot db/snap",
                    () -> {
                      attempts.incrementAndGet();
                      fail(409);
                    }))
        .isInstanceOf(ConflictRetry.PersistentConflict.class)
        .hasMessage(
            "creating VolumeSnapshot db/snap still conflicted with another writer after 5 attempts; it is safe to repeat");
    assertThat(attempts).hasValue(ConflictRetry.MAX_ATTEMPTS);
  }

  @Test
  void otherErrorsPassThroughAtOnce() {
    assertThatThrownBy(
            () ->
                ConflictRetry.run(
                    "step",
                    () -> {
                      attempts.incrementAndGet();
                      fail(403);
                    }))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(attempts).hasValue(1);
  }

  private static String fail(int code) {
    throw new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage("HTTP " + code).build());
  }
}
