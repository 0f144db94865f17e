package io.harbormaster.sandbox.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizeBuildTest {
  private static String deployment(String name, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox:1.36
              containers:
                - name: main
                  image: %s
        """
        .formatted(name, image);
  }

  @Test
  void withoutAKustomizationFileEveryYamlFileUnderThePathIsBuilt() {
    List<ObjectNode> objects =
        new KustomizeBuild(
                Map.of(
                    "apps/a/one.yaml", deployment("one", "one:1"),
                    "apps/a/nested/two.yml",
                        deployment("two", "two:1") + "---\n" + deployment("three", "three:1"),
                    "apps/b/other.yaml", deployment("other", "other:1")))
            .build("./apps/a/");

    assertThat(names(objects)).containsExactly("two", "three", "one");
  }

  @Test
  void aKustomizationFileBuildsOnlyItsResourcesWithNamespaceAndImages() {
    List<ObjectNode> objects =
        new KustomizeBuild(
                Map.of(
                    "apps/a/kustomization.yaml",
                    """
                resources:
                  - app.yaml
                  - ../base
                namespace: shop
                images:
                  - name: registry.example/app
                    newName: mirror.example/app
                    newTag: "2.0"
                  - name: base
                    digest: sha256:abc
                """,
                    "apps/a/app.yaml",
                    deployment("app", "registry.example/app:1.0@sha256:old"),
                    "apps/a/ignored.yaml",
                    deployment("ignored", "x:1"),
                    "apps/base/kustomization.yaml",
                    "resources: [base.yaml]\n",
                    "apps/base/base.yaml",
                    deployment("base", "base:1")
                        + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"))
            .build("apps/a");

    assertThat(names(objects)).containsExactly("app", "base", "shop");
    assertThat(image(objects.get(0))).isEqualTo("mirror.example/app:2.0");
    assertThat(image(objects.get(1))).isEqualTo("base@sha256:abc");
    assertThat(objects.get(0).at("/spec/template/spec/initContainers/0/image").asText())
        .isEqualTo("busybox:1.36");
    assertThat(objects.get(0).at("/metadata/namespace").asText()).isEqualTo("shop");
    assertThat(objects.get(2).at("/metadata/namespace").isMissingNode())
        .as("a Namespace has no namespace")
        .isTrue();
  }

  @Test
  void anImageWithARegistryPortKeepsItWhenOnlyTheTagChanges() {
    List<ObjectNode> objects =
        new KustomizeBuild(
                Map.of(
                    "k/kustomization.yaml",
                    "resources: [d.yaml]\nimages:\n  - name: registry:5000/team/db\n    newTag: \"16\"\n",
                    "k/d.yaml",
                    deployment("d", "registry:5000/team/db:15")))
            .build("k");

    assertThat(image(objects.get(0))).isEqualTo("registry:5000/team/db:16");
  }

  @Test
  void failuresNameTheFileAndTheProblem() {
    assertThatThrownBy(
            () ->
                new KustomizeBuild(Map.of("k/kustomization.yaml", "resources: [missing.yaml]\n"))
                    .build("k"))
        .isInstanceOf(BuildException.class)
        .hasMessage(
            "k/kustomization.yaml: resource 'missing.yaml' does not exist in this revision");
    assertThatThrownBy(
            () ->
                new KustomizeBuild(
                        Map.of("k/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
                    .build("k"))
        .hasMessage("k/a.yaml: a ConfigMap has no metadata.name");
    assertThatThrownBy(
            () ->
                new KustomizeBuild(Map.of("k/a.yaml", "kind: ConfigMap\nmetadata:\n  name: x\n"))
                    .build("k"))
        .hasMessage("k/a.yaml: an object has no apiVersion");
    assertThatThrownBy(
            () ->
                new KustomizeBuild(
                        Map.of(
                            "k/a.yaml", deployment("d", "x:1") + "---\n" + deployment("d", "x:2")))
                    .build("k"))
        .hasMessageContaining("holds Deployment /d twice");
    assertThatThrownBy(
            () -> new KustomizeBuild(Map.of("k/a.yaml", deployment("d", "x:1"))).build("elsewhere"))
        .hasMessage("spec.path 'elsewhere' holds no YAML file in this revision: check spec.path");
    assertThatThrownBy(
            () ->
                new KustomizeBuild(Map.of("k/kustomization.yaml", "resources: [../../etc]\n"))
                    .build("k"))
        .hasMessageContaining("points outside the repository");
    assertThatThrownBy(
            () ->
                new KustomizeBuild(
                        Map.of(
                            "k/kustomization.yaml",
                            "resources: [a.yaml]\nimages:\n  - newTag: x\n",
                            "k/a.yaml",
                            deployment("d", "x:1")))
                    .build("k"))
        .hasMessageContaining("k/kustomization.yaml: an entry of images has no name");
    assertThatThrownBy(() -> new KustomizeBuild(Map.of("k/a.yaml", "key: [unclosed\n")).build("k"))
        .hasMessageStartingWith("k/a.yaml is not valid YAML: ")
        .hasMessageContaining("line");
  }

  private static List<String> names(List<ObjectNode> objects) {
    return objects.stream().map(object -> object.at("/metadata/name").asText()).toList();
  }

  private static String image(ObjectNode object) {
    return object.at("/spec/template/spec/containers/0/image").asText();
  }
}
