package io.harbormaster.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScalableWorkloadsTest {
  KubernetesClient client;

  @Test
  void refusesAKindWithoutAScaleSubresourceItKnows() {
    assertThatThrownBy(() -> ScalableWorkloads.named(client, "DaemonSet", "db", "agent"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a scalable workload kind: DaemonSet");
  }
}
