package io.harbormaster.kubernetes;

/**
 * An object the caller names does not exist; the message says which and what to do. It may be on
 * its way (recreated by its controller, applied from git), so it is no bug, not an {@link
 * IllegalStateException}, and worth retrying.
 */
public final class ObjectNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String kind, Object namespacedName, String hint) {
    super(kind + " " + namespacedName + " not found: " + hint);
  }
}
