package io.harbormaster.core.sizing;

/** Sizes as people read them: {@code 10Gi}, {@code 1.5Gi}, {@code 512Mi}, {@code 100 bytes}. */
public final class Bytes {
  private static final String[] UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi"};

  private Bytes() {}

  public static String show(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(java.util.Locale.ROOT, "%.1f", value);
    return number + UNITS[unit];
  }
}
