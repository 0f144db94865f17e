package io.harbormaster.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerResolverTest {
  private static final ReplicaSetInfo WEB_RS =
      ReplicaSetInfo.of(
          ObjectRef.of("shop", "web-5d8f"),
          List.of(OwnerLink.controller("apps/v1", "Deployment", "web")));
  private static final ReplicaSetInfo BARE_RS =
      ReplicaSetInfo.of(ObjectRef.of("shop", "bare"), List.of());

  private final OwnerResolver resolver = new OwnerResolver(List.of(WEB_RS, BARE_RS));

  private static PodInfo pod(String name, OwnerLink... owners) {
    return PodInfo.builder().ref(ObjectRef.of("shop", name)).addOwners(owners).build();
  }

  @Test
  void podOfAReplicaSetBelongsToItsDeployment() {
    assertThat(
            resolver.workloadOf(
                pod("web-5d8f-x1", OwnerLink.controller("apps/v1", "ReplicaSet", "web-5d8f"))))
        .contains(WorkloadRef.deployment("shop", "web"));
  }

  @Test
  void podOfAStatefulSetBelongsToIt() {
    assertThat(
            resolver.workloadOf(pod("db-0", OwnerLink.controller("apps/v1", "StatefulSet", "db"))))
        .contains(WorkloadRef.statefulSet("shop", "db"));
  }

  @Test
  void onlyTheControllerOwnerCounts() {
    PodInfo pod = pod("x", OwnerLink.of("apps/v1", "StatefulSet", "db", false));

    assertThat(resolver.workloadOf(pod)).isEmpty();
    assertThat(resolver.whyUnowned(pod)).isEqualTo("it has no controller owner");
  }

  @Test
  void statefulSetOfAnotherGroupIsNotOurs() {
    PodInfo pod = pod("x-0", OwnerLink.controller("apps.kruise.io/v1beta1", "StatefulSet", "x"));

    assertThat(resolver.workloadOf(pod)).isEmpty();
    assertThat(resolver.whyUnowned(pod)).isEqualTo("it is owned by StatefulSet shop/x");
  }

  @Test
  void jobPodIsUnowned() {
    PodInfo pod = pod("backup-abc", OwnerLink.controller("batch/v1", "Job", "backup"));

    assertThat(resolver.workloadOf(pod)).isEmpty();
    assertThat(resolver.whyUnowned(pod)).isEqualTo("it is owned by Job shop/backup");
  }

  @Test
  void replicaSetWithoutDeploymentOrMissingIsUnowned() {
    PodInfo bare = pod("bare-1", OwnerLink.controller("apps/v1", "ReplicaSet", "bare"));
    PodInfo orphan = pod("gone-1", OwnerLink.controller("apps/v1", "ReplicaSet", "gone"));

    assertThat(resolver.workloadOf(bare)).isEmpty();
    assertThat(resolver.whyUnowned(bare))
        .isEqualTo("its ReplicaSet shop/bare belongs to no Deployment");
    assertThat(resolver.workloadOf(orphan)).isEmpty();
    assertThat(resolver.whyUnowned(orphan)).isEqualTo("its ReplicaSet shop/gone does not exist");
  }

  @Test
  void replicaSetInAnotherNamespaceDoesNotCount() {
    PodInfo pod =
        PodInfo.builder()
            .ref(ObjectRef.of("other", "web-5d8f-x1"))
            .addOwner(OwnerLink.controller("apps/v1", "ReplicaSet", "web-5d8f"))
            .build();

    assertThat(resolver.workloadOf(pod)).isEmpty();
  }

  @Test
  void aReplicaSetAnotherControllerOwnsIsNoDeployments() {
    ReplicaSetInfo rollout =
        ReplicaSetInfo.of(
            ObjectRef.of("shop", "canary-6b7c"),
            List.of(OwnerLink.controller("argoproj.io/v1alpha1", "Rollout", "canary")));
    OwnerResolver withRollout = new OwnerResolver(List.of(WEB_RS, rollout, rollout));
    PodInfo pod =
        pod("canary-6b7c-x1", OwnerLink.controller("apps/v1", "ReplicaSet", "canary-6b7c"));

    assertThat(withRollout.workloadOf(pod)).isEmpty();
    assertThat(withRollout.whyUnowned(pod))
        .isEqualTo("its ReplicaSet shop/canary-6b7c belongs to no Deployment");
  }
}
