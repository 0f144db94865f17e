package io.harbormaster.cli.output;

/** The {@code -o/--output} choices. */
public enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** One indented JSON document for scripts. */
  JSON,
  /** One YAML document for scripts. */
  YAML
}
