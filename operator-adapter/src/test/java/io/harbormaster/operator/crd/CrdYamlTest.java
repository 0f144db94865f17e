package io.harbormaster.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.api.crd.InstalledCrds;
import io.harbormaster.api.crd.Names;
import io.harbormaster.embedded.credentials.SecretCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdYamlTest {
  @Test
  void checkedInCrdsMatchTheClasses(@TempDir Path fresh) throws IOException {
    CrdYaml.generate(fresh);

    List<String> generated = fileNames(fresh);
    assertThat(fileNames(CrdYaml.CHECKED_IN))
        .as("deploy/base/crds: regenerate with CrdYaml's main")
        .containsExactlyElementsOf(generated);
    for (String name : generated) {
      assertThat(Files.readString(CrdYaml.CHECKED_IN.resolve(name)))
          .as("deploy/base/crds/%s drifted from the classes: regenerate with CrdYaml's main", name)
          .isEqualTo(Files.readString(fresh.resolve(name)));
    }
  }

  @Test
  void theCrdsInstalledFromTheJarAreEveryCheckedInCrd() throws IOException {
    assertThat(InstalledCrds.FILES).containsExactlyElementsOf(fileNames(CrdYaml.CHECKED_IN));
    for (String name : InstalledCrds.FILES) {
      assertThat(InstalledCrds.class.getResource("yaml/" + name))
          .as("%s in the jar", name)
          .isNotNull();
    }
  }

  @Test
  void crdsCarryValidationAndPrinterColumns(@TempDir Path fresh) throws IOException {
    CrdYaml.generate(fresh);

    CustomResourceDefinitionVersion upgrades = version(fresh, "upgraderequests");
    assertThat(upgrades.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("APP", "PHASE", "FROM", "TO", "AGE");
    assertThat(upgrades.getSubresources().getStatus()).isNotNull();
    assertThat(spec(upgrades).getRequired()).containsExactly("app");
    assertThat(version(fresh, "rollbackrequests").getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("UPGRADE", "PHASE", "AGE");

    CustomResourceDefinitionVersion apps = version(fresh, "managedapps");
    assertThat(apps.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("READY", "VERSION", "AGE");
    JSONSchemaProps appSpec = spec(apps);
    assertThat(appSpec.getRequired()).containsExactlyInAnyOrder("flux", "git");
    assertThat(appSpec.getProperties().get("autoUpdate").getEnum())
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("none", "patch", "minor", "major");
    assertThat(appSpec.getProperties().get("healthCheckTimeout").getPattern())
        .isEqualTo(Names.DURATION);
    JSONSchemaProps snapshots = appSpec.getProperties().get("snapshots");
    assertThat(snapshots.getProperties()).containsKey("excludePVCs");
    assertThat(
            snapshots.getProperties().get("retention").getProperties().get("maxCount").getMinimum())
        .isEqualTo(1.0);
  }

  @Test
  void credentialsSecretNamesTheKeysTheOperatorReads(@TempDir Path fresh) throws IOException {
    CrdYaml.generate(fresh);

    String description =
        spec(version(fresh, "managedapps"))
            .getProperties()
            .get("git")
            .getProperties()
            .get("credentialsSecret")
            .getDescription();
    assertThat(description)
        .contains(
            "'" + SecretCredentials.USERNAME + "'",
            "'" + SecretCredentials.PASSWORD + "'",
            "'" + SecretCredentials.IDENTITY + "'",
            "'" + SecretCredentials.KNOWN_HOSTS + "'",
            "'" + SecretCredentials.CA_CERTIFICATE + "'",
            "annotation " + SecretCredentials.ALLOWED_HOSTS + " ")
        .doesNotContain("'token'", "ssh-privatekey");
  }

  private static CustomResourceDefinitionVersion version(Path directory, String plural)
      throws IOException {
    String yaml = Files.readString(directory.resolve(plural + ".harbormaster.io-v1.yml"));
    return Serialization.unmarshal(yaml, CustomResourceDefinition.class)
        .getSpec()
        .getVersions()
        .get(0);
  }

  private static JSONSchemaProps spec(CustomResourceDefinitionVersion version) {
    return version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  private static List<String> fileNames(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
