package io.harbormaster.discovery;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets one piece of work at a time through, JVM-wide. Decoding and reading a Helm release within
 * the decoder's caps may take tens of MiB of heap, and the operator reconciles several apps at
 * once: the 128 MiB heap of its 512Mi pod holds one such release, not several.
 */
final class HeapGate {
  static final HeapGate HELM_RELEASES = new HeapGate();

  private final Semaphore permit = new Semaphore(1, true);

  /** How many callers wait at the gate. */
  int waiting() {
    return permit.getQueueLength();
  }

  /** Runs {@code work} once no other work holds the gate. */
  <T> T through(Supplier<T> work) {
    permit.acquireUninterruptibly();
    try {
      return work.get();
    } finally {
      permit.release();
    }
  }
}
