package io.harbormaster.registry.catalog;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.port.TargetCatalog;
import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.kubernetes.GenericObject;
import io.harbormaster.registry.helm.HelmIndexClient;
import io.harbormaster.registry.http.BasicCredentials;
import io.harbormaster.registry.http.Hosts;
import io.harbormaster.registry.http.Lookup;
import io.harbormaster.registry.http.RegistryHttp;
import io.harbormaster.registry.oci.ImageName;
import io.harbormaster.registry.oci.OciDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TargetCatalog} on the app's Flux objects and the outside world: a target version that
 * {@code spec.chart.spec.version} of the app's HelmRelease holds is looked up in the chart's
 * HelmRepository ({@code index.yaml}, or the OCI registry of a {@code type: oci} one, with the
 * repository's Basic credentials when it lives in the app's namespace); each target image tag in
 * its registry, anonymously (see the package documentation for why).
 *
 * <p>Network trouble of any kind is an UNCHECKED finding, never an exception. The HelmRelease that
 * the app names must exist: a missing one is an {@link
 * io.harbormaster.kubernetes.ObjectNotFoundException}, as from the other adapters that read it, and
 * is retried. What it points at (the HelmRepository, its Secret) missing, forbidden or beyond what
 * we may use is an UNCHECKED finding instead: Flux reports a broken source itself, and an upgrade
 * should not wait on what only the lookup needs.
 */
public final class RegistryTargetCatalog implements TargetCatalog {
  /** The version path that makes a target's version a chart version. */
  public static final String CHART_VERSION_PATH = "spec.chart.spec.version";

  private final KubernetesClient client;
  private final Tenancy tenancy;
  private final HelmSources sources;
  private final HelmIndexClient helm;
  private final OciDistribution oci;

  /** A catalog reading the app's objects through {@code client}, on the process's HTTP client. */
  public RegistryTargetCatalog(KubernetesClient client, Tenancy tenancy) {
    this(client, tenancy, RegistryHttp.shared());
  }

  public RegistryTargetCatalog(KubernetesClient client, Tenancy tenancy, RegistryHttp http) {
    this.client = Objects.requireNonNull(client, "client");
    this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
    this.sources = new HelmSources(client);
    this.helm = new HelmIndexClient(http);
    this.oci = new OciDistribution(http);
  }

  @Override
  public List<TargetFinding> check(ManagedApp app, TargetVersion target) {
    List<TargetFinding> findings = new ArrayList<>();
    Optional<ObjectRef> helmRelease = app.flux().helmRelease();
    if (helmRelease.isPresent()
        && target.version().isPresent()
        && app.git().versionPath().equals(CHART_VERSION_PATH)) {
      findings.add(chart(app, helmRelease.get(), target.version().get()));
    }
    for (Map.Entry<String, String> image : target.imageTags().entrySet()) {
      findings.add(image(image.getKey(), image.getValue()));
    }
    return findings;
  }

  private TargetFinding chart(ManagedApp app, ObjectRef ref, String version) {
    GenericKubernetesResource release =
        new GenericObject(
                FluxKind.HELM_RELEASE.apiVersion(), "HelmRelease", ref.namespace(), ref.name())
            .require(client, FluxKind.HELM_RELEASE.missingHint());
    String named = "HelmRelease " + ref;
    if (release.get("spec", "chartRef") != null) {
      String kind = HelmSources.text(release, "spec", "chartRef", "kind").orElse("source");
      return TargetFinding.unchecked(
          "chart " + version + " of " + named,
          "the chart comes from spec.chartRef (a "
              + kind
              + "), which is not looked up: only spec.chart from a HelmRepository is");
    }
    Optional<String> chart = HelmSources.text(release, "spec", "chart", "spec", "chart");
    if (chart.isEmpty()) {
      return TargetFinding.unchecked(
          "chart " + version + " of " + named, named + " has no spec.chart.spec.chart");
    }
    String kind =
        HelmSources.text(release, "spec", "chart", "spec", "sourceRef", "kind")
            .orElse(SourceKind.HELM_REPOSITORY.kind());
    Optional<String> sourceName =
        HelmSources.text(release, "spec", "chart", "spec", "sourceRef", "name");
    String sourceNamespace =
        HelmSources.text(release, "spec", "chart", "spec", "sourceRef", "namespace")
            .orElse(ref.namespace());
    String subject =
        "chart '"
            + chart.get()
            + "' "
            + version
            + " from "
            + kind
            + " "
            + sourceNamespace
            + "/"
            + sourceName.orElse("?");
    if (!kind.equals(SourceKind.HELM_REPOSITORY.kind())) {
      return TargetFinding.unchecked(
          subject,
          "a chart from a "
              + kind
              + " is versioned by the source's own files: only HelmRepositories are looked up");
    }
    if (sourceName.isEmpty()) {
      return TargetFinding.unchecked(subject, named + " has no spec.chart.spec.sourceRef.name");
    }
    if (!tenancy.allows(app.id().namespace(), sourceNamespace)) {
      return TargetFinding.unchecked(
          subject,
          "namespace "
              + sourceNamespace
              + " is not one this app's operations may read (the operator's namespace grants)");
    }
    ChartRepository repository;
    try {
      repository =
          sources.repository(ObjectRef.of(sourceNamespace, sourceName.get()), app.id().namespace());
    } catch (NotChecked e) {
      return TargetFinding.unchecked(subject, e.getMessage());
    }
    Lookup lookup = lookUp(repository, chart.get(), version);
    List<String> secrets =
        repository.credentials().map(BasicCredentials::password).stream().toList();
    return new Lookup(lookup.verdict(), Redaction.redact(lookup.detail(), secrets))
        .finding(subject);
  }

  private Lookup lookUp(ChartRepository repository, String chart, String version) {
    String host = repository.url().getHost();
    boolean plain =
        repository.oci()
            ? repository.insecure()
            : "http".equalsIgnoreCase(repository.url().getScheme());
    if (repository.credentials().isPresent() && plain && !Hosts.isLoopback(host)) {
      return Lookup.unknown(
          "the credentials of HelmRepository "
              + repository.ref()
              + "'s spec.secretRef are sent over HTTPS only, and it is reached over plain HTTP");
    }
    if (!repository.oci()) {
      return helm.check(repository.url(), chart, version, repository.credentials());
    }
    ImageName name;
    try {
      name = ImageName.ofChart(repository.url(), chart);
    } catch (IllegalArgumentException e) {
      return Lookup.unknown("HelmRepository " + repository.ref() + ": " + e.getMessage());
    }
    // Helm stores a chart version as a tag, '+' written '_' since tags may not hold it.
    return oci.hasTag(
        name, version.replace('+', '_'), repository.insecure(), repository.credentials());
  }

  private TargetFinding image(String image, String tag) {
    String subject = "image " + image + ":" + tag;
    ImageName name;
    try {
      name = ImageName.parse(image);
    } catch (IllegalArgumentException e) {
      return TargetFinding.unchecked(subject, e.getMessage());
    }
    return oci.hasTag(name, tag, false, Optional.empty()).finding(subject);
  }
}
