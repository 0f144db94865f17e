package io.harbormaster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
    // Two threads of their own: the common pool may have one, which would serialize the work
    // without any gate.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<String> first =
          threads.submit(
              () ->
                  gate.through(
                      () -> {
                        enter.run();
                        firstInside.countDown();
                        await(letFirstOut);
                        inside.decrementAndGet();
                        return "first";
                      }));
      assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
      Future<String> second =
          threads.submit(
              () ->
                  gate.through(
                      () -> {
                        enter.run();
                        inside.decrementAndGet();
                        return "second";
                      }));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (gate.waiting() == 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      assertThat(gate.waiting()).as("the second caller queued at the gate").isEqualTo(1);
      assertThat(second.isDone()).as("held at the gate while the first is inside").isFalse();
      letFirstOut.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
      assertThat(mostInside).hasValue(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void workThatFailsLetsTheNextThrough() {
    HeapGate gate = new HeapGate();
    assertThatThrownBy(
            () ->
                gate.through(
                    () -> {
                      throw new IllegalStateException("a release that is no release");
                    }))
        .hasMessage("a release that is no release");

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
