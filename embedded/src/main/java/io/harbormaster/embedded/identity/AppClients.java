package io.harbormaster.embedded.identity;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.tenancy.Tenancy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client an app's operation acts through: the operator's own, or one that impersonates the
 * app's ServiceAccount ({@link Tenancy#serviceAccountOf}), as Flux's kustomize-controller does for
 * a Kustomization's {@code serviceAccountName}. The API server then authorizes each call as that
 * ServiceAccount, so a ManagedApp reaches only what its namespace's RBAC lets it, whatever our own
 * checks miss. The operator needs {@code impersonate} on ServiceAccounts for it.
 *
 * <p>Impersonating clients share the operator's HTTP connections and are kept, one per
 * ServiceAccount; they are never closed on their own, which would close the shared connections.
 */
public final class AppClients {
  private final KubernetesClient operator;
  private final Tenancy tenancy;
  private final Map<String, KubernetesClient> impersonating = new ConcurrentHashMap<>();

  public AppClients(KubernetesClient operator, Tenancy tenancy) {
    this.operator = operator;
    this.tenancy = tenancy;
  }

  /** The client to read and change {@code app}'s objects with. */
  public KubernetesClient forApp(ManagedApp app) {
    return tenancy
        .serviceAccountOf(app)
        .map(
            serviceAccount ->
                impersonating.computeIfAbsent(
                    user(app.id().namespace(), serviceAccount), this::impersonate))
        .orElse(operator);
  }

  /** The user name the API server gives ServiceAccount {@code name} of {@code namespace}. */
  public static String user(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  private KubernetesClient impersonate(String user) {
    // The API server adds the ServiceAccount's groups itself when only its user name is
    // impersonated.
    RequestConfig config =
        new RequestConfigBuilder(operator.getConfiguration().getRequestConfig())
            .withImpersonateUsername(user)
            .build();
    return operator.newClient(config).adapt(KubernetesClient.class);
  }
}
