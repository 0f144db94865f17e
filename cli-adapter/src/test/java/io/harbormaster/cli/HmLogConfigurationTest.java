package io.harbormaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.harbormaster.core.redaction.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * hm's own logback configuration (the one {@code HmCommand.main} selects) loads without a complaint
 * from logback, and what hm logs passes the one redaction.
 */
class HmLogConfigurationTest {
  @Test
  void theConfigurationLoadsCleanlyAndRedactsWhatItLogs() throws JoranException {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(HmCommand.class.getResource("/hm-logback.xml"));
    Redaction.remember(List.of("hm-log-secret-4417"));

    @SuppressWarnings("unchecked")
    ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> stderr =
        (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    String line =
        new String(
            ((PatternLayoutEncoder) stderr.getEncoder())
                .encode(
                    new LoggingEvent(
                        "test",
                        context.getLogger("JGitOps"),
                        Level.WARN,
                        "cannot fetch with hm-log-secret-4417",
                        new IllegalStateException("server said hm-log-secret-4417"),
                        null)),
            StandardCharsets.UTF_8);

    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("logback's complaints about hm-logback.xml")
        .noneMatch(status -> status.getLevel() >= Status.WARN);
    assertThat(line)
        .contains("cannot fetch with ***", "server said ***")
        .doesNotContain("hm-log-secret-4417");
  }
}
