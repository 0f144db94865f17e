package io.harbormaster.embedded.reconcile;

/**
 * A request that cannot start, with the condition reason to show (AppNotFound, UpgradeNotFound...).
 */
final class RequestRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  RequestRejected(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
