package io.harbormaster.operator.crd;

/** The patterns the API server checks before Harbormaster sees a value. */
final class Names {
  /** RFC 1123 subdomain: most object names. */
  static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";
  /** RFC 1123 label: namespaces. */
  static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
  /** A Go duration as Flux writes them: 90s, 5m, 1h30m. */
  static final String DURATION = "^([0-9]+(ms|s|m|h))+$";
  /** A version or image tag, as a registry accepts it. */
  static final String TAG = "^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$";

  private Names() {}
}
