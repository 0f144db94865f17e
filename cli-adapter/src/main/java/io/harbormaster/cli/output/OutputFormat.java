package io.harbormaster.cli.output;

import picocli.CommandLine;

/** The {@code -o/--output} choices. */
public enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** One indented JSON document for scripts. */
  JSON,
  /** One YAML document for scripts. */
  YAML;

  /** Reads {@code -o} as kubectl does, in lower case, and says the choices the same way. */
  public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.name().equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an output format: use table, json or yaml");
    }
  }
}
