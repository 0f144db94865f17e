package io.harbormaster.health;

/**
 * An object the app's spec or discovery names does not exist; the message says which and what to
 * do.
 */
public final class ObjectNotFoundException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ObjectNotFoundException(String kind, Object namespacedName, String hint) {
    super(kind + " " + namespacedName + " not found: " + hint);
  }
}
