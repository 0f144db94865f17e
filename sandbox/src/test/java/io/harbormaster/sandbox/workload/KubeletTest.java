package io.harbormaster.sandbox.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeletTest {
  @Test
  void readsTheTagOfAnImageReference() {
    assertThat(Kubelet.tagOf("postgres:15.1")).isEqualTo("15.1");
    assertThat(Kubelet.tagOf("registry.local:5000/db/postgres:15.1-broken"))
        .isEqualTo("15.1-broken");
    assertThat(Kubelet.tagOf("registry.local:5000/db/postgres")).isEqualTo("latest");
    assertThat(Kubelet.tagOf("postgres:15.1@sha256:abcd")).isEqualTo("15.1");
  }
}
