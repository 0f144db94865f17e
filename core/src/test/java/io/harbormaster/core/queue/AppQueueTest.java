package io.harbormaster.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppQueueTest {
  private static final ObjectRef APP = ObjectRef.of("shop", "postgres");
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static AppRequest upgrade(String name, int secondsAfter, AppRequest.State state) {
    return AppRequest.builder()
        .kind(AppRequest.Kind.UPGRADE)
        .id(ObjectRef.of("shop", name))
        .createdAt(T0.plusSeconds(secondsAfter))
        .state(state)
        .phase(
            state == AppRequest.State.RUNNING
                ? java.util.Optional.of("Snapshot")
                : java.util.Optional.empty())
        .build();
  }

  private static AppRequest rollback(
      String upgrade, int secondsAfter, AppRequest.State state, boolean autoTriggered) {
    return AppRequest.builder()
        .kind(AppRequest.Kind.ROLLBACK)
        .id(ObjectRef.of("shop", upgrade + "-rollback"))
        .createdAt(T0.plusSeconds(secondsAfter))
        .state(state)
        .autoTriggered(autoTriggered)
        .upgrade(ObjectRef.of("shop", upgrade))
        .build();
  }

  @Test
  void aRunningRequestHoldsTheAppAndIsNamedWithItsPhase() {
    AppRequest running = upgrade("first", 0, AppRequest.State.RUNNING);
    AppRequest next = upgrade("second", 5, AppRequest.State.WAITING);

    AppQueue queue = AppQueue.of(APP, List.of(running, next));

    assertThat(queue.blocker(next))
        .contains(
            "waits for UpgradeRequest shop/first (phase Snapshot): one operation at a time on ManagedApp shop/postgres");
    assertThat(queue.blocker(running)).as("the running one waits for nothing").isEmpty();
  }

  @Test
  void waitingRequestsGoOldestFirstThenByKindAndName() {
    AppRequest older = upgrade("b", 0, AppRequest.State.WAITING);
    AppRequest sameTimeA = upgrade("a", 5, AppRequest.State.WAITING);
    AppRequest sameTimeC = upgrade("c", 5, AppRequest.State.WAITING);

    AppQueue queue = AppQueue.of(APP, List.of(sameTimeC, older, sameTimeA));

    assertThat(queue.blocker(older)).isEmpty();
    assertThat(queue.blocker(sameTimeA))
        .hasValueSatisfying(
            text ->
                assertThat(text).startsWith("waits for UpgradeRequest shop/b (waiting to start)"));
    assertThat(queue.blocker(sameTimeC))
        .hasValueSatisfying(text -> assertThat(text).startsWith("waits for UpgradeRequest shop/b"));
  }

  @Test
  void anAutoTriggeredRollbackGoesBeforeAnOlderWaitingUpgrade() {
    AppRequest queuedMeanwhile = upgrade("queued", 0, AppRequest.State.WAITING);
    AppRequest autoRollback = rollback("failed", 10, AppRequest.State.WAITING, true);
    AppRequest manualRollback = rollback("other", 5, AppRequest.State.WAITING, false);

    AppQueue queue = AppQueue.of(APP, List.of(queuedMeanwhile, autoRollback, manualRollback));

    assertThat(queue.blocker(autoRollback)).isEmpty();
    assertThat(queue.blocker(queuedMeanwhile))
        .hasValueSatisfying(
            text -> assertThat(text).startsWith("waits for RollbackRequest shop/failed-rollback"));
    assertThat(queue.blocker(manualRollback))
        .hasValueSatisfying(
            text -> assertThat(text).startsWith("waits for RollbackRequest shop/failed-rollback"));
  }

  @Test
  void aLocalRunWaitsForRunningRequestsAndAutoRollbacksButNotForOnesNobodyMayStart() {
    AppRequest waitingForAnOperator = upgrade("nobody-runs-me", 0, AppRequest.State.WAITING);
    AppRequest autoRollback = rollback("failed", 1, AppRequest.State.WAITING, true);
    AppRequest local = upgrade("local", 5, AppRequest.State.WAITING);

    assertThat(AppQueue.of(APP, List.of(waitingForAnOperator, local)).blockerOfALocalRun(local))
        .isEmpty();
    assertThat(AppQueue.of(APP, List.of(waitingForAnOperator, local)).blocker(local))
        .as("an operator would start it first")
        .isPresent();
    assertThat(
            AppQueue.of(APP, List.of(waitingForAnOperator, autoRollback, local))
                .blockerOfALocalRun(local))
        .hasValueSatisfying(
            text -> assertThat(text).startsWith("waits for RollbackRequest shop/failed-rollback"));
    assertThat(
            AppQueue.of(APP, List.of(upgrade("running", 0, AppRequest.State.RUNNING), local))
                .blockerOfALocalRun(local))
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith("waits for UpgradeRequest shop/running (phase Snapshot)"));
  }

  @Test
  void settledAndRefusedRequestsHoldNothing() {
    AppRequest done = upgrade("done", 0, AppRequest.State.SETTLED);
    AppRequest refused = upgrade("refused", 1, AppRequest.State.OUT);
    AppRequest next = upgrade("next", 5, AppRequest.State.WAITING);

    assertThat(AppQueue.of(APP, List.of(done, refused, next)).blocker(next)).isEmpty();
  }

  @Test
  void snapshotsStayForUnsettledUpgradesAndForTheUpgradesUnsettledRollbacksRestore() {
    AppRequest running = upgrade("running", 0, AppRequest.State.RUNNING);
    AppRequest settled = upgrade("settled", 1, AppRequest.State.SETTLED);
    AppRequest restored = upgrade("restored", 2, AppRequest.State.SETTLED);
    AppRequest restoring = rollback("restored", 3, AppRequest.State.RUNNING, true);

    AppQueue queue = AppQueue.of(APP, List.of(running, settled, restored, restoring));

    assertThat(queue.protectedUpgrades())
        .containsExactlyInAnyOrder(
            ObjectRef.of("shop", "running"), ObjectRef.of("shop", "restored"));
    assertThat(queue.knownUpgrades())
        .containsExactlyInAnyOrder(
            ObjectRef.of("shop", "running"),
            ObjectRef.of("shop", "settled"),
            ObjectRef.of("shop", "restored"));
  }

  @Test
  void theNewestUpgradeIsTheLatestCreatedThenTheLastByNameAndNeverARollback() {
    AppRequest older = upgrade("a-older", 0, AppRequest.State.SETTLED);
    AppRequest tiedFirst = upgrade("b-tied", 5, AppRequest.State.SETTLED);
    AppRequest tiedLast = upgrade("c-tied", 5, AppRequest.State.WAITING);
    AppRequest rollbackAfter = rollback("c-tied", 9, AppRequest.State.WAITING, false);

    assertThat(AppQueue.of(APP, List.of(tiedLast, older, rollbackAfter, tiedFirst)).newestUpgrade())
        .contains(ObjectRef.of("shop", "c-tied"));
    assertThat(AppQueue.of(APP, List.of(rollbackAfter)).newestUpgrade()).isEmpty();
  }

  @Test
  void requestsMadeAtTheSameTimeGoByKindThenByName() {
    AppRequest upgradeA = upgrade("a", 0, AppRequest.State.WAITING);
    AppRequest upgradeC = upgrade("c", 0, AppRequest.State.WAITING);
    AppRequest rollbackB = rollback("b", 0, AppRequest.State.WAITING, false);

    AppQueue byName = AppQueue.of(APP, List.of(upgradeC, upgradeA));
    AppQueue byKind = AppQueue.of(APP, List.of(upgradeA, rollbackB));

    assertThat(byName.blocker(upgradeA)).isEmpty();
    assertThat(byName.blocker(upgradeC))
        .hasValueSatisfying(text -> assertThat(text).startsWith("waits for UpgradeRequest shop/a"));
    assertThat(byKind.blocker(rollbackB))
        .as("RollbackRequest sorts before UpgradeRequest")
        .isEmpty();
    assertThat(byKind.blocker(upgradeA))
        .hasValueSatisfying(
            text -> assertThat(text).startsWith("waits for RollbackRequest shop/b-rollback"));
  }

  @Test
  void aRequestWaitingBehindSeveralIsToldOfTheRunningOne() {
    AppRequest autoRollback = rollback("failed", 0, AppRequest.State.WAITING, true);
    AppRequest running = upgrade("running", 10, AppRequest.State.RUNNING);
    AppRequest next = upgrade("next", 20, AppRequest.State.WAITING);

    AppQueue queue = AppQueue.of(APP, List.of(autoRollback, running, next));

    assertThat(queue.blocker(next))
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith("waits for UpgradeRequest shop/running (phase Snapshot)"));
  }

  @Test
  void aSettledRollbackNoLongerKeepsTheSnapshotsItRestored() {
    AppRequest restored = upgrade("restored", 0, AppRequest.State.SETTLED);
    AppRequest rolledBack = rollback("restored", 1, AppRequest.State.SETTLED, false);

    assertThat(AppQueue.of(APP, List.of(restored, rolledBack)).protectedUpgrades()).isEmpty();
  }
}
