package io.harbormaster.registry.catalog;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.registry.http.BasicCredentials;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a HelmRepository and the Secret of its {@code spec.secretRef}. What makes a repository
 * impossible to look up (it does not exist or may not be read, a cloud provider's credentials, a
 * custom CA, a Secret of another namespace) is a {@link NotChecked} with the reason, for an
 * UNCHECKED finding: the HelmRelease reports a broken source itself, and the upgrade need not wait
 * on it. Other API errors (the server out of reach) propagate and are retried.
 */
final class HelmSources {
  static final String USERNAME = "username";
  static final String PASSWORD = "password";

  private static final ResourceDefinitionContext HELM_REPOSITORY =
      new ResourceDefinitionContext.Builder()
          .withGroup(SourceKind.HELM_REPOSITORY.group())
          .withVersion(SourceKind.HELM_REPOSITORY.version())
          .withKind(SourceKind.HELM_REPOSITORY.kind())
          .withPlural(SourceKind.HELM_REPOSITORY.plural())
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;

  HelmSources(KubernetesClient client) {
    this.client = client;
  }

  /**
   * HelmRepository {@code ref}, with its credentials when it names a Secret and lives in {@code
   * appNamespace}.
   *
   * @throws NotChecked when it cannot or may not be looked up
   */
  ChartRepository repository(ObjectRef ref, String appNamespace) throws NotChecked {
    String name = "HelmRepository " + ref;
    GenericKubernetesResource repository;
    try {
      repository =
          client
              .genericKubernetesResources(HELM_REPOSITORY)
              .inNamespace(ref.namespace())
              .withName(ref.name())
              .get();
    } catch (KubernetesClientException e) {
      throw notReadable(e, name);
    }
    if (repository == null) {
      throw new NotChecked(name + " does not exist");
    }
    Optional<String> provider = text(repository, "spec", "provider");
    if (provider.isPresent() && !provider.get().equals("generic")) {
      throw new NotChecked(
          name
              + " authenticates with spec.provider "
              + provider.get()
              + ": a cloud provider's credentials are not Harbormaster's to use");
    }
    if (repository.get("spec", "certSecretRef") != null) {
      throw new NotChecked(
          name + " trusts a CA of its own (spec.certSecretRef), which Harbormaster does not load");
    }
    String type = text(repository, "spec", "type").orElse("default");
    if (!type.equals("default") && !type.equals("oci")) {
      throw new NotChecked(name + " has spec.type '" + type + "', neither default nor oci");
    }
    URI url;
    try {
      url = URI.create(text(repository, "spec", "url").orElse(""));
    } catch (IllegalArgumentException e) {
      throw new NotChecked(name + " has a spec.url that is no URL");
    }
    boolean oci = type.equals("oci");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
    if (url.getHost() == null
        || (oci ? !scheme.equals("oci") : !scheme.equals("http") && !scheme.equals("https"))) {
      throw new NotChecked(
          name
              + " has a spec.url that is not "
              + (oci ? "oci://host/path" : "an http(s):// URL")
              + " as its spec.type "
              + type
              + " needs");
    }
    boolean insecure = Boolean.TRUE.equals(repository.get("spec", "insecure"));
    Optional<String> secret = text(repository, "spec", "secretRef", "name");
    Optional<BasicCredentials> credentials = Optional.empty();
    if (secret.isPresent()) {
      if (!ref.namespace().equals(appNamespace)) {
        // Tenancy: whoever may write a ManagedApp in one namespace must not get another
        // namespace's credentials used on their behalf.
        throw new NotChecked(
            name
                + " names credentials (spec.secretRef), and credentials of another namespace than"
                + " the app's are not used");
      }
      credentials = Optional.of(credentials(ObjectRef.of(ref.namespace(), secret.get()), name));
    }
    return new ChartRepository(ref, url, oci, insecure, credentials);
  }

  private BasicCredentials credentials(ObjectRef ref, String repository) throws NotChecked {
    String name = "Secret " + ref + " (spec.secretRef of " + repository + ")";
    Secret secret;
    try {
      secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      throw notReadable(e, name);
    }
    if (secret == null) {
      throw new NotChecked(name + " does not exist");
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    if (!data.containsKey(USERNAME) || !data.containsKey(PASSWORD)) {
      throw new NotChecked(
          name + " has no '" + USERNAME + "' and '" + PASSWORD + "', the only credentials read");
    }
    String password = decode(data.get(PASSWORD));
    // Whatever later quotes it (a log line, a status) masks it too.
    Redaction.remember(List.of(password));
    return new BasicCredentials(decode(data.get(USERNAME)), password);
  }

  private NotChecked notReadable(KubernetesClientException e, String name) {
    if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
      return new NotChecked(
          name
              + " may not be read by "
              + Optional.ofNullable(client.getConfiguration().getImpersonateUsername())
                  .orElse("the operator"));
    }
    if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
      return new NotChecked(name + " does not exist");
    }
    throw e;
  }

  static Optional<String> text(GenericKubernetesResource object, Object... path) {
    Object value = object.get(path);
    return value instanceof String text && !text.isBlank()
        ? Optional.of(text.trim())
        : Optional.empty();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
