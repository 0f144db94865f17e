package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.sandbox.flux.chart.ChartCatalogue;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Plays source-controller for one HelmRepository: fetches the catalogue's index (the versions
 * published now) on the repository's interval or when asked, never otherwise, and records its
 * digest in {@code status.artifact.revision}. A new index wakes the HelmCharts built from it.
 */
final class HelmRepositoryReconciler implements FluxReconciler {
  private final ChartCatalogue charts;
  private final HelmIndexes indexes;
  private final StatusWriter status;
  private final BiConsumer<String, String> onNewIndex;

  HelmRepositoryReconciler(
      ChartCatalogue charts,
      HelmIndexes indexes,
      StatusWriter status,
      BiConsumer<String, String> onNewIndex) {
    this.charts = charts;
    this.indexes = indexes;
    this.status = status;
    this.onNewIndex = onNewIndex;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource repository) {
    Map<String, Set<String>> index = charts.index();
    String revision = HelmManifest.digest(index.toString());
    boolean changed =
        indexes.store(
            repository.getMetadata().getNamespace(), repository.getMetadata().getName(), index);
    status
        .update(FluxType.HELM_REPOSITORY, repository)
        .field("artifact", Map.of("revision", revision))
        .condition("Ready", true, "Succeeded", "stored artifact: revision '" + revision + "'")
        .finalized()
        .write();
    if (changed) {
      onNewIndex.accept(
          repository.getMetadata().getNamespace(), repository.getMetadata().getName());
    }
    return Outcome.done();
  }

  @Override
  public void whileSuspended(GenericKubernetesResource repository) {
    status.update(FluxType.HELM_REPOSITORY, repository).finalized().writeIfChanged();
  }
}
