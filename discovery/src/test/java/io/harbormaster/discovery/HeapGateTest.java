package io.harbormaster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeapGateTest {
  @Test
  void aSecondPieceOfWorkWaitsUntilTheFirstIsThrough() throws Exception {
    HeapGate gate = new HeapGate();
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch letFirstOut = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    Runnable enter = () -> mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);

    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.through(() -> {
      enter.run();
      firstInside.countDown();
      await(letFirstOut);
      inside.decrementAndGet();
      return "first";
    }));
    assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> gate.through(() -> {
      enter.run();
      inside.decrementAndGet();
      return "second";
    }));

    assertThat(second).as("held while the first is inside").isNotDone();
    letFirstOut.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
    assertThat(mostInside).hasValue(1);
  }

  @Test
  void workThatFailsLetsTheNextThrough() {
    HeapGate gate = new HeapGate();
    assertThatThrownBy(() -> gate.through(() -> {
      throw new IllegalStateException("a release that is no release");
    })).hasMessage("a release that is no release");

    assertThat(gate.through(() -> "next")).isEqualTo("next");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
