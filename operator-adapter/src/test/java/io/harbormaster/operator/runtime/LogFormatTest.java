package io.harbormaster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import io.harbormaster.core.redaction.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The operator's log lines carry the request being reconciled, as logfmt, and no secret. */
class LogFormatTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final PatternLayoutEncoder encoder = encoder();

  @Test
  void everyLineNamesTheRequestItIsAbout() {
    MDC.put("resource.kind", "UpgradeRequest");
    MDC.put("resource.namespace", "shop");
    MDC.put("resource.name", "pg-15-2");
    String line;
    try {
      // As java-operator-sdk does around a reconcile: the MDC holds the resource while the line is
      // written.
      line =
          new String(
              encoder.encode(
                  new ch.qos.logback.classic.spi.LoggingEvent(
                      "test",
                      context.getLogger("OperationReconciler"),
                      ch.qos.logback.classic.Level.INFO,
                      "stepped \"Snapshot\" -> GitCommit",
                      null,
                      null)),
              StandardCharsets.UTF_8);
    } finally {
      MDC.clear();
    }

    assertThat(line)
        .startsWith("time=")
        .contains(
            " level=INFO kind=UpgradeRequest namespace=shop name=pg-15-2 logger=OperationReconciler ")
        .endsWith("msg=\"stepped \\\"Snapshot\\\" -> GitCommit\"" + System.lineSeparator());
  }

  @Test
  void messagesAndExceptionsGoThroughTheOneRedaction() {
    Redaction.remember(List.of("log-secret-token-5521"));
    RuntimeException failure =
        new IllegalStateException(
            "push to https://bot:url-token-77@git.example/fleet.git refused",
            new IllegalArgumentException("server said log-secret-token-5521"));

    String line =
        new String(
            encoder.encode(
                new ch.qos.logback.classic.spi.LoggingEvent(
                    "test",
                    context.getLogger("JGitOps"),
                    ch.qos.logback.classic.Level.WARN,
                    "cannot fetch https://bot:url-token-77@git.example/fleet.git with log-secret-token-5521",
                    failure,
                    null)),
            StandardCharsets.UTF_8);

    assertThat(line)
        .contains("msg=\"cannot fetch https://***@git.example/fleet.git with ***\"")
        .contains(
            "IllegalStateException: push to https://***@git.example/fleet.git refused",
            "server said ***")
        .doesNotContain("url-token-77")
        .doesNotContain("log-secret-token-5521");
  }

  /** The encoder logback.xml gives the console: the operator's own configuration, not a test's. */
  private static PatternLayoutEncoder encoder() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
        (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("STDOUT");
    return (PatternLayoutEncoder) console.getEncoder();
  }
}
