package io.harbormaster.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both API servers refuse a name Kubernetes does not allow, with the same 422 and message: the mock
 * plays the real server's rule, so a name only the mock took cannot pass a test.
 */
@Tag("both-api-servers")
class ObjectNameRefusalTest {
  @RegisterExtension final TestApiServer api = new TestApiServer("apps");

  @Test
  void anObjectNameThatIsNoDnsSubdomainIsRefusedWith422() {
    assertThatThrownBy(
            () ->
                api.client()
                    .configMaps()
                    .inNamespace("apps")
                    .resource(
                        new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("Bad_Name!")
                            .endMetadata()
                            .build())
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            refused -> assertThat(refused.getCode()).isEqualTo(422))
        .hasMessageContaining(
            "ConfigMap \"Bad_Name!\" is invalid: metadata.name: Invalid value: \"Bad_Name!\": a"
                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                + " characters, '-' or '.', and must start and end with an alphanumeric character");
    assertThat(api.client().configMaps().inNamespace("apps").withName("Bad_Name!").get()).isNull();
  }

  @Test
  void aNamespaceNameMustBeADnsLabel() {
    assertThatThrownBy(
            () ->
                api.client()
                    .namespaces()
                    .resource(
                        new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("team.a")
                            .endMetadata()
                            .build())
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            refused -> assertThat(refused.getCode()).isEqualTo(422))
        .hasMessageContaining(
            "Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\": a lowercase"
                + " RFC 1123 label must consist of lower case alphanumeric characters or '-'");
  }

  @Test
  void aValidNameIsTaken() {
    api.client()
        .configMaps()
        .inNamespace("apps")
        .resource(
            new ConfigMapBuilder().withNewMetadata().withName("web.v-2").endMetadata().build())
        .create();

    assertThat(api.client().configMaps().inNamespace("apps").withName("web.v-2").get()).isNotNull();
  }
}
