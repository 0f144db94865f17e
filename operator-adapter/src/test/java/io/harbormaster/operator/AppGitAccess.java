package io.harbormaster.operator;

import static io.harbormaster.operator.Requests.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.embedded.credentials.SecretCredentials;
import io.harbormaster.sandbox.await.AwaitCondition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The web app's git settings and a credentials Secret beside it, changed as their owners would: the
 * ManagedApp by whoever may edit it, the Secret by whoever owns it.
 */
final class AppGitAccess {
  static final Duration WAIT = Duration.ofSeconds(60);

  private final OperatorCluster cluster;
  private final Requests requests;

  AppGitAccess(OperatorCluster cluster) {
    this.cluster = cluster;
    this.requests = new Requests(cluster.client);
  }

  /**
   * Secret {@code name} in the app's namespace holding {@code texts}, annotated with {@code
   * allowedHosts} if given.
   */
  void secret(String name, Map<String, String> texts, Optional<String> allowedHosts) {
    Map<String, String> data = new HashMap<>();
    // As the API server stores it: the mock does not convert stringData.
    texts.forEach(
        (key, text) ->
            data.put(
                key, Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))));
    cluster
        .client
        .secrets()
        .inNamespace(FleetApps.WEB_NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(
                    allowedHosts
                        .map(hosts -> Map.of(SecretCredentials.ALLOWED_HOSTS, hosts))
                        .orElse(Map.of()))
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  /**
   * Sets the web app's spec.git.repository and spec.git.credentialsSecret (null: none), with a
   * merge patch: the operator writes the app's status meanwhile, which a read-modify-write would
   * conflict with.
   */
  void pointAt(String repository, String credentialsSecret) {
    Map<String, Object> git = new HashMap<>();
    git.put("repository", repository);
    git.put("credentialsSecret", credentialsSecret);
    app()
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            cluster.client.getKubernetesSerialization().asJson(Map.of("spec", Map.of("git", git))));
  }

  /** The app's condition {@code type} once it satisfies {@code reached}. */
  Condition awaitCondition(String type, Predicate<Condition> reached) {
    ManagedApp app =
        AwaitCondition.until(app(), a -> condition(a, type).filter(reached).isPresent(), WAIT);
    return condition(app, type).orElseThrow();
  }

  /**
   * Asks to upgrade web and waits for the operator to refuse it before it starts, with {@code
   * reason}.
   */
  UpgradeRequest requestRefused(String name, String reason) {
    requests.upgrade(FleetApps.WEB_NAMESPACE, name, FleetApps.WEB, "1.1.0", false, false);
    UpgradeRequest refused =
        await(
            requests.upgrade(FleetApps.WEB_NAMESPACE, name),
            r ->
                Requests.condition(r, "Failed")
                    .map(c -> reason.equals(c.getReason()))
                    .orElse(false),
            WAIT);
    assertThat(refused.getStatus().phase()).as("refused before it started").isNull();
    return refused;
  }

  Resource<ManagedApp> app() {
    return cluster
        .client
        .resources(ManagedApp.class)
        .inNamespace(FleetApps.WEB_NAMESPACE)
        .withName(FleetApps.WEB);
  }

  private static Optional<Condition> condition(ManagedApp app, String type) {
    return app == null || app.getStatus() == null || app.getStatus().conditions() == null
        ? Optional.empty()
        : app.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst();
  }
}
