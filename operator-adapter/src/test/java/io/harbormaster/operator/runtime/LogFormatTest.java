package io.harbormaster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The operator's log lines carry the request being reconciled, as logfmt. */
class LogFormatTest {
  @Test
  void everyLineNamesTheRequestItIsAbout() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
        (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("STDOUT");
    PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    MDC.put("resource.kind", "UpgradeRequest");
    MDC.put("resource.namespace", "shop");
    MDC.put("resource.name", "pg-15-2");
    String line;
    try {
      // As java-operator-sdk does around a reconcile: the MDC holds the resource while the line is written.
      line =
          new String(
              encoder.encode(
                  new ch.qos.logback.classic.spi.LoggingEvent(
                      "test", context.getLogger("OperationReconciler"), ch.qos.logback.classic.Level.INFO,
                      "stepped \"Snapshot\" -> GitCommit", null, null)),
              StandardCharsets.UTF_8);
    } finally {
      MDC.clear();
    }

    assertThat(line)
        .startsWith("time=")
        .contains(" level=INFO kind=UpgradeRequest namespace=shop name=pg-15-2 logger=OperationReconciler ")
        .endsWith("msg=\"stepped \\\"Snapshot\\\" -> GitCommit\"" + System.lineSeparator());
  }
}
