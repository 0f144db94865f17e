package io.harbormaster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.cli.cluster.HmOnSandbox.Result;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hm apps, discover and the lookups of status on one sandbox with the web app (namespace apps, the
 * kubeconfig's) and the postgres HelmRelease (namespace db), an operator reporting their health.
 */
@Tag("both-api-servers")
class ReadCommandsTest {
  @TempDir static Path work;
  private static HmOnSandbox cluster;

  @BeforeAll
  static void start() {
    cluster = HmOnSandbox.start(work);
    cluster.web("1.0.0", "1m");
    cluster.postgres("1.0.0", 3);
    cluster.startOperator();
    for (String namespace : List.of(SampleApps.WEB_NAMESPACE, SampleApps.DB_NAMESPACE)) {
      String name = namespace.equals(SampleApps.DB_NAMESPACE) ? SampleApps.DB : SampleApps.WEB;
      AwaitCondition.until(
          cluster.client.resources(ManagedApp.class).inNamespace(namespace).withName(name),
          app ->
              app.getStatus() != null
                  && app.getStatus().currentVersion() != null
                  && app.getStatus().conditions().stream()
                      .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")),
          Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void appsListsTheAppsOfTheContextsNamespaceWithHealthAndVersion() {
    Result result = cluster.hm("apps");

    assertThat(result.code()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("NAME   READY   VERSION   LAST UPGRADE   AGE +MESSAGE");
    assertThat(lines.get(1))
        .matches("web    True    1\\.0\\.0     <none>         \\d+(ms|s) +\\S.*");
    assertThat(lines.get(1).indexOf("True")).isEqualTo(lines.get(0).indexOf("READY"));
  }

  @Test
  void appsOfAllNamespacesAddsTheNamespaceColumn() {
    Result result = cluster.hm("apps", "-A");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out().lines())
        .hasSize(3)
        .satisfies(
            lines -> assertThat(lines.get(0)).startsWith("NAMESPACE   NAME       READY   VERSION"))
        .satisfies(
            lines -> assertThat(lines.get(1)).startsWith("apps        web        True    1.0.0"))
        .satisfies(
            lines -> assertThat(lines.get(2)).startsWith("db          postgres   True    1.0.0"));
  }

  @Test
  void appsAsJsonOrYamlIsAListOfTheManagedAppResources() {
    for (String format : List.of("json", "yaml")) {
      Result result = cluster.hm("apps", "-A", "-o", format);

      assertThat(result.code()).as(result.toString()).isZero();
      KubernetesList list = Serialization.unmarshal(result.out(), KubernetesList.class);
      assertThat(list.getItems())
          .extracting(
              item -> item.getMetadata().getNamespace() + "/" + item.getMetadata().getName())
          .containsExactly("apps/web", "db/postgres");
      assertThat(list.getItems())
          .allSatisfy(item -> assertThat(item.getKind()).isEqualTo("ManagedApp"));
      assertThat(
              ((GenericKubernetesResource) list.getItems().get(1))
                  .<String>get("status", "currentVersion"))
          .isEqualTo("1.0.0");
    }
    assertThat(cluster.hm("apps", "-o", "json").out()).startsWith("{\n  \"apiVersion\" : \"v1\",");
  }

  @Test
  void discoverShowsWhatAnUpgradeOfTheWebAppWouldStopAndSnapshotAndWhy() {
    Result result = cluster.hm("discover", "web");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList()).hasSize(3);
    assertThat(result.out())
        .startsWith("ACTION     KIND                    NAMESPACE   NAME   REASON\n")
        .containsPattern("stop       Deployment              apps        web    \\S.*\n")
        .containsPattern("snapshot   PersistentVolumeClaim   apps        data   \\S.*\n");
  }

  @Test
  void discoverNamesTheImageAutomationsThatAlsoWriteTheAppsFileAndThoseItCouldNotJudge() {
    GenericKubernetesResource writer =
        ImageApi.withSpec(
            automation("web-images", SandboxCluster.FLEET, "./apps/web"), "suspend", true);
    GenericKubernetesResource orphan = automation("orphan", "gone", "./apps");
    GenericKubernetesResource elsewhere =
        automation("db-images", SandboxCluster.FLEET, "./apps/db");
    List<GenericKubernetesResource> automations = List.of(writer, orphan, elsewhere);
    automations.forEach(automation -> ImageApi.create(cluster.client, automation));
    try {
      Result result = cluster.hm("discover", "web");

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.out().lines().toList())
          .hasSize(5)
          .endsWith(
              "Image automation flux-system/web-images also writes apps/web/kustomization.yaml"
                  + " (suspended now).",
              "Image automation not judged: ImageUpdateAutomation flux-system/orphan: its"
                  + " GitRepository flux-system/gone does not exist");
      Map<String, Object> document = map(cluster.hm("discover", "web", "-o", "json").out());
      assertThat(document)
          .containsEntry("imageAutomations", List.of("flux-system/web-images"))
          .containsEntry(
              "imageAutomationsSkipped",
              List.of(
                  "ImageUpdateAutomation flux-system/orphan: its GitRepository flux-system/gone"
                      + " does not exist"));
    } finally {
      automations.forEach(
          automation ->
              ImageApi.resources(cluster.client, ImageApi.IMAGE_UPDATE_AUTOMATION)
                  .inNamespace(SandboxCluster.FLUX_NAMESPACE)
                  .withName(automation.getMetadata().getName())
                  .delete());
    }
  }

  /** An ImageUpdateAutomation of flux-system pushing to the fleet's branch. */
  private static GenericKubernetesResource automation(
      String name, String gitRepository, String path) {
    return ImageApi.imageUpdateAutomation(
        SandboxCluster.FLUX_NAMESPACE,
        name,
        gitRepository,
        SandboxCluster.BRANCH,
        path,
        "1h",
        "Flux",
        "flux@example.com");
  }

  @Test
  void discoverFindsBothWorkloadsAndTheThreeVolumesOfThePostgresRelease() {
    Result json = cluster.hm("discover", "postgres", "-n", "db", "-o", "json");

    assertThat(json.code()).as(json.toString()).isZero();
    Map<String, Object> document = map(json.out());
    assertThat(document.get("app")).isEqualTo(Map.of("namespace", "db", "name", "postgres"));
    assertThat(names(document, "workloads"))
        .containsExactlyInAnyOrder("StatefulSet postgres", "Deployment postgres-backup");
    assertThat(names(document, "pvcs"))
        .containsExactlyInAnyOrder("data-postgres-0", "data-postgres-1", "data-postgres-2");
    assertThat(items(document, "pvcs"))
        .allSatisfy(pvc -> assertThat((String) pvc.get("reason")).isNotBlank());

    Result yaml = cluster.hm("discover", "postgres", "-n", "db", "-o", "yaml");
    assertThat(map(yaml.out())).isEqualTo(document);
    Result table = cluster.hm("discover", "postgres", "-n", "db");
    assertThat(table.out().lines()).hasSize(6);
  }

  @Test
  void anAppOrRequestThatDoesNotExistExitsThreeWithWhatToDo() {
    Result discover = cluster.hm("discover", "nope");
    assertThat(discover.code()).isEqualTo(3);
    assertThat(discover.out()).isEmpty();
    assertThat(discover.err())
        .isEqualTo("error: ManagedApp apps/nope not found: list the apps with 'hm apps -n apps'\n");

    Result upgrade = cluster.hm("upgrade", "nope", "--to", "1.1.0", "-n", "db");
    assertThat(upgrade.code()).isEqualTo(3);
    assertThat(upgrade.err()).contains("ManagedApp db/nope not found");

    Result rollback = cluster.hm("rollback", "no-such-upgrade");
    assertThat(rollback.code()).isEqualTo(3);
    assertThat(rollback.err()).contains("UpgradeRequest apps/no-such-upgrade not found");

    Result status = cluster.hm("status", "no-such-request");
    assertThat(status.code()).isEqualTo(3);
    assertThat(status.err())
        .contains("no UpgradeRequest or RollbackRequest apps/no-such-request found");
    assertThat(
            cluster
                .client
                .genericKubernetesResources("harbormaster.io/v1alpha1", "UpgradeRequest")
                .inAnyNamespace()
                .list()
                .getItems())
        .extracting(GenericKubernetesResource::getMetadata)
        .isEmpty();
  }

  @Test
  void anOutputFormatThatDoesNotExistIsAUsageError() {
    Result result = cluster.hm("apps", "-o", "xml");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("--output")
        .contains("xml")
        .contains("use table, json or yaml");
  }

  @Test
  void everyClusterCommandsHelpListsTheExitCodes() {
    for (String command : List.of("apps", "discover", "upgrade", "rollback", "status")) {
      Result help = cluster.hm(command, "--help");

      assertThat(help.code()).isZero();
      assertThat(help.out())
          .contains(
              "--kubeconfig=FILE", "--context=NAME", "-n, --namespace=NS", "-o, --output=FORMAT")
          .contains("Exit codes:")
          .containsPattern(
              "4 +cannot reach the cluster, or the Harbormaster CRDs are not installed")
          .containsPattern("5 +timed out while waiting");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String document) {
    return Serialization.unmarshal(document, Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> document, String key) {
    return (List<Map<String, Object>>) document.get(key);
  }

  private static List<String> names(Map<String, Object> document, String key) {
    return items(document, key).stream()
        .map(item -> (item.containsKey("kind") ? item.get("kind") + " " : "") + item.get("name"))
        .toList();
  }
}
