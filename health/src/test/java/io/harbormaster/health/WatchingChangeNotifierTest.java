package io.harbormaster.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.flux.FluxObjects;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WatchingChangeNotifierTest {
  /** Far longer than any wake-up takes: a wait that returns well before it was woken. */
  private static final Duration LONG = Duration.ofSeconds(30);

  private static final Duration WOKEN_WITHIN = Duration.ofSeconds(10);
  private static final String NAMESPACE = "db";

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private WatchingChangeNotifier notifier;

  @BeforeEach
  void setUp() {
    // An empty namespace: listing finds nothing, so nothing but the test's own change wakes a wait.
    notifier = WatchingChangeNotifier.forNamespaces(cluster.client(), List.of(NAMESPACE));
  }

  @AfterEach
  void tearDown() {
    notifier.close();
  }

  @Test
  void waitsUntilTheTimeoutWhenNothingChanges() throws InterruptedException {
    long start = System.nanoTime();
    notifier.awaitChange(Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aChangeWakesEveryWaiterBeforeItsTimeout() throws Exception {
    Thread first = new Thread(() -> awaitChange(LONG));
    Thread second = new Thread(() -> awaitChange(LONG));
    first.start();
    second.start();
    awaitParked(first);
    awaitParked(second);

    cluster.client().pods().inNamespace(NAMESPACE).resource(pod("postgres-0")).create();

    first.join(WOKEN_WITHIN.toMillis());
    second.join(WOKEN_WITHIN.toMillis());
    assertThat(first.isAlive()).as("first waiter still waiting").isFalse();
    assertThat(second.isAlive()).as("second waiter still waiting").isFalse();
  }

  @Test
  void aChangeBetweenTwoWaitsIsNotLost() throws InterruptedException {
    cluster.client().pods().inNamespace(NAMESPACE).resource(pod("postgres-0")).create();
    awaitChangeWithin(WOKEN_WITHIN);
  }

  @Test
  void changesInOtherNamespacesDoNotWake() throws InterruptedException {
    cluster.client().pods().inNamespace("other").resource(pod("postgres-0")).create();
    cluster
        .client()
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().build())
        .create();

    long start = System.nanoTime();
    notifier.awaitChange(Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  static Stream<Arguments> watchedKinds() {
    return Stream.of(
        Arguments.of(
            "Pod",
            (Consumer<MockCluster>)
                c -> c.client().pods().inNamespace(NAMESPACE).resource(pod("api-1")).create()),
        Arguments.of(
            "Deployment",
            (Consumer<MockCluster>)
                c ->
                    c.client()
                        .apps()
                        .deployments()
                        .inNamespace(NAMESPACE)
                        .resource(
                            new DeploymentBuilder()
                                .withNewMetadata()
                                .withName("api")
                                .endMetadata()
                                .build())
                        .create()),
        Arguments.of(
            "StatefulSet",
            (Consumer<MockCluster>)
                c ->
                    c.client()
                        .apps()
                        .statefulSets()
                        .inNamespace(NAMESPACE)
                        .resource(
                            new StatefulSetBuilder()
                                .withNewMetadata()
                                .withName("postgres")
                                .endMetadata()
                                .build())
                        .create()),
        Arguments.of(
            "PVC",
            (Consumer<MockCluster>)
                c ->
                    c.client()
                        .persistentVolumeClaims()
                        .inNamespace(NAMESPACE)
                        .resource(
                            new PersistentVolumeClaimBuilder()
                                .withNewMetadata()
                                .withName("data")
                                .endMetadata()
                                .build())
                        .create()),
        Arguments.of(
            "Kustomization",
            (Consumer<MockCluster>)
                c ->
                    new FluxObjects(c.client())
                        .create(FluxRef.kustomization(ObjectRef.of(NAMESPACE, "apps")))),
        Arguments.of(
            "HelmRelease",
            (Consumer<MockCluster>)
                c ->
                    new FluxObjects(c.client())
                        .create(FluxRef.helmRelease(ObjectRef.of(NAMESPACE, "postgres")))),
        Arguments.of(
            "VolumeSnapshot",
            (Consumer<MockCluster>)
                c ->
                    c.client()
                        .genericKubernetesResources("snapshot.storage.k8s.io/v1", "VolumeSnapshot")
                        .inNamespace(NAMESPACE)
                        .load(
                            WatchingChangeNotifierTest.class.getResourceAsStream(
                                "/volumesnapshot.yaml"))
                        .create()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("watchedKinds")
  void eachWatchedKindWakesAWait(String kind, Consumer<MockCluster> change)
      throws InterruptedException {
    change.accept(cluster);

    awaitChangeWithin(WOKEN_WITHIN);
  }

  private void awaitChangeWithin(Duration bound) throws InterruptedException {
    long start = System.nanoTime();
    notifier.awaitChange(LONG);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
  }

  private void awaitChange(Duration timeout) {
    try {
      notifier.awaitChange(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Until the thread parks in awaitChange: there is no event for that, so poll, with a deadline.
   */
  private static void awaitParked(Thread thread) {
    long deadline = System.nanoTime() + WOKEN_WITHIN.toNanos();
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("waiter blocked in time").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().build();
  }
}
