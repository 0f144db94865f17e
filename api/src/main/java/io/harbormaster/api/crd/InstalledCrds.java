package io.harbormaster.api.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.kubernetes.CrdsServed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Harbormaster's CRDs as checked in under {@code deploy/base/crds}, which the build copies into the
 * jar. The CLI's sandbox installs them as {@code kubectl apply -k deploy/} would on a real cluster.
 */
public final class InstalledCrds {
  public static final List<String> FILES =
      List.of(
          "managedapps.harbormaster.io-v1.yml",
          "rollbackrequests.harbormaster.io-v1.yml",
          "storagepolicies.harbormaster.io-v1.yml",
          "upgraderequests.harbormaster.io-v1.yml");

  private InstalledCrds() {}

  /**
   * Creates Harbormaster's CRDs, or replaces them when they exist, and returns once their resources
   * are served.
   */
  public static void install(KubernetesClient client) {
    for (String file : FILES) {
      try (InputStream yaml = InstalledCrds.class.getResourceAsStream("yaml/" + file)) {
        if (yaml == null) {
          throw new IllegalStateException(
              "CRD " + file + " is missing from the jar; rebuild the api module");
        }
        CustomResourceDefinition crd =
            Serialization.unmarshal(yaml, CustomResourceDefinition.class);
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .resource(crd)
            .createOr(existing -> existing.update());
        CrdsServed.await(client, crd);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
