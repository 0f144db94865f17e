package io.harbormaster.health;

/**
 * An object the app's spec or discovery names does not exist; the message says which and what to
 * do. Retried until the phase's deadline (it may be on its way: recreated by its controller,
 * applied by Flux), and no bug: not an {@link IllegalStateException}.
 */
public final class ObjectNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ObjectNotFoundException(String kind, Object namespacedName, String hint) {
    super(kind + " " + namespacedName + " not found: " + hint);
  }
}
