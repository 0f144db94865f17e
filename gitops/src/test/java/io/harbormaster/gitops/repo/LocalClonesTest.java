package io.harbormaster.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.gitops.auth.TransportAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClonesTest {
  private static final String URL = "https://git.example.com/fleet.git";

  @TempDir Path temp;

  @Test
  void aCloneHeldLongerThanTheNetworkTimeoutIsReportedBusyNotWaitedForForever() throws Exception {
    LocalClones clones = new LocalClones(temp.resolve("clones"), Duration.ofSeconds(1));
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The lock belongs to the thread that opened the clone, as in an operation still running.
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try (TransportAuth auth = TransportAuth.open(Optional.empty(), temp);
                  LocalClone clone = clones.open(URL, auth)) {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

    try (TransportAuth auth = TransportAuth.open(Optional.empty(), temp)) {
      assertThatThrownBy(() -> clones.open(URL, auth))
          .isInstanceOf(GitUnavailableException.class)
          .hasMessageContaining("busy for 1s with another operation on the same repository");

      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      try (LocalClone clone = clones.open(URL, auth)) {
        assertThat(clone).isNotNull();
      }
    }
  }
}
