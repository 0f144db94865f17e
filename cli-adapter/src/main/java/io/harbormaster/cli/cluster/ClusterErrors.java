package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** The API server's errors as one sentence that says what to do. */
final class ClusterErrors {
  private ClusterErrors() {}

  static CommandFailure describe(KubernetesClientException error, String url) {
    int code = error.getCode();
    // fabric8 reports "no HTTP answer" as 0 or -1.
    if (code <= 0) {
      return CommandFailure.unreachable(
          "cannot reach the cluster at "
              + url
              + " ("
              + rootCause(error)
              + "): check --kubeconfig/--context");
    }
    if (code == HttpURLConnection.HTTP_UNAUTHORIZED || code == HttpURLConnection.HTTP_FORBIDDEN) {
      return CommandFailure.unreachable(
          "the cluster at "
              + url
              + " refused the request (HTTP "
              + code
              + ", "
              + reason(error)
              + "): check the user of your kubeconfig context and its permissions");
    }
    return CommandFailure.failed(
        "the cluster at " + url + " answered HTTP " + code + ": " + reason(error));
  }

  private static String reason(KubernetesClientException error) {
    return error.getStatus() != null && error.getStatus().getMessage() != null
        ? error.getStatus().getMessage()
        : error.getMessage();
  }

  private static String rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
