package io.harbormaster.api.crd;

/**
 * The patterns the API server checks before Harbormaster sees a value. The server matches them with
 * Go's RE2 (no lookahead; unanchored unless anchored here). Each refuses only values the operator
 * or git would refuse too.
 */
public final class Names {
  /** RFC 1123 subdomain: most object names. */
  public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  /**
   * A PVC of spec.snapshots: its name, or {@code <namespace>/<name>} for an app that spans
   * namespaces (the operator's tenancy rule then decides whether that namespace is the app's to
   * touch).
   */
  public static final String PVC_NAME =
      "^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  /** A Kubernetes quantity as a PVC's size is written: 20Gi, 500M, 1.5Ti, 1e9. */
  public static final String QUANTITY =
      "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$";

  /** RFC 1123 label: namespaces. */
  public static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  /**
   * A positive Go duration as Flux writes them: 90s, 5m, 1h30m. Some part has a non-zero digit: the
   * operator refuses a zero timeout or age.
   */
  public static final String DURATION =
      "^([0-9]+(ms|s|m|h))*[0-9]*[1-9][0-9]*(ms|s|m|h)([0-9]+(ms|s|m|h))*$";

  /**
   * A version or image tag: the core's TargetVersion rule, '+' included for semver build metadata.
   */
  public static final String TAG = "^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$";

  /** Holds a character other than white space, anywhere (unanchored). */
  public static final String NOT_BLANK = "\\S";

  /**
   * A character of a branch name other than '/' and '.': git refuses controls, space and ~^:?*[\ in
   * refs.
   */
  private static final String REF_CHAR = "[^\\x00-\\x20\\x7f~^:?*\\[\\\\/.]";

  /** The same, nor '-', which git refuses as a branch's first character. */
  private static final String REF_FIRST = "[^\\x00-\\x20\\x7f~^:?*\\[\\\\/.-]";

  /**
   * A branch git can create: components joined by single '/', none starting with '.', no {@code
   * ..}, not starting with '-', not ending with '/' or '.'.
   */
  public static final String BRANCH =
      "^" + REF_FIRST + "(\\.?" + REF_CHAR + ")*(\\.?/" + REF_CHAR + "(\\.?" + REF_CHAR + ")*)*$";

  /**
   * A path relative to the repository root, as the core's GitLocation wants it: no leading '/', no
   * {@code ..}.
   */
  public static final String RELATIVE_PATH = "^(\\.|([^/.]|\\.[^.])([^.]|\\.[^.])*\\.?)$";

  private static final String YAML_SELECTOR = "\\[[^=\\[\\]]+=[^\\[\\]]+\\]";
  private static final String YAML_SEGMENT =
      "([^.\\[\\]]+(" + YAML_SELECTOR + ")*|(" + YAML_SELECTOR + ")+)";

  /**
   * A path in a YAML file as the git adapter parses it: dot-separated keys, each with optional
   * {@code [key=value]} list selectors, e.g. {@code images[name=postgres].newTag}.
   */
  public static final String YAML_PATH = "^" + YAML_SEGMENT + "(\\." + YAML_SEGMENT + ")*$";

  private Names() {}
}
