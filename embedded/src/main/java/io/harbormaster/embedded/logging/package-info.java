/**
 * Logback conversion words ({@code %redactedMsg}, {@code %redactedEx}) that pass every log line
 * through the one redaction; the operator's and hm's logback configurations use them. Logback is an
 * optional dependency: a program that embeds Harbormaster with another logging backend never loads
 * these classes.
 */
package io.harbormaster.embedded.logging;
