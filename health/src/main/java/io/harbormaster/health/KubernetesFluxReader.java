package io.harbormaster.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.flux.ParentKustomization;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.kubernetes.GenericObject;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link FluxReader} over Flux's Kustomization and HelmRelease objects, read live as generic
 * resources.
 */
public final class KubernetesFluxReader implements FluxReader {
  private final KubernetesClient client;

  public KubernetesFluxReader(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * @throws io.harbormaster.kubernetes.ObjectNotFoundException when the object does not exist
   */
  @Override
  public FluxStatus status(FluxRef ref) {
    GenericKubernetesResource object = require(ref);
    if (ref.kind() != FluxKind.HELM_RELEASE) {
      return FluxStatusMapper.map(ref, object);
    }
    Optional<GenericKubernetesResource> helmChart =
        FluxStatusMapper.chartSources(object).stream()
            .filter(source -> source.kind() == SourceKind.HELM_CHART)
            .findFirst()
            .map(
                source ->
                    new GenericObject(
                            source.kind().apiVersion(),
                            source.kind().kind(),
                            source.object().namespace(),
                            source.object().name())
                        .resource(client)
                        .get());
    return FluxStatusMapper.map(ref, object, helmChart);
  }

  /**
   * Refuses an app whose Flux objects are applied by a Kustomization other than the one it names
   * (see {@link ParentKustomization#verify}); call before suspending.
   *
   * @throws io.harbormaster.core.model.InvalidSpecException naming the parent to put in {@code
   *     spec.flux.kustomization}
   * @throws io.harbormaster.kubernetes.ObjectNotFoundException when one of the app's Flux objects
   *     does not exist
   */
  @Override
  public void verifyParents(FluxSource source) {
    for (FluxRef ref : source.objects()) {
      ParentKustomization.verify(source, ref, require(ref).getMetadata().getLabels());
    }
  }

  private GenericKubernetesResource require(FluxRef ref) {
    return new GenericObject(
            ref.kind().apiVersion(),
            ref.kind().kind(),
            ref.object().namespace(),
            ref.object().name())
        .require(client, ref.kind().missingHint());
  }
}
