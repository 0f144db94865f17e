package io.harbormaster.embedded.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.harbormaster.core.redaction.Redaction;

/**
 * {@code %redactedMsg}: a log line's message through the one {@link Redaction}, whoever logged it
 * (Harbormaster, java-operator-sdk or fabric8 quoting a resource with its spec).
 */
public final class RedactedMessage extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redaction.redact(super.convert(event));
  }
}
