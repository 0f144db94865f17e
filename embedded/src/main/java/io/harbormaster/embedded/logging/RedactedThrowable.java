package io.harbormaster.embedded.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.harbormaster.core.redaction.Redaction;

/**
 * {@code %redactedEx}: a logged exception's messages and stack through the one {@link Redaction}.
 */
public final class RedactedThrowable extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy throwable) {
    return Redaction.redact(super.throwableProxyToString(throwable));
  }
}
