package io.harbormaster.core.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names Kubernetes accepts, checked before a value reaches the API server (where it would
 * become part of a URL path) or git. Each check returns what is wrong, in words that fit after the
 * value: {@code "'Bad_Name!' " + problem}.
 */
public final class KubernetesNames {
  /** RFC 1123 label, as Kubernetes requires of namespaces. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** RFC 1123 subdomain, as Kubernetes requires of most object names. */
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private KubernetesNames() {}

  /** What is wrong with {@code value} as a namespace, if anything. */
  public static Optional<String> namespaceProblem(String value) {
    return value != null && LABEL.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "is not a valid namespace: use lower-case letters, digits and '-', start and end with a"
                + " letter or digit, at most 63 characters");
  }

  /** What is wrong with {@code value} as an object's name, if anything. */
  public static Optional<String> objectNameProblem(String value) {
    return value != null && SUBDOMAIN.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "is not a valid object name: use lower-case letters, digits, '-' and '.', start and end"
                + " with a letter or digit, at most 253 characters");
  }
}
