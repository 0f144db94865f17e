package io.harbormaster.sandbox.apiserver;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API server's rule for the names it accepts, as Kubernetes documents it ("Object Names and
 * IDs"): most kinds take a DNS subdomain name (RFC 1123, at most 253 characters), a Namespace a DNS
 * label (at most 63). The messages are the API server's own, which users see in kubectl's errors.
 */
final class ObjectNames {
  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

  private ObjectNames() {}

  /** Why {@code name} is refused for an object of {@code kind}, in the API server's words. */
  static Optional<String> problem(String kind, String name) {
    if ("Namespace".equals(kind)) {
      if (name.length() > 63) {
        return Optional.of("must be no more than 63 characters");
      }
      if (!name.matches(LABEL)) {
        return Optional.of(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                + " and must start and end with an alphanumeric character (e.g. 'my-name',  or"
                + " '123-abc', regex used for validation is '"
                + LABEL
                + "')");
      }
      return Optional.empty();
    }
    if (name.length() > 253) {
      return Optional.of("must be no more than 253 characters");
    }
    if (!SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
              + " or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + SUBDOMAIN.pattern()
              + "')");
    }
    return Optional.empty();
  }
}
