/**
 * How {@code hm} prints what it read: kubectl-like tables (aligned columns, upper-case headers) or
 * one JSON/YAML document, chosen by {@code -o}. Every cluster command prints through {@link
 * io.harbormaster.cli.output.Output}.
 */
package io.harbormaster.cli.output;
