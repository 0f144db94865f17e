package io.harbormaster.sandbox.imageautomation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.sandbox.flux.ReconcileRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the simulated image-automation-controller did, one entry per reconcile of an
 * ImageUpdateAutomation: the log a test reads to know a run happened when the cluster shows nothing
 * of it (a suspended automation records nothing in its status, as Flux's does not).
 */
public final class AutomationRuns {
  /** How a run ended. */
  public enum Result {
    /** Suspended: nothing done. */
    SUSPENDED,
    /** Nothing to change, or nothing changed since the last run. */
    UP_TO_DATE,
    /** A commit was pushed. */
    PUSHED,
    /** Ready=False (or Stalled) with the reason in the detail. */
    FAILED
  }

  /**
   * One reconcile of {@code namespace/name}, the reconcile request it saw (if any) and how it
   * ended; {@code detail} is the pushed commit, or the failure's reason and message.
   */
  public record Run(
      String namespace,
      String name,
      Optional<String> requestedAt,
      Result result,
      String detail,
      Instant at) {}

  private final List<Run> runs = new ArrayList<>();

  synchronized void record(GenericKubernetesResource automation, Result result, String detail) {
    runs.add(
        new Run(
            automation.getMetadata().getNamespace(),
            automation.getMetadata().getName(),
            ReconcileRequests.requestedAt(automation),
            result,
            detail,
            Instant.now()));
    notifyAll();
  }

  /** The runs of automation {@code namespace/name} so far, oldest first. */
  public synchronized List<Run> of(String namespace, String name) {
    return runs.stream()
        .filter(run -> run.namespace().equals(namespace) && run.name().equals(name))
        .toList();
  }

  /**
   * Waits for a run of {@code namespace/name} that {@code condition} accepts, woken by each run.
   *
   * @throws IllegalStateException when none comes within {@code timeout}
   */
  public synchronized Run await(
      String namespace, String name, Predicate<Run> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Run> found = of(namespace, name).stream().filter(condition).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "no such run of ImageUpdateAutomation "
                + namespace
                + "/"
                + name
                + " within "
                + timeout
                + "; runs: "
                + of(namespace, name));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for an automation run", e);
      }
    }
  }
}
