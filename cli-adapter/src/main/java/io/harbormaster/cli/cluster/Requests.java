package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.CustomResource;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.cli.progress.RequestProgress;
import java.time.Duration;

/** How a request that was followed ends for the shell. */
final class Requests {
  private Requests() {}

  /**
   * 0 when {@code request} Completed, 1 when it Failed.
   *
   * @throws CommandFailure with exit code 5 when it had not finished within {@code timeout}
   */
  static int exitCode(CustomResource<?, OperationStatus> request, Duration timeout) {
    OperationStatus status = request.getStatus();
    if (!RequestProgress.finished(status)) {
      String phase =
          status == null || status.phase() == null
              ? "Pending (not started by an operator)"
              : status.phase();
      throw new CommandFailure(
          ExitCodes.TIMEOUT,
          request.getKind()
              + " "
              + request.getMetadata().getNamespace()
              + "/"
              + request.getMetadata().getName()
              + " is still in phase "
              + phase
              + " after "
              + timeout.toString().substring(2).toLowerCase()
              + lastReason(status)
              + ": follow it with 'hm status "
              + request.getMetadata().getName()
              + " -n "
              + request.getMetadata().getNamespace()
              + " --watch'");
    }
    return "Completed".equals(status.phase()) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** What the phase last waited for, or the error it last retried, so a timeout says why. */
  private static String lastReason(OperationStatus status) {
    if (status == null) {
      return "";
    }
    if (status.waitingFor() != null) {
      return ", waiting for: " + status.waitingFor();
    }
    return status.lastError() == null ? "" : ", last error: " + status.lastError();
  }

  /** {@code upgraderequest.harbormaster.io/<name>}, as kubectl names what it created. */
  static String qualifiedName(CustomResource<?, ?> request) {
    return request.getKind().toLowerCase()
        + "."
        + request.getGroup()
        + "/"
        + request.getMetadata().getName();
  }
}
