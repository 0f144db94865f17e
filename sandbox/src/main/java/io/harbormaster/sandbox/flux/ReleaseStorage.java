package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Helm's Secret storage driver: one Secret {@code sh.helm.release.v1.<release>.v<revision>} of type
 * {@code helm.sh/release.v1} per revision, labelled {@code owner=helm}, {@code name}, {@code
 * version} and {@code status}, holding the encoded release.
 */
final class ReleaseStorage {
  static final String SECRET_TYPE = "helm.sh/release.v1";

  /** One stored revision: its Secret and its decoded release JSON. */
  record StoredRelease(Secret secret, ObjectNode release) {
    int version() {
      return release.path("version").asInt();
    }

    String status() {
      return release.path("info").path("status").asText();
    }
  }

  private final KubernetesClient client;

  ReleaseStorage(KubernetesClient client) {
    this.client = client;
  }

  /** This release's stored revisions, oldest first. */
  List<StoredRelease> list(String namespace, String release) {
    return client
        .secrets()
        .inNamespace(namespace)
        .withLabels(Map.of("owner", "helm", "name", release))
        .list()
        .getItems()
        .stream()
        .filter(secret -> HelmStorageNames.isRevisionOf(release, secret.getMetadata().getName()))
        .map(
            secret ->
                new StoredRelease(
                    secret, HelmReleaseCodec.fromSecretData(secret.getData().get("release"))))
        .sorted(Comparator.comparingInt(StoredRelease::version))
        .collect(Collectors.toList());
  }

  void create(String namespace, ObjectNode release) {
    String name = release.path("name").asText();
    int version = release.path("version").asInt();
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(HelmStorageNames.secretName(name, version))
                .withLabels(labels(release))
                .endMetadata()
                .withType(SECRET_TYPE)
                .addToData("release", HelmReleaseCodec.toSecretData(release))
                .build())
        .create();
  }

  /**
   * Rewrites a stored revision with a new {@code info.status}, as Helm marks a replaced release
   * superseded.
   */
  void setStatus(StoredRelease stored, String status) {
    setStatus(stored, status, stored.release().path("info").path("description").asText());
  }

  /**
   * As {@link #setStatus(StoredRelease, String)}, with the description Helm writes beside it
   * ("Upgrade complete").
   */
  void setStatus(StoredRelease stored, String status, String description) {
    ObjectNode release = stored.release().deepCopy();
    ((ObjectNode) release.path("info")).put("status", status).put("description", description);
    Secret secret =
        new SecretBuilder(stored.secret())
            .editMetadata()
            .withLabels(labels(release))
            .endMetadata()
            .withData(Map.of("release", HelmReleaseCodec.toSecretData(release)))
            .build();
    client.secrets().resource(secret).update();
  }

  /** Deletes a stored revision, as {@code helm uninstall} does without {@code --keep-history}. */
  void delete(StoredRelease stored) {
    client.secrets().resource(stored.secret()).delete();
  }

  private static Map<String, String> labels(ObjectNode release) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("name", release.path("name").asText());
    labels.put("owner", "helm");
    labels.put("status", release.path("info").path("status").asText());
    labels.put("version", release.path("version").asText());
    return labels;
  }
}
