/**
 * The {@code hm} command line (picocli): a thin shell over the core and the adapters. It holds no
 * domain rule.
 */
package io.harbormaster.cli;
