/**
 * What a person or a log sees is redacted once, the same way everywhere: {@link
 * io.harbormaster.core.redaction.Redaction}.
 */
package io.harbormaster.core.redaction;
