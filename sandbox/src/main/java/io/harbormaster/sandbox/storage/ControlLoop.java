package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one controller's reconcile pass on its own thread whenever it is triggered. Triggers that
 * arrive while a pass is queued collapse into it; a trigger during a pass queues one more, so no
 * change goes unseen. A failing pass is retried later with growing delays, like a controller's
 * requeue with backoff.
 */
final class ControlLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(50);
  private static final Duration LAST_RETRY = Duration.ofSeconds(2);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final Runnable pass;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile boolean closed;
  private Duration nextRetry = FIRST_RETRY;

  ControlLoop(String name, Runnable pass) {
    this.name = name;
    this.pass = pass;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox-" + name);
              thread.setDaemon(true);
              return thread;
            });
  }

  void trigger() {
    if (queued.compareAndSet(false, true)) {
      try {
        executor.execute(this::runPass);
      } catch (RejectedExecutionException closed) {
        // The controller is closed: nothing more to reconcile.
      }
    }
  }

  private void runPass() {
    queued.set(false);
    try {
      pass.run();
      nextRetry = FIRST_RETRY;
    } catch (RuntimeException e) {
      if (closed) {
        return; // the API server may already be gone
      }
      LOG.warn("sandbox {} pass failed, retrying in {}: {}", name, nextRetry, e.toString());
      executor.schedule(this::trigger, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
      nextRetry =
          nextRetry.multipliedBy(2).compareTo(LAST_RETRY) > 0
              ? LAST_RETRY
              : nextRetry.multipliedBy(2);
    }
  }

  /** An informer handler that triggers a pass on every event. */
  <T> ResourceEventHandler<T> onEveryEvent() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T added) {
        trigger();
      }

      @Override
      public void onUpdate(T before, T after) {
        trigger();
      }

      @Override
      public void onDelete(T deleted, boolean finalStateUnknown) {
        trigger();
      }
    };
  }

  /** Stops triggering and waits briefly for a running pass, so none outlives its API server. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
