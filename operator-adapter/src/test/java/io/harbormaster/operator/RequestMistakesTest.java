package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests written directly as custom resources (kubectl apply, a GitOps tool) that can never run:
 * each is refused before anything is stopped, with a message naming the field. Where the CRD's
 * schema can say it, a real API server refuses it with 422; the mock stores it and the operator
 * refuses it. Either way the app's workloads, Flux objects and git are untouched.
 */
@Tag("both-api-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestMistakesTest {
  private static final Duration AT_ONCE = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private Path work;
  private OperatorCluster cluster;
  private FleetApps apps;

  /** A mistake: the request's kind and spec, the field to name, whether the schema catches it. */
  record Mistake(String what, String kind, String spec, String field, boolean schemaRefuses) {
    @Override
    public String toString() {
      return what;
    }
  }

  @BeforeAll
  void start() throws Exception {
    work = Files.createTempDirectory("hm-request-mistakes");
    cluster = new OperatorCluster(work);
    apps = new FleetApps(cluster);
    apps.web("1.0.0", "1m", true);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  static Stream<Mistake> mistakes() {
    String longTag = "1".repeat(129);
    return Stream.of(
        schema("an empty app", "{app: '', target: {version: 1.1.0}}", "spec.app"),
        schema("an app name with capitals", "{app: Web, target: {version: 1.1.0}}", "spec.app"),
        schema(
            "an app name with a slash", "{app: 'apps/web', target: {version: 1.1.0}}", "spec.app"),
        schema("no app", "{target: {version: 1.1.0}}", "spec.app"),
        schema("an empty version", "{app: web, target: {version: ''}}", "spec.target.version"),
        schema(
            "a version with a space",
            "{app: web, target: {version: 'bad version!'}}",
            "spec.target.version"),
        schema(
            "a version of 129 characters",
            "{app: web, target: {version: '" + longTag + "'}}",
            "spec.target.version"),
        schema(
            "a version starting with a dot",
            "{app: web, target: {version: .1}}",
            "spec.target.version"),
        schema(
            "an image tag with a colon",
            "{app: web, target: {imageTags: {web: 'v1:latest'}}}",
            "spec.target.imageTags"),
        schema("an empty target", "{app: web, target: {}}", "spec.target"),
        operator("an app that does not exist", "{app: nope, target: {version: 1.1.0}}", "spec.app"),
        operator(
            "a target with neither version nor tags",
            "{app: web, target: {imageTags: {}}}",
            "spec.target"),
        rollbackSchema("an empty upgrade", "{upgrade: ''}", "spec.upgrade"),
        rollbackSchema("an upgrade name with capitals", "{upgrade: UP}", "spec.upgrade"),
        rollbackSchema("no upgrade", "{skipSnapshot: true}", "spec.upgrade"),
        rollbackSchema(
            "an upgrade name of 254 characters",
            "{upgrade: " + "a".repeat(254) + "}",
            "spec.upgrade"),
        new Mistake(
            "a rollback of an upgrade that does not exist",
            "RollbackRequest",
            "{upgrade: nope}",
            "spec.upgrade",
            false),
        schema(
            "a version starting with a plus",
            "{app: web, target: {version: '+1'}}",
            "spec.target.version"),
        schema(
            "an image tag with a slash",
            "{app: web, target: {imageTags: {web: 'a/b'}}}",
            "spec.target.imageTags"),
        rollbackSchema("an upgrade name with a slash", "{upgrade: 'a/b'}", "spec.upgrade"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aRequestThatCanNeverRunIsRefusedAtOnceNamingTheField(Mistake mistake) {
    ObjectId tip = cluster.git.tip(OperatorCluster.BRANCH);
    String name = "mistake-" + NAMES.incrementAndGet();
    GenericKubernetesResource request =
        Serialization.unmarshal(
            "apiVersion: harbormaster.io/v1alpha1\nkind: "
                + mistake.kind()
                + "\nmetadata: {namespace: "
                + WEB_NAMESPACE
                + ", name: "
                + name
                + "}\nspec: "
                + mistake.spec()
                + "\n",
            GenericKubernetesResource.class);

    if (mistake.schemaRefuses() && ApiServerKind.fromSystemProperties() == ApiServerKind.REAL) {
      assertThatThrownBy(() -> cluster.client.resource(request).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              refused -> assertThat(refused.getCode()).isEqualTo(422))
          .hasMessageContaining(mistake.field());
    } else {
      cluster.client.resource(request).create();
      OperationStatus status = refusal(mistake.kind(), name);
      assertThat(condition(status).getMessage()).as(mistake.what()).contains(mistake.field());
      assertThat(status.phase()).as("never started").isNull();
    }

    assertThat(cluster.git.tip(OperatorCluster.BRANCH)).isEqualTo(tip);
    assertThat(apps.deployment(WEB_NAMESPACE, WEB).getSpec().getReplicas()).isEqualTo(1);
    assertThat(apps.suspended(WEB)).isFalse();
  }

  /** The request's status once the operator refused it, which it must do at once. */
  private OperationStatus refusal(String kind, String name) {
    var requests = new Requests(cluster.client);
    return "UpgradeRequest".equals(kind)
        ? await(requests.upgrade(WEB_NAMESPACE, name), r -> refused(r.getStatus()), AT_ONCE)
            .getStatus()
        : await(requests.rollback(WEB_NAMESPACE, name), r -> refused(r.getStatus()), AT_ONCE)
            .getStatus();
  }

  private static boolean refused(OperationStatus status) {
    return status != null
        && status.conditions() != null
        && status.conditions().stream()
            .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(OperationStatus status) {
    return status.conditions().stream()
        .filter(c -> "Failed".equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static Mistake schema(String what, String spec, String field) {
    return new Mistake(what, "UpgradeRequest", spec, field, true);
  }

  private static Mistake rollbackSchema(String what, String spec, String field) {
    return new Mistake(what, "RollbackRequest", spec, field, true);
  }

  private static Mistake operator(String what, String spec, String field) {
    return new Mistake(what, "UpgradeRequest", spec, field, false);
  }
}
