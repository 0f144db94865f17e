package io.harbormaster.operator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.harbormaster.kubernetes.CrdsServed;
import java.util.List;
import java.util.Objects;

/**
 * deploy/ applied to a real API server as a cluster administrator would ({@code kubectl kustomize
 * deploy/ | kubectl apply -f -}), and a token of the operator's ServiceAccount from the
 * TokenRequest API, as the kubelet mounts one into the operator's pod.
 */
public final class DeployedRbac {
  private DeployedRbac() {}

  /**
   * Applies {@code objects} (creates or replaces each) and returns once the CRDs among them are
   * served. The namespaces they name exist first, as an administrator makes them before granting
   * rights there.
   */
  public static void apply(KubernetesClient admin, List<HasMetadata> objects) {
    objects.stream()
        .map(object -> object.getMetadata().getNamespace())
        .filter(Objects::nonNull)
        .distinct()
        .forEach(
            namespace ->
                admin
                    .namespaces()
                    .resource(
                        new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .createOr(NonDeletingOperation::update));
    for (HasMetadata object : objects) {
      object.getMetadata().setResourceVersion(null);
      admin.resource(object).createOr(NonDeletingOperation::update);
    }
    objects.stream()
        .filter(CustomResourceDefinition.class::isInstance)
        .forEach(crd -> CrdsServed.await(admin, (CustomResourceDefinition) crd));
  }

  /** The operator's ServiceAccount: the one its Deployment runs as. */
  public static ServiceAccount serviceAccount(List<HasMetadata> objects) {
    Deployment operator = DeployManifests.operator(objects);
    String name = operator.getSpec().getTemplate().getSpec().getServiceAccountName();
    return objects.stream()
        .filter(ServiceAccount.class::isInstance)
        .map(ServiceAccount.class::cast)
        .filter(
            account ->
                account.getMetadata().getName().equals(name)
                    && account
                        .getMetadata()
                        .getNamespace()
                        .equals(operator.getMetadata().getNamespace()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no ServiceAccount " + name + " rendered"));
  }

  /** A bearer token of {@code account}, valid for an hour. */
  public static String token(KubernetesClient admin, ServiceAccount account) {
    return admin
        .serviceAccounts()
        .inNamespace(account.getMetadata().getNamespace())
        .withName(account.getMetadata().getName())
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }
}
