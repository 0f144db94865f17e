package io.harbormaster.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.kubernetes.ConflictRetry;
import io.harbormaster.kubernetes.ObjectNotFoundException;
import io.harbormaster.sandbox.apiserver.MockCluster;
import io.harbormaster.sandbox.flux.FluxObjects;
import io.harbormaster.sandbox.imageautomation.ImageApi;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesFluxControlTest {
  private static final FluxRef KUSTOMIZATION =
      FluxRef.kustomization(ObjectRef.of("flux-system", "apps"));
  private static final FluxRef RELEASE = FluxRef.helmRelease(ObjectRef.of("db", "postgres"));
  private static final ObjectRef AUTOMATION = ObjectRef.of("flux-system", "web-images");
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.123456789Z");

  @RegisterExtension final MockCluster cluster = new MockCluster();

  private FluxObjects flux;
  private KubernetesFluxControl control;

  @BeforeEach
  void setUp() {
    flux = new FluxObjects(cluster.client());
    control = new KubernetesFluxControl(cluster.client(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void suspendAndResumePatchSpecSuspendUnderHarbormastersFieldManager() {
    flux.create(RELEASE);
    cluster.takeRequests();

    control.suspend(RELEASE);

    assertThat(suspendField(RELEASE)).isEqualTo(true);
    RecordedRequest patch = onlyPatch(cluster.takeRequests());
    assertThat(patch.getPath()).contains("fieldManager=harbormaster");
    assertThat(patch.getHeader("Content-Type")).startsWith("application/json-patch+json");

    control.resume(RELEASE);

    assertThat(suspendField(RELEASE)).isEqualTo(false);
    assertThat(onlyPatch(cluster.takeRequests()).getPath()).contains("fieldManager=harbormaster");
  }

  @Test
  void anImageAutomationIsHeldAtSpecSuspendAloneAndOneThatIsGoneIsLeftAlone() {
    ImageApi.create(
        cluster.client(),
        ImageApi.imageUpdateAutomation(
            AUTOMATION.namespace(),
            AUTOMATION.name(),
            "fleet",
            "main",
            "./apps/web",
            "1m",
            "Flux",
            "flux@example.com"));
    cluster.takeRequests();

    control.suspendImageAutomation(AUTOMATION);

    assertThat((Object) automation().get("spec", "suspend")).isEqualTo(true);
    RecordedRequest patch = onlyPatch(cluster.takeRequests());
    assertThat(patch.getPath())
        .startsWith(
            "/apis/image.toolkit.fluxcd.io/v1/namespaces/flux-system/imageupdateautomations/web-images")
        .contains("fieldManager=harbormaster");
    assertThat(patch.getHeader("Content-Type")).startsWith("application/json-patch+json");
    assertThat((Object) automation().get("spec", "update", "path"))
        .as("the rest of the spec untouched")
        .isEqualTo("./apps/web");

    control.resumeImageAutomation(AUTOMATION);
    control.resumeImageAutomation(ObjectRef.of("flux-system", "deleted-meanwhile"));

    assertThat((Object) automation().get("spec", "suspend")).isEqualTo(false);
    assertThat(cluster.takeRequests()).filteredOn(r -> r.getMethod().equals("PATCH")).hasSize(1);
  }

  @Test
  void anImagePolicysRangeIsNarrowedOnlyWhileItStillReadsWhatWasRead() {
    ObjectRef policy = ObjectRef.of("flux-system", "web");
    ImageApi.create(
        cluster.client(),
        ImageApi.imagePolicy(policy.namespace(), policy.name(), "web", ImageApi.semver("^1.0.0")));

    control.narrowImagePolicy(policy, "^1.0.0", "^1.0.0, !=1.6.6");

    assertThat((Object) imagePolicy(policy).get("spec", "policy", "semver", "range"))
        .isEqualTo("^1.0.0, !=1.6.6");
    assertThatThrownBy(() -> control.narrowImagePolicy(policy, "^1.0.0", "^1.0.0, !=1.7.0"))
        .as("someone changed the range since it was read")
        .isInstanceOf(KubernetesClientException.class);
    assertThat((Object) imagePolicy(policy).get("spec", "policy", "semver", "range"))
        .isEqualTo("^1.0.0, !=1.6.6");
  }

  @Test
  void suspendingASuspendedObjectWritesNothing() {
    flux.create(KUSTOMIZATION);
    control.suspend(KUSTOMIZATION);
    cluster.takeRequests();

    control.suspend(KUSTOMIZATION);

    assertThat(cluster.takeRequests()).extracting(RecordedRequest::getMethod).containsOnly("GET");
  }

  @Test
  void requestReconcileSetsAFreshRequestedAtAnnotation() {
    flux.create(KUSTOMIZATION);

    control.requestReconcile(KUSTOMIZATION);
    String first = requestedAt();
    control.requestReconcile(KUSTOMIZATION);
    String second = requestedAt();

    assertThat(first).isEqualTo("2025-01-02T03:04:05.123456789Z");
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aTrackedReconcileRequestIsWrittenOnceWithItsToken() {
    flux.create(RELEASE);

    control.requestReconcile(RELEASE, "harbormaster-0123");
    cluster.takeRequests();
    control.requestReconcile(RELEASE, "harbormaster-0123");

    assertThat(flux.resource(RELEASE).get().getMetadata().getAnnotations())
        .containsEntry(KubernetesFluxControl.RECONCILE_REQUESTED_AT, "harbormaster-0123");
    assertThat(cluster.takeRequests())
        .as("asked already: nothing written")
        .extracting(RecordedRequest::getMethod)
        .containsOnly("GET");
  }

  @Test
  void aSourceIsAskedToFetchAsFluxReconcileWithSourceDoes() {
    Resource<GenericKubernetesResource> repository =
        cluster
            .client()
            .genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
            .inNamespace("flux-system")
            .withName("fleet");
    repository.create(
        new GenericKubernetesResourceBuilder()
            .withApiVersion("source.toolkit.fluxcd.io/v1")
            .withKind("GitRepository")
            .withNewMetadata()
            .withNamespace("flux-system")
            .withName("fleet")
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("interval", "1m")))
            .build());

    control.requestReconcile(
        SourceRef.of(SourceKind.GIT_REPOSITORY, ObjectRef.of("flux-system", "fleet")));

    assertThat(repository.get().getMetadata().getAnnotations())
        .containsEntry(
            KubernetesFluxControl.RECONCILE_REQUESTED_AT, "2025-01-02T03:04:05.123456789Z");
    cluster.takeRequests();
    control.requestReconcile(
        SourceRef.of(SourceKind.OCI_REPOSITORY, ObjectRef.of("flux-system", "fleet")));
    assertThat(cluster.takeRequests())
        .as("a source that does not exist has nothing to fetch")
        .extracting(RecordedRequest::getMethod)
        .containsOnly("GET");
  }

  @Test
  void aMissingObjectIsAnErrorNamingKindAndObject() {
    assertThatThrownBy(() -> control.suspend(RELEASE))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage(
            "HelmRelease db/postgres not found: check that spec.flux.helmRelease names an existing HelmRelease");
    assertThatThrownBy(() -> control.requestReconcile(KUSTOMIZATION))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage(
            "Kustomization flux-system/apps not found: check that spec.flux.kustomization names an existing Kustomization");
  }

  @Test
  void aConflictIsRetried() {
    flux.create(KUSTOMIZATION);
    answerPatchWithConflict(KUSTOMIZATION).once();

    control.suspend(KUSTOMIZATION);

    assertThat(suspendField(KUSTOMIZATION)).isEqualTo(true);
  }

  @Test
  void conflictsAreRetriedOnlyABoundedNumberOfTimes() {
    flux.create(KUSTOMIZATION);
    answerPatchWithConflict(KUSTOMIZATION).always();
    cluster.takeRequests();

    assertThatThrownBy(() -> control.suspend(KUSTOMIZATION))
        .isInstanceOf(ConflictRetry.PersistentConflict.class)
        .hasMessageContaining("suspending Kustomization")
        .cause()
        .isInstanceOf(KubernetesClientException.class);
    assertThat(cluster.takeRequests())
        .filteredOn(r -> r.getMethod().equals("PATCH"))
        .hasSize(ConflictRetry.MAX_ATTEMPTS);
  }

  private GenericKubernetesResource imagePolicy(ObjectRef policy) {
    return ImageApi.resources(cluster.client(), ImageApi.IMAGE_POLICY)
        .inNamespace(policy.namespace())
        .withName(policy.name())
        .get();
  }

  private GenericKubernetesResource automation() {
    return ImageApi.resources(cluster.client(), ImageApi.IMAGE_UPDATE_AUTOMATION)
        .inNamespace(AUTOMATION.namespace())
        .withName(AUTOMATION.name())
        .get();
  }

  private Object suspendField(FluxRef ref) {
    return flux.resource(ref).get().get("spec", "suspend");
  }

  private String requestedAt() {
    return flux.resource(KUSTOMIZATION)
        .get()
        .getMetadata()
        .getAnnotations()
        .get(KubernetesFluxControl.RECONCILE_REQUESTED_AT);
  }

  private TimesOnceableOrHttpHeaderable<Void> answerPatchWithConflict(FluxRef ref) {
    String path =
        "/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/"
            + ref.object().namespace()
            + "/kustomizations/"
            + ref.object().name()
            + "?fieldManager=harbormaster";
    return cluster
        .server()
        .expect()
        .patch()
        .withPath(path)
        .andReturn(
            409,
            new StatusBuilder()
                .withCode(409)
                .withReason("Conflict")
                .withMessage("the object has been modified")
                .build());
  }

  private static RecordedRequest onlyPatch(List<RecordedRequest> requests) {
    assertThat(requests).filteredOn(r -> r.getMethod().equals("PATCH")).hasSize(1);
    return requests.stream().filter(r -> r.getMethod().equals("PATCH")).findFirst().orElseThrow();
  }
}
