package io.harbormaster.control;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.kubernetes.ConflictRetry;
import io.harbormaster.kubernetes.GenericObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link FluxControl} over Flux's Kustomization and HelmRelease objects, their sources and the
 * ImageUpdateAutomations that write an app's file, read and patched as generic resources. Writes
 * are JSON patches (RFC 6902) of {@code /spec/suspend} and the reconcile annotation and of nothing
 * else ({@link #WRITABLE_PATHS}): RBAC cannot narrow a patch to fields, so the code does, and a
 * test checks every patch sent. They go under Harbormaster's own field manager:
 * kustomize-controller takes back fields owned by {@code kubectl}, so a suspend written as kubectl
 * would not hold.
 */
public final class KubernetesFluxControl implements FluxControl {
  public static final String FIELD_MANAGER = "harbormaster";
  public static final String RECONCILE_REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
  private static final String IMAGE_AUTOMATION_API_VERSION = "image.toolkit.fluxcd.io/v1";
  private static final String SEMVER_RANGE = "/spec/policy/semver/range";

  /**
   * The only paths of a Flux object the operator writes; the last, an ImagePolicy's semver range,
   * only to keep a tag a rollback undid out of it.
   */
  public static final Set<String> WRITABLE_PATHS =
      Set.of(
          "/spec/suspend", "/metadata/annotations/reconcile.fluxcd.io~1requestedAt", SEMVER_RANGE);

  private static final PatchContext JSON_PATCH =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON)
          .withFieldManager(FIELD_MANAGER)
          .build();

  private final KubernetesClient client;
  private final Clock clock;

  public KubernetesFluxControl(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  KubernetesFluxControl(KubernetesClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void suspend(FluxRef ref) {
    setSuspend(ref, true);
  }

  @Override
  public void resume(FluxRef ref) {
    setSuspend(ref, false);
  }

  @Override
  public void requestReconcile(FluxRef ref) {
    ConflictRetry.run(
        "requesting a reconcile of " + ref, () -> requestFresh(resource(ref), require(ref)));
  }

  @Override
  public void requestReconcile(FluxRef ref, String token) {
    ConflictRetry.run(
        "requesting a reconcile of " + ref,
        () -> {
          Map<String, String> annotations = require(ref).getMetadata().getAnnotations();
          if (!token.equals(annotations.get(RECONCILE_REQUESTED_AT))) {
            annotate(resource(ref), annotations, token);
          }
        });
  }

  @Override
  public void requestReconcile(SourceRef source) {
    ResourceDefinitionContext definition =
        new ResourceDefinitionContext.Builder()
            .withGroup(source.kind().group())
            .withVersion(source.kind().version())
            .withKind(source.kind().kind())
            .withPlural(source.kind().plural())
            .withNamespaced(true)
            .build();
    Resource<GenericKubernetesResource> resource =
        client
            .genericKubernetesResources(definition)
            .inNamespace(source.object().namespace())
            .withName(source.object().name());
    ConflictRetry.run(
        "requesting a fetch of " + source,
        () -> {
          GenericKubernetesResource live = resource.get();
          // A source that does not exist has nothing to fetch; what is built from it says so.
          if (live != null) {
            requestFresh(resource, live);
          }
        });
  }

  /** A {@code requestedAt} never there before, as {@code flux reconcile} writes it. */
  private void requestFresh(
      Resource<GenericKubernetesResource> resource, GenericKubernetesResource live) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    annotate(resource, annotations, freshTimestamp(annotations.get(RECONCILE_REQUESTED_AT)));
  }

  private void annotate(
      Resource<GenericKubernetesResource> resource,
      Map<String, String> annotations,
      String requestedAt) {
    // "add" sets a member of an existing object only; should the annotations vanish meanwhile, the
    // server refuses the patch and the next step asks again.
    List<Map<String, Object>> patch =
        annotations.isEmpty()
            ? List.of(
                Map.of(
                    "op",
                    "add",
                    "path",
                    "/metadata/annotations",
                    "value",
                    Map.of(RECONCILE_REQUESTED_AT, requestedAt)))
            : List.of(
                Map.of(
                    "op",
                    "add",
                    "path",
                    "/metadata/annotations/reconcile.fluxcd.io~1requestedAt",
                    "value",
                    requestedAt));
    resource.patch(JSON_PATCH, json(patch));
  }

  @Override
  public void suspendImageAutomation(ObjectRef automation) {
    setSuspend(imageAutomation(automation), true);
  }

  @Override
  public void resumeImageAutomation(ObjectRef automation) {
    setSuspend(imageAutomation(automation), false);
  }

  private void setSuspend(FluxRef ref, boolean suspend) {
    ConflictRetry.run(
        (suspend ? "suspending " : "resuming ") + ref,
        () -> patchSuspend(resource(ref), require(ref), suspend));
  }

  /** One that no longer exists writes nothing: there is nothing to hold or to let go. */
  private void setSuspend(GenericObject automation, boolean suspend) {
    Resource<GenericKubernetesResource> resource = automation.resource(client);
    ConflictRetry.run(
        (suspend ? "suspending " : "resuming ")
            + "ImageUpdateAutomation "
            + automation.namespace()
            + "/"
            + automation.name(),
        () -> {
          GenericKubernetesResource live = resource.get();
          if (live != null) {
            patchSuspend(resource, live, suspend);
          }
        });
  }

  private void patchSuspend(
      Resource<GenericKubernetesResource> resource,
      GenericKubernetesResource live,
      boolean suspend) {
    if (Boolean.TRUE.equals(live.get("spec", "suspend")) != suspend) {
      resource.patch(
          JSON_PATCH,
          json(List.of(Map.of("op", "add", "path", "/spec/suspend", "value", suspend))));
    }
  }

  /**
   * A JSON patch that first tests the range it read: the server refuses the whole patch when
   * someone changed the range since, and nothing of theirs is overwritten.
   */
  @Override
  public void narrowImagePolicy(ObjectRef policy, String range, String narrowed) {
    new GenericObject(
            IMAGE_AUTOMATION_API_VERSION, "ImagePolicy", policy.namespace(), policy.name())
        .resource(client)
        .patch(
            JSON_PATCH,
            json(
                List.of(
                    Map.of("op", "test", "path", SEMVER_RANGE, "value", range),
                    Map.of("op", "replace", "path", SEMVER_RANGE, "value", narrowed))));
  }

  private static GenericObject imageAutomation(ObjectRef automation) {
    return new GenericObject(
        IMAGE_AUTOMATION_API_VERSION,
        "ImageUpdateAutomation",
        automation.namespace(),
        automation.name());
  }

  /** RFC 3339 with nanoseconds, as the flux CLI writes it; never the value already there. */
  private String freshTimestamp(String previous) {
    Instant now = clock.instant();
    String value = now.toString();
    return value.equals(previous) ? now.plusNanos(1).toString() : value;
  }

  private GenericKubernetesResource require(FluxRef ref) {
    return object(ref).require(client, ref.kind().missingHint());
  }

  private Resource<GenericKubernetesResource> resource(FluxRef ref) {
    return object(ref).resource(client);
  }

  private static GenericObject object(FluxRef ref) {
    return new GenericObject(
        ref.kind().apiVersion(), ref.kind().kind(), ref.object().namespace(), ref.object().name());
  }

  private String json(Object patch) {
    return client.getKubernetesSerialization().asJson(patch);
  }
}
