package io.harbormaster.core.port;

import java.time.Duration;

/**
 * Wakes the engine when something an operation observes may have changed (a Flux object, workload,
 * pod, PVC or VolumeSnapshot of the app), so waits are driven by watches, not by polling. Spurious
 * wake-ups are allowed: the engine observes again and decides.
 */
public interface ChangeNotifier {
  /** Blocks until a change may have happened or the timeout passes, whichever is first. */
  void awaitChange(Duration timeout) throws InterruptedException;
}
