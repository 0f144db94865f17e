package io.harbormaster.discovery;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.discovery.HelmRelease;
import io.harbormaster.core.discovery.HelmReleaseDecoder;
import io.harbormaster.core.discovery.HelmReleaseNames;
import io.harbormaster.core.model.ObjectRef;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and decodes the Helm release a HelmRelease installed: the secret that {@code
 * status.history[0]} names, or without history the newest {@code sh.helm.release.v1.<release>.v*}
 * secret Helm labelled {@code owner=helm}.
 */
final class ReleaseSecrets {
  private final KubernetesClient client;
  private final HelmReleaseDecoder decoder;

  ReleaseSecrets(KubernetesClient client, HelmReleaseDecoder decoder) {
    this.client = client;
    this.decoder = decoder;
  }

  HelmRelease current(FluxObject helmRelease) {
    String storageNamespace =
        HelmReleaseNames.storageNamespace(
            helmRelease.ref().object().namespace(), helmRelease.text("spec", "storageNamespace"));
    Optional<String> historyName = helmRelease.text("status", "history", 0, "name");
    Optional<Integer> historyVersion = helmRelease.number("status", "history", 0, "version");
    if (historyName.isPresent() && historyVersion.isPresent()) {
      String secretName = HelmReleaseNames.secretName(historyName.get(), historyVersion.get());
      Secret secret = client.secrets().inNamespace(storageNamespace).withName(secretName).get();
      if (secret == null) {
        throw new DiscoveryException(
            "Helm release secret "
                + storageNamespace
                + "/"
                + secretName
                + ", named by status.history of "
                + helmRelease.ref()
                + ", does not exist: Helm storage and the HelmRelease disagree; let helm-controller reconcile it");
      }
      return decode(secret);
    }
    return decode(newest(helmRelease, storageNamespace));
  }

  private Secret newest(FluxObject helmRelease, String storageNamespace) {
    String release =
        HelmReleaseNames.releaseName(
            helmRelease.ref().object().name(),
            helmRelease.text("spec", "targetNamespace"),
            helmRelease.text("spec", "releaseName"));
    return client
        .secrets()
        .inNamespace(storageNamespace)
        .withLabels(Map.of("owner", "helm", "name", release))
        .list()
        .getItems()
        .stream()
        .filter(
            secret ->
                HelmReleaseNames.revisionOf(release, secret.getMetadata().getName()).isPresent())
        .max(
            Comparator.comparing(
                secret ->
                    HelmReleaseNames.revisionOf(release, secret.getMetadata().getName())
                        .orElseThrow()))
        .orElseThrow(
            () ->
                new DiscoveryException(
                    helmRelease.ref()
                        + " has neither status.inventory nor status.history, and namespace "
                        + storageNamespace
                        + " holds no Helm release secret sh.helm.release.v1."
                        + release
                        + ".v*: has it been installed yet?"));
  }

  private HelmRelease decode(Secret secret) {
    ObjectRef ref =
        ObjectRef.of(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
    Map<String, String> data = secret.getData();
    return decoder.decode(ref, data == null ? null : data.get("release"));
  }
}
