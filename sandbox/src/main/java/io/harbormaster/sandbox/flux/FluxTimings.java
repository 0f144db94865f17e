package io.harbormaster.sandbox.flux;

import java.time.Duration;

/**
 * The simulated controllers' own delays, as their command-line flags set them: the first and the
 * longest retry after a failed reconcile ({@code --min-retry-delay} 750ms, {@code
 * --max-retry-delay} 15m), how soon an object waiting on another is looked at again ({@code
 * --requeue-dependency} 30s), and how often work in flight (a Helm wait, a health check) looks at
 * the cluster.
 */
record FluxTimings(
    Duration firstRetry, Duration lastRetry, Duration dependencyRequeue, Duration poll) {
  /**
   * Flux's defaults, except a longest retry of 5s, so a sandbox recovers from a restarted API
   * server in seconds.
   */
  static FluxTimings standard() {
    return new FluxTimings(
        Duration.ofMillis(750),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMillis(200));
  }
}
