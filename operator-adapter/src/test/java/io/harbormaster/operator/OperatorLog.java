package io.harbormaster.operator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * The operator's log output while a test runs, written with the pattern logback.xml gives the
 * console (so through the same conversions), at the level the operator runs with.
 */
final class OperatorLog implements AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private OperatorLog() {
    LoggerContext context = root.getLoggerContext();
    PatternLayoutEncoder console =
        (PatternLayoutEncoder)
            ((ch.qos.logback.core.OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT"))
                .getEncoder();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(console.getPattern());
    encoder.start();
    appender.setContext(context);
    appender.setName("operator-log-" + System.identityHashCode(this));
    appender.setEncoder(encoder);
    appender.setOutputStream(bytes);
    appender.start();
    root.addAppender(appender);
  }

  static OperatorLog capture() {
    return new OperatorLog();
  }

  /** Every line written so far. */
  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
