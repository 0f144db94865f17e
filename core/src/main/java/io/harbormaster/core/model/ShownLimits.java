package io.harbormaster.core.model;

import java.util.List;

/**
 * How much of a text or a list Harbormaster writes where people read it (a status, a condition):
 * enough to act on, and bounded whatever the input, so that a status stays far below the API
 * server's limit on an object (about 1.5 MiB) however long an error or however many PVCs. A text
 * keeps its start, where a message says what went wrong, and ends saying how much was left out; a
 * list keeps its first items, and the count of the others is written beside it.
 */
public final class ShownLimits {
  /**
   * Characters of a text, the note of what was left out included: Kubernetes' own limit on an
   * Event's note.
   */
  public static final int MAX_TEXT = 1024;

  /** Items of a list: more than a screen shows. */
  public static final int MAX_ITEMS = 50;

  private static final String MORE = "... (%d more characters)";

  private ShownLimits() {}

  /**
   * {@code text} when it has at most {@link #MAX_TEXT} characters, else its start and {@code ... (N
   * more characters)}, {@link #MAX_TEXT} characters in all; null stays null.
   */
  public static String text(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    // The note is widest when it counts the whole text; it may then be a digit narrower than
    // allowed for.
    int keep = MAX_TEXT - String.format(MORE, text.length()).length();
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--; // never half a character
    }
    return text.substring(0, keep) + String.format(MORE, text.length() - keep);
  }

  /** The first {@link #MAX_ITEMS} items; null stays null. */
  public static <T> List<T> first(List<T> items) {
    return items == null || items.size() <= MAX_ITEMS
        ? items
        : List.copyOf(items.subList(0, MAX_ITEMS));
  }

  /**
   * How many items {@link #first} leaves out, or null when it leaves none out (a status omits a
   * zero).
   */
  public static Integer notListed(List<?> items) {
    return items == null || items.size() <= MAX_ITEMS ? null : items.size() - MAX_ITEMS;
  }
}
