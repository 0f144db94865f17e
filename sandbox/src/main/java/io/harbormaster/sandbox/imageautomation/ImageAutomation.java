package io.harbormaster.sandbox.imageautomation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.flux.FluxReconciler;
import io.harbormaster.sandbox.flux.StatusWriter;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The sandbox's image-reflector-controller and image-automation-controller, which the simulated
 * Flux starts and stops with the rest ({@code SimulatedFlux#imageAutomation()}): the {@link
 * #registry() registry} whose tags the ImageRepositories scan, and the {@link #runs() log} of the
 * automation runs.
 */
public final class ImageAutomation {
  private final KubernetesClient client;
  private final StatusWriter status;
  private final TagRegistry registry = new TagRegistry();
  private final TagDatabase database = new TagDatabase();
  private final AutomationRuns runs = new AutomationRuns();

  /** For the simulated Flux, which owns the controllers' client and status writer. */
  public ImageAutomation(KubernetesClient client, StatusWriter status) {
    this.client = client;
    this.status = status;
  }

  /** The registry the ImageRepositories scan: publish and withdraw tags there. */
  public TagRegistry registry() {
    return registry;
  }

  /** What the automations did, run by run. */
  public AutomationRuns runs() {
    return runs;
  }

  /**
   * The ImageRepository controller; {@code onNewRevision} is told the namespace and name of a
   * repository whose scan found new tags, to wake its policies ({@link #readsFrom}).
   */
  public FluxReconciler repositories(BiConsumer<String, String> onNewRevision) {
    return new ImageRepositoryReconciler(registry, database, status, onNewRevision::accept);
  }

  /**
   * The ImagePolicy controller; {@code onNewLatest} is told the namespace of a policy whose latest
   * image changed, to wake the automations that may use it ({@link #usesPoliciesOf}).
   */
  public FluxReconciler policies(Consumer<String> onNewLatest) {
    return new ImagePolicyReconciler(client, database, status, onNewLatest::accept);
  }

  /** The ImageUpdateAutomation controller. */
  public FluxReconciler automations() {
    return new ImageUpdateAutomationReconciler(client, status, runs);
  }

  /** Whether ImagePolicy {@code policy} chooses from ImageRepository {@code namespace/name}. */
  public static boolean readsFrom(GenericKubernetesResource policy, String namespace, String name) {
    return ImagePolicyReconciler.readsFrom(policy, namespace, name);
  }

  /** Whether ImageUpdateAutomation {@code automation} may use the policies of {@code namespace}. */
  public static boolean usesPoliciesOf(GenericKubernetesResource automation, String namespace) {
    return ImageUpdateAutomationReconciler.usesPoliciesOf(automation, namespace);
  }
}
