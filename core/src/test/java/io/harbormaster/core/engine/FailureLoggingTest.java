package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RetryCannotHelp;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.port.WorkloadScaler;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import io.harbormaster.core.tenancy.Tenancy;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the engine logs for the people who run it: a failure of the kind a bug throws with its stack
 * trace (it is retried like any other, and would otherwise pass unseen), the world's outages and
 * refusals not at all (the status shows them), and what it chose not to do.
 */
class FailureLoggingTest {
  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app);
  private final UpgradeMachine machine =
      new UpgradeMachine(
          app,
          UpgradeRequest.builder()
              .id(ObjectRef.of("shop", "up"))
              .app(app.id())
              .target(TargetVersion.of("15.2.0"))
              .build());

  // Held here: java.util.logging keeps only weak references to its loggers.
  private final Logger logger = Logger.getLogger(OperationRunner.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  FailureLoggingTest() {
    logger.addHandler(handler);
  }

  @AfterEach
  void removeHandler() {
    logger.removeHandler(handler);
  }

  private OperationState suspending() {
    OperationState state =
        new OperationRunner(world.ports())
            .step(app, machine, machine.start(world.clock().instant()))
            .state();
    assertThat(state.phase()).isEqualTo(Phase.SUSPEND);
    return state;
  }

  private OperationRunner statusFailing(RuntimeException failure) {
    FluxReader flux = mock(FluxReader.class, delegatesTo(world));
    doThrow(failure).when(flux).status(any());
    return new OperationRunner(Ports.builder().from(world.ports()).fluxReader(flux).build());
  }

  private List<LogRecord> at(Level level) {
    return logged.stream().filter(record -> record.getLevel() == level).toList();
  }

  static Stream<RuntimeException> bugs() {
    return Stream.of(
        new IllegalArgumentException("index 3 out of range"),
        new IllegalStateException("the engine did not observe it"),
        new NullPointerException(),
        new ClassCastException("String cannot be cast to Integer"),
        new IndexOutOfBoundsException(3),
        new UnsupportedOperationException("immutable list"));
  }

  @ParameterizedTest
  @MethodSource("bugs")
  void aFailureOfTheKindABugThrowsIsLoggedWithItsStackTraceAndRetried(RuntimeException bug) {
    StepResult step = statusFailing(bug).step(app, machine, suspending());

    assertThat(step.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(step.state().attempts()).isEqualTo(1);
    assertThat(at(Level.SEVERE))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getThrown()).isSameAs(bug);
              assertThat(record.getMessage())
                  .startsWith("a bug, not the cluster or git, failed a step of upgrade shop/up");
            });
  }

  @Test
  void anOutageOrARefusalIsNoBugAndIsNotLogged() {
    OperationState suspending = suspending();

    StepResult retried =
        statusFailing(new UncheckedIOException(new ConnectException("connection refused")))
            .step(app, machine, suspending);
    StepResult refused =
        statusFailing(new RetryCannotHelp("HelmRelease shop/postgres is gone"))
            .step(app, machine, suspending);

    assertThat(retried.state().lastError().orElseThrow()).endsWith("connection refused");
    assertThat(refused.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(logged).isEmpty();
  }

  @Test
  void aBugInAnActionIsLoggedToo() {
    WorkloadScaler scaler = mock(WorkloadScaler.class, delegatesTo(world));
    NullPointerException bug = new NullPointerException("replicas");
    doThrow(bug).when(scaler).scale(any(), anyInt());
    OperationRunner buggy =
        new OperationRunner(Ports.builder().from(world.ports()).workloadScaler(scaler).build());
    OperationRunner healthy = new OperationRunner(world.ports());
    OperationState state = suspending();
    for (int i = 0; i < 10 && state.phase() != Phase.SCALE_DOWN; i++) {
      state = healthy.step(app, machine, state).state();
    }

    StepResult step = buggy.step(app, machine, state);

    assertThat(step.state().lastError().orElseThrow())
        .isEqualTo("while running scale StatefulSet shop/postgres to 0: replicas");
    assertThat(at(Level.SEVERE)).singleElement().extracting(LogRecord::getThrown).isSameAs(bug);
  }

  @Test
  void anEventThatCannotBeWrittenIsLoggedAndTheOperationGoesOn() {
    EventRecorder events = mock(EventRecorder.class);
    doThrow(new UncheckedIOException(new ConnectException("events are down")))
        .when(events)
        .record(any(), any(), any(), anyString(), anyString());
    OperationRunner runner =
        new OperationRunner(Ports.builder().from(world.ports()).events(events).build());

    StepResult step = runner.step(app, machine, suspending());

    assertThat(step.state().phase()).isEqualTo(Phase.SUSPEND);
    assertThat(step.state().lastError()).isEmpty();
    assertThat(world.suspended(app.flux().primary())).isTrue();
    assertThat(at(Level.WARNING))
        .extracting(LogRecord::getMessage)
        .contains(
            "could not record event SuspendFlux for upgrade shop/up:"
                + " java.net.ConnectException: events are down");
  }

  @Test
  void cleanupSkipsAnActionOnAnotherTenantsObjectWithAWarningAndRunsTheRest() {
    OperationState state = suspending();
    OperationRunner healthy = new OperationRunner(world.ports());
    for (int i = 0; i < 10 && state.phase() != Phase.SCALE_DOWN; i++) {
      state = healthy.step(app, machine, state).state();
    }
    OperationState failed =
        machine.fail(state, "snapshot class missing", world.clock().instant()).state();
    OperationRunner locked =
        new OperationRunner(
            Ports.builder().from(world.ports()).tenancy(Tenancy.sameNamespaceOnly()).build());

    StepResult cleanup = locked.step(app, machine, failed);

    assertThat(cleanup.executed())
        .contains(new Action.ResumeFlux(app.flux().primary()))
        .doesNotContain(new Action.ResumeFlux(app.flux().applier()));
    assertThat(world.suspended(app.flux().primary())).isFalse();
    assertThat(world.suspended(app.flux().applier())).isTrue();
    assertThat(at(Level.WARNING))
        .extracting(LogRecord::getMessage)
        .anySatisfy(
            message ->
                assertThat(message)
                    .startsWith(
                        "not running resume Kustomization flux-system/shop for upgrade shop/up: "));
  }
}
